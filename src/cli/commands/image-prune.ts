/** docker image prune: dangling images (or, with -a, every image no container uses). */
import { imageConfig, imageCreated, pruneImages } from "../../engine/images/inspect";
import { humanSize } from "../units";
import type { CommandHandler } from "./lib/context";
import { confirm } from "./lib/images";
import { matchLabels, parseFilters, timestampFilter } from "./lib/images-filters";

export const imagePrune: CommandHandler = function* (ctx) {
  const all = ctx.flags.bool("all");
  const f = parseFilters(ctx.flags.all("filter"), ["label", "label!", "until"]);
  const warning = all
    ? "WARNING! This will remove all images without at least one container associated to them."
    : "WARNING! This will remove all dangling images.";
  if (!ctx.flags.bool("force") && !(yield* confirm(ctx, `${warning}\nAre you sure you want to continue?`))) return 0;
  const d = ctx.client();
  const untilValue = f.get("until")?.at(-1);
  const until = untilValue === undefined ? undefined : timestampFilter(untilValue, d.k.now() / 1e6);
  const { items, reclaimed } = pruneImages(d.k, all, (img) => {
    const labels = imageConfig(img).config?.Labels as Record<string, string> | undefined;
    if (!matchLabels(labels, f.get("label"))) return true;
    if ((f.get("label!") ?? []).some((l) => matchLabels(labels, [l]))) return true;
    return until !== undefined && imageCreated(img).sec >= until;
  });
  let out = "";
  if (items.length > 0) {
    out += "Deleted Images:\n";
    for (const i of items) out += i.Untagged !== undefined ? `untagged: ${i.Untagged}\n` : `deleted: ${i.Deleted}\n`;
    out += "\n";
  }
  out += `Total reclaimed space: ${humanSize(reclaimed)}\n`;
  yield* ctx.out(out);
  return 0;
};
