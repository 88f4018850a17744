/**
 * --platform of docker run / create, as docker/cli reads it: the flag, or DOCKER_DEFAULT_PLATFORM
 * when the flag is not given (command.AddPlatformFlag), parsed by the client with
 * containerd/platforms before anything reaches the daemon.
 */
import { type Platform, parsePlatform } from "../../../engine/images/platforms";
import type { FlagValues } from "../../flags";
import { CliError, type CommandContext } from "./context";
import { runUsageError } from "./run-options";

/** The --platform text: the flag's value, else $DOCKER_DEFAULT_PLATFORM, else "". */
export function platformFlag(ctx: { flags: FlagValues; sys: { env: Record<string, string> } }): string {
  return ctx.flags.changed("platform") ? ctx.flags.string("platform") : (ctx.sys.env.DOCKER_DEFAULT_PLATFORM ?? "");
}

/**
 * An error createContainer returns to run or create: docker run reports it as
 * "docker: ...\n\nRun 'docker run --help' ..." (status 125), docker create prints it as is (1).
 */
export function createCommandError(ctx: CommandContext, message: string): CliError {
  return ctx.id === "container run" ? runUsageError("run", message) : new CliError(message, 1);
}

/** The platform asked for, or undefined; a specifier containerd cannot parse is the client's error. */
export function requestedPlatform(ctx: CommandContext, value: string): Platform | undefined {
  if (value === "") return undefined;
  const parsed = parsePlatform(value);
  if (!parsed.ok) throw createCommandError(ctx, `error parsing specified platform: ${parsed.error}`);
  return parsed.platform;
}
