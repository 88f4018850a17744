/** docker create: makes the container and prints its id. */
import type { Gen } from "../../kernel";
import { commandSpec } from "../flags";
import type { CommandContext } from "./lib/context";
import { createContainer } from "./lib/create";
import { parseRunOptions } from "./lib/run-options";

const FLAGS = (commandSpec("container create")?.flags ?? []).map((f) => f[0]);

export function* containerCreate(ctx: CommandContext): Gen<number> {
  const opts = parseRunOptions(ctx.sys, "create", ctx.flags, FLAGS, ctx.args);
  const id = yield* createContainer(ctx, opts);
  yield* ctx.out(`${id}\n`);
  return 0;
}
