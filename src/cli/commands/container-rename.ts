/** docker rename OLD NEW. */
import type { Gen } from "../../kernel";
import { containerRename as rename } from "../../engine/containers/update";
import { CliError, type CommandContext } from "./lib/context";
import { errorText } from "./lib/each";

export function* containerRename(ctx: CommandContext): Gen<number> {
  const [oldName, newName] = ctx.args.map((a) => a.trim());
  if (oldName === "" || newName === "") throw new CliError("Error: Neither old nor new names may be empty");
  try {
    rename(ctx.client(), oldName, newName);
  } catch (e) {
    yield* ctx.err(`${errorText(e)}\n`);
    throw new CliError(`Error: failed to rename container named ${oldName}`);
  }
  return 0;
}
