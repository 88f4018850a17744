/** docker pause: freezes every process of each container. */
import type { Gen } from "../../kernel";
import { containerPause as pause } from "../../engine/containers/pause";
import type { CommandContext } from "./lib/context";
import { eachContainer, finish } from "./lib/each";

export function* containerPause(ctx: CommandContext): Gen<number> {
  const d = ctx.client();
  return finish(
    yield* eachContainer(ctx, ctx.args, (name) => {
      pause(d, name);
      return name;
    }),
  );
}
