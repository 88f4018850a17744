/** docker kill: a signal (SIGKILL by default) to each container's init; prints each name. */
import type { Gen } from "../../kernel";
import type { CommandContext } from "./lib/context";
import { eachContainer, finish } from "./lib/each";

export function* containerKill(ctx: CommandContext): Gen<number> {
  const signal = ctx.flags.changed("signal") ? ctx.flags.string("signal") : "KILL";
  const d = ctx.client();
  return finish(
    yield* eachContainer(ctx, ctx.args, (name) => {
      d.containerKill(name, signal);
      return name;
    }),
  );
}
