/** docker container prune: removes every stopped container after asking (-f skips the question). */
import type { Gen } from "../../kernel";
import { humanSize } from "../units";
import { containerSizes } from "../../engine/containers/changes";
import { CliError, type CommandContext } from "./lib/context";
import { confirm } from "./lib/images";

const WARNING = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?";

export function* containerPrune(ctx: CommandContext): Gen<number> {
  const filters = ctx.flags.list("filter");
  const bad = filters.find((f) => !/^(until|label!?)=/.test(f));
  if (bad) throw new CliError(`Error response from daemon: invalid filter '${bad.split("=")[0]}'`);
  const d = ctx.client();
  if (!ctx.flags.bool("force") && !(yield* confirm(ctx, WARNING))) return 0;
  const labelMatch = (labels: Record<string, string>) =>
    filters.every((f) => {
      const [key, ...rest] = f.split("=");
      const v = rest.join("=");
      if (key === "until") return true;
      const eq = v.indexOf("=");
      const has = eq < 0 ? v in labels : labels[v.slice(0, eq)] === v.slice(eq + 1);
      return key === "label" ? has : !has;
    });
  let reclaimed = 0;
  const deleted: string[] = [];
  for (const c of d.containerList(true)) {
    if (c.state.Running || c.state.Paused || c.state.Restarting) continue;
    if (!labelMatch(c.config.Labels ?? {})) continue;
    reclaimed += containerSizes(d.k, c).rw;
    d.containerRemove(c.id, {});
    deleted.push(c.id);
  }
  let out = "";
  if (deleted.length > 0) out += `Deleted Containers:\n${deleted.map((id) => `${id}\n`).join("")}\n`;
  out += `Total reclaimed space: ${humanSize(reclaimed)}\n`;
  yield* ctx.out(out);
  return 0;
}
