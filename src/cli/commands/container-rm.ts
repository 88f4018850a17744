/** docker rm: removes containers (-f kills running ones, -v their anonymous volumes). */
import type { Gen } from "../../kernel";
import { CliError, type CommandContext } from "./lib/context";
import { eachContainer, finish } from "./lib/each";

export function* containerRm(ctx: CommandContext): Gen<number> {
  if (ctx.flags.bool("link")) throw new CliError("docker: --link is not supported in this sandbox");
  const force = ctx.flags.bool("force");
  const volumes = ctx.flags.bool("volumes");
  const d = ctx.client();
  return finish(
    yield* eachContainer(ctx, ctx.args, (name) => {
      d.containerRemove(name, { force, volumes });
      return name;
    }),
  );
}
