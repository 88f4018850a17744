/** docker system prune: stopped containers, unused networks, (anonymous) volumes, images. */
import { EngineError } from "../../engine/client";
import { pruneImages } from "../../engine/images/inspect";
import { pruneNetworks } from "../../engine/networks/networks";
import { containerSizeRw } from "../../engine/system/df";
import { pruneVolumes } from "../../engine/volumes/volumes";
import { humanSize } from "../units";
import type { CommandHandler } from "./lib/context";
import { confirm } from "./lib/images";
import { parseFilters } from "./lib/images-filters";

export const systemPrune: CommandHandler = function* (ctx) {
  const all = ctx.flags.bool("all");
  const withVolumes = ctx.flags.bool("volumes");
  const f = parseFilters(ctx.flags.all("filter"), ["label", "label!", "until"]);
  if (f.size > 0) throw new EngineError("docker system prune --filter is not supported in this sandbox", 400);
  const warning = [
    "WARNING! This will remove:",
    "  - all stopped containers",
    "  - all networks not used by at least one container",
    ...(withVolumes ? ["  - all anonymous volumes not used by at least one container"] : []),
    all ? "  - all images without at least one container associated to them" : "  - all dangling images",
    all ? "  - all build cache" : "  - unused build cache",
    "",
    "Are you sure you want to continue?",
  ].join("\n");
  if (!ctx.flags.bool("force") && !(yield* confirm(ctx, warning))) return 0;
  const d = ctx.client();
  let reclaimed = 0;
  let out = "";
  const stopped = d.containerList(true).filter((c) => !c.state.Running).reverse();
  if (stopped.length > 0) {
    out += "Deleted Containers:\n";
    for (const c of stopped) {
      reclaimed += containerSizeRw(d.k, c);
      d.containerRemove(c.id);
      out += `${c.id}\n`;
    }
    out += "\n";
  }
  const nets = pruneNetworks(d.k);
  if (nets.length > 0) out += `Deleted Networks:\n${nets.map((n) => `${n}\n`).join("")}\n`;
  if (withVolumes) {
    const v = pruneVolumes(d.k);
    reclaimed += v.reclaimed;
    if (v.deleted.length > 0) out += `Deleted Volumes:\n${v.deleted.map((n) => `${n}\n`).join("")}\n`;
  }
  const imgs = pruneImages(d.k, all);
  reclaimed += imgs.reclaimed;
  if (imgs.items.length > 0) {
    out += "Deleted Images:\n";
    for (const i of imgs.items) out += i.Untagged !== undefined ? `untagged: ${i.Untagged}\n` : `deleted: ${i.Deleted}\n`;
    out += "\n";
  }
  out += `Total reclaimed space: ${humanSize(reclaimed)}\n`;
  yield* ctx.out(out);
  return 0;
};
