/**
 * Until the docker program registers these commands, tests run them through a docker binary that
 * dispatches exactly as src/cli/program.ts does, on a host with dockerd started.
 */
import type { Gen, Kernel, ProgramDef, Sys } from "../../../src/kernel";
import { EngineError } from "../../../src/engine/client";
import { startDocker } from "../../../src/engine/daemon";
import { helpOutput, parseDockerCommandLine } from "../../../src/cli/flags";
import { IMAGE_SYSTEM_COMMANDS } from "../../../src/cli/commands/image-index";
import { CliError, DaemonUnavailable, makeContext } from "../../../src/cli/commands/lib/context";
import { newHost, run, type RunOptions, type RunResult } from "../../helpers/host";

function* dockerMain(sys: Sys): Gen<number> {
  const line = parseDockerCommandLine(sys.argv.slice(1));
  if (line.kind === "exit") {
    if (line.stdout) yield* sys.write(1, line.stdout);
    if (line.stderr) yield* sys.write(2, line.stderr);
    return line.exitCode;
  }
  if (line.kind === "help") {
    const h = helpOutput(line);
    if (h.stdout) yield* sys.write(1, h.stdout);
    if (h.stderr) yield* sys.write(2, h.stderr);
    return 0;
  }
  const handler = IMAGE_SYSTEM_COMMANDS[line.id];
  if (!handler) throw new Error(`no handler for ${line.id}`);
  const ctx = makeContext(sys, { sys, id: line.id, key: line.key, flags: line.flags, globals: line.globals, args: line.args });
  try {
    return yield* handler(ctx);
  } catch (e) {
    let message: string;
    let code = 1;
    if (e instanceof EngineError) message = `Error response from daemon: ${e.message}`;
    else if (e instanceof DaemonUnavailable) message = e.message;
    else if (e instanceof CliError) {
      message = e.message;
      code = e.code;
    } else throw e;
    if (message !== "") yield* sys.write(2, `${message}\n`);
    return code;
  }
}

const dockerProgram: ProgramDef = { name: "docker", main: dockerMain };

export function dockerHost(): Kernel {
  const k = newHost({ extra: [dockerProgram] });
  startDocker(k);
  return k;
}

export function docker(k: Kernel, args: string[], opts: RunOptions = {}): RunResult {
  return run(k, ["docker", ...args], opts);
}
