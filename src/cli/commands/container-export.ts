/** docker export / docker container export: the container's filesystem as a tar archive. */
import { containerExport } from "../../engine/containers/cp";
import { writeTar } from "../../engine/images/tar";
import type { CommandHandler } from "./lib/context";
import { checkOutputPath, writeOutput } from "./image-save";

export const containerExportCommand: CommandHandler = function* (ctx) {
  const output = ctx.flags.string("output");
  checkOutputPath(ctx, output, "failed to export container");
  const d = ctx.client();
  const tar = writeTar(containerExport(d, ctx.args[0]));
  return yield* writeOutput(ctx, output, tar);
};
