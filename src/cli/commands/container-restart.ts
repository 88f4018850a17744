/** docker restart: stop (with -t/-s) then start; prints each name. */
import type { Gen } from "../../kernel";
import type { CommandContext } from "./lib/context";
import { eachContainer, finish } from "./lib/each";

export function* containerRestart(ctx: CommandContext): Gen<number> {
  const timeout = ctx.flags.changed("timeout") ? ctx.flags.int("timeout") : ctx.flags.changed("time") ? ctx.flags.int("time") : undefined;
  const signal = ctx.flags.changed("signal") ? ctx.flags.string("signal") : undefined;
  const d = ctx.client();
  return finish(
    yield* eachContainer(ctx, ctx.args, function* (name) {
      yield* d.containerRestart(name, timeout, signal);
      return name;
    }),
  );
}
