/** docker diff: A/C/D lines for what the container changed in its writable layer. */
import type { Gen } from "../../kernel";
import { containerChanges } from "../../engine/containers/changes";
import type { CommandContext } from "./lib/context";

export function* containerDiff(ctx: CommandContext): Gen<number> {
  const d = ctx.client();
  const c = d.container(ctx.args[0]);
  yield* ctx.out(containerChanges(d.k, c).map((ch) => `${ch.kind} ${ch.path}\n`).join(""));
  return 0;
}
