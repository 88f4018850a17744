/** docker wait: blocks until each container stops and prints its exit code. */
import type { Gen } from "../../kernel";
import type { CommandContext } from "./lib/context";
import { eachContainer, finish } from "./lib/each";

export function* containerWait(ctx: CommandContext): Gen<number> {
  const d = ctx.client();
  return finish(
    yield* eachContainer(ctx, ctx.args, function* (name) {
      return String(yield* d.containerWait(name));
    }),
  );
}
