/** docker save / docker image save: images as a tar archive (the OCI layout docker 25+ writes). */
import type { Gen } from "../../kernel";
import { Errno } from "../../kernel";
import { pathError } from "../../engine/containers/cp-host";
import { saveImages, saveTargets } from "../../engine/images/save";
import { CliError, type CommandContext, type CommandHandler } from "./lib/context";

/** The client's checks before streaming an archive: not to a terminal, into an existing directory. */
export function checkOutputPath(ctx: CommandContext, output: string, what: string) {
  if (output === "" && ctx.sys.isatty(1)) throw new CliError("cowardly refusing to save to a terminal. Use the -o flag or redirect");
  if (output === "") return;
  const slash = output.replace(/\/+$/, "").lastIndexOf("/");
  const dir = slash < 0 ? "." : slash === 0 ? "/" : output.slice(0, slash);
  try {
    ctx.sys.stat(dir);
  } catch (e) {
    if (e instanceof Errno) throw new CliError(`${what}: invalid output path: ${pathError("stat", dir, e)}`);
    throw e;
  }
}

/** Writes the archive to stdout, or to the file (created 0600 and renamed into place, as CopyToFile). */
export function* writeOutput(ctx: CommandContext, output: string, data: string): Gen<number> {
  if (output === "") {
    yield* ctx.out(data);
    return 0;
  }
  try {
    ctx.sys.writeFile(output, data, { mode: 0o600 });
    ctx.sys.chmod(output, 0o600);
  } catch (e) {
    if (e instanceof Errno) throw new CliError(pathError("open", output, e));
    throw e;
  }
  return 0;
}

export const imageSave: CommandHandler = function* (ctx) {
  const output = ctx.flags.string("output");
  checkOutputPath(ctx, output, "failed to save image");
  const d = ctx.client();
  const tar = saveImages(d, saveTargets(d, ctx.args));
  return yield* writeOutput(ctx, output, tar);
};
