/** docker rm: removes containers (-f kills running ones, -v their anonymous volumes, --link a link). */
import type { Gen } from "../../kernel";
import { removeLink } from "../../engine/networks/link-remove";
import { CliError, type CommandContext } from "./lib/context";
import { eachContainer, finish } from "./lib/each";

export function* containerRm(ctx: CommandContext): Gen<number> {
  const force = ctx.flags.bool("force");
  const volumes = ctx.flags.bool("volumes");
  const link = ctx.flags.bool("link");
  const d = ctx.client();
  return finish(
    yield* eachContainer(ctx, ctx.args, (name) => {
      // The client asks for the name without its slashes and prints it as given.
      const target = name.replace(/^\/+|\/+$/g, "");
      if (target === "") throw new CliError("Container name cannot be empty");
      if (link) removeLink(d.k, target, (n) => d.container(n));
      else d.containerRemove(target, { force, volumes });
      return name;
    }),
  );
}
