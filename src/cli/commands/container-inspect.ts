/** docker container inspect: the daemon's JSON for each container, or a --format template. */
import type { Gen } from "../../kernel";
import { CliError, type CommandContext } from "./lib/context";
import { CONTAINER_MAP_KEYS, containerJSON } from "./lib/container-json";
import { errorText } from "./lib/each";
import { renderInspect } from "./lib/inspect-render";

export function* containerInspect(ctx: CommandContext): Gen<number> {
  let d: ReturnType<CommandContext["client"]>;
  try {
    d = ctx.client();
  } catch (e) {
    // The inspector prints its (empty) result before the connection error.
    yield* ctx.out(ctx.flags.string("format") === "" ? "[]\n" : "\n");
    throw e;
  }
  const found: Record<string, unknown>[] = [];
  const errors: string[] = [];
  for (const name of ctx.args) {
    try {
      found.push(containerJSON(d, d.container(name), ctx.flags.bool("size")));
    } catch (e) {
      errors.push(errorText(e));
    }
  }
  const r = renderInspect(found, ctx.flags.string("format"), CONTAINER_MAP_KEYS);
  yield* ctx.out(r.stdout);
  const all = [...r.errors, ...errors];
  if (all.length > 0) throw new CliError(all.join("\n"));
  return 0;
}
