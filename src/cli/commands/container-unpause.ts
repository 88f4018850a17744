/** docker unpause: thaws the processes of each paused container. */
import type { Gen } from "../../kernel";
import { containerUnpause as unpause } from "../../engine/containers/pause";
import type { CommandContext } from "./lib/context";
import { eachContainer, finish } from "./lib/each";

export function* containerUnpause(ctx: CommandContext): Gen<number> {
  const d = ctx.client();
  return finish(
    yield* eachContainer(ctx, ctx.args, (name) => {
      unpause(d, name);
      return name;
    }),
  );
}
