/**
 * docker build / docker image build / docker builder build: building images is not part of this
 * sandbox. The command line is still read as the real client reads it (flags, arguments, the
 * legacy builder's deprecation banner, --help), then the build is refused plainly.
 */
import { CliError, type CommandHandler } from "./lib/context";

export const imageBuild: CommandHandler = function* (ctx) {
  throw new CliError(`docker ${ctx.key}: building images is not supported in this sandbox`);
};
