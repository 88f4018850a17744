/** docker rmi / docker image rm: Untagged:/Deleted: lines per image; errors after, exit 1. */
import { EngineError } from "../../engine/client";
import type { CommandHandler } from "./lib/context";

export const rmi: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const force = ctx.flags.bool("force");
  const errors: string[] = [];
  for (const ref of ctx.args) {
    try {
      let out = "";
      for (const item of d.imageRemove(ref, force)) {
        if (item.Untagged !== undefined) out += `Untagged: ${item.Untagged}\n`;
        if (item.Deleted !== undefined) out += `Deleted: ${item.Deleted}\n`;
      }
      yield* ctx.out(out);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      errors.push(`Error response from daemon: ${e.message}`);
    }
  }
  if (errors.length === 0) return 0;
  yield* ctx.err(`${errors.join("\n")}\n`);
  return 1;
};
