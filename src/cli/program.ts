/**
 * The `docker` program: reads the command line as the real client does (flags/), then runs the
 * command's handler (commands/index.ts) against the daemon at /var/run/docker.sock, and turns its
 * errors into docker's messages and exit statuses.
 */
import type { Gen, ProgramDef, Sys } from "../kernel";
import { EngineError } from "../engine/client";
import { helpOutput, helpTextsLoaded, loadHelpTexts, parseDockerCommandLine } from "./flags";
import { RESOURCE_FLAG_VALIDATORS } from "./commands/lib/resource-flags";
import { COMMANDS } from "./commands";
import { CliError, DaemonUnavailable, makeContext } from "./commands/lib/context";

function* write(sys: Sys, fd: number, text: string): Gen<void> {
  if (text.length > 0) yield* sys.write(fd, text);
}

function* dockerMain(sys: Sys): Gen<number> {
  const line = parseDockerCommandLine(sys.argv.slice(1), { extraValidators: RESOURCE_FLAG_VALIDATORS });
  if (line.kind === "exit") {
    yield* write(sys, 1, line.stdout);
    yield* write(sys, 2, line.stderr);
    return line.exitCode;
  }
  if (line.kind === "help") {
    if (!helpTextsLoaded()) {
      // The texts are normally preloaded while the session boots; this is the slow path.
      yield* write(sys, 2, "docker: help texts are not loaded yet; try again in a moment\n");
      void loadHelpTexts();
      return 1;
    }
    const h = helpOutput(line);
    yield* write(sys, 1, h.stdout);
    yield* write(sys, 2, h.stderr);
    return 0;
  }
  yield* write(sys, 1, line.stdout);
  yield* write(sys, 2, line.stderr);
  const handler = COMMANDS[line.id];
  if (!handler) {
    yield* write(sys, 2, `docker: '${line.key}' is not implemented in this sandbox yet\n`);
    return 1;
  }
  const ctx = makeContext(sys, { sys, id: line.id, key: line.key, flags: line.flags, globals: line.globals, args: line.args });
  try {
    return yield* handler(ctx);
  } catch (e) {
    if (!(e instanceof EngineError || e instanceof DaemonUnavailable || e instanceof CliError)) throw e;
    const { message, code } = errorReport(e, line.id, line.key);
    if (message !== "") yield* write(sys, 2, `${message}\n`);
    return code;
  }
}

/** The message and status docker gives for an error a command returned. */
export function errorReport(e: EngineError | DaemonUnavailable | CliError, id: string, key: string): { message: string; code: number } {
  if (e instanceof CliError) return { message: e.message, code: e.code };
  const text = e instanceof EngineError ? `Error response from daemon: ${e.message}` : e.message;
  if (id !== "container run") return { message: text, code: 1 };
  // docker run: "docker: <err>\n\nRun 'docker run --help' …", and runStartContainerErr's status.
  const code = /executable file not found|no such file or directory/.test(text) ? 127 : /permission denied|is a directory/.test(text) ? 126 : 125;
  return { message: `docker: ${text}\n\nRun 'docker ${key.split(" ").pop()} --help' for more information`, code };
}

export const dockerPrograms: ProgramDef[] = [{ name: "docker", main: dockerMain, rss: 40 * 1024 * 1024 }];
