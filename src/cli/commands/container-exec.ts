/**
 * docker exec: runs a command in a running container (engine/containers/exec.ts) on this
 * client's stdio, and exits with its status; -d leaves it running in the background.
 */
import type { Gen } from "../../kernel";
import { execStart, execWait } from "../../engine/containers/exec";
import { EngineError } from "../../engine/client";
import { CliError, type CommandContext } from "./lib/context";

export function* containerExec(ctx: CommandContext): Gen<number> {
  const f = ctx.flags;
  const [container, ...cmd] = ctx.args;
  const interactive = f.bool("interactive");
  const tty = f.bool("tty");
  const detach = f.bool("detach");
  if (!detach && interactive && tty && !ctx.sys.isatty(0)) throw new CliError("the input device is not a TTY");
  const env: string[] = [];
  for (const file of f.list("env-file")) {
    let text: string;
    try {
      text = ctx.sys.readFile(file);
    } catch {
      throw new CliError(`open ${file}: no such file or directory`);
    }
    for (const line of text.split("\n")) if (line.trim() !== "" && !line.trimStart().startsWith("#")) env.push(line.trim());
  }
  for (const e of f.list("env")) env.push(e.includes("=") || ctx.sys.env[e] === undefined ? e : `${e}=${ctx.sys.env[e]}`);
  const workdir = f.string("workdir");
  if (workdir !== "" && !workdir.startsWith("/")) throw new CliError("OCI runtime exec failed: exec failed: Cwd must be an absolute path: unknown", 126);
  const d = ctx.client();
  let id: string;
  try {
    id = execStart(d, container, { cmd, tty, interactive, user: f.string("user") || undefined, workdir: workdir || undefined, env, detach, privileged: f.bool("privileged") });
  } catch (e) {
    // Failures of the runtime come back in the exec's own stream, without the daemon prefix.
    if (e instanceof EngineError && e.exitCode !== undefined) throw new CliError(e.message, e.exitCode);
    throw e;
  }
  if (detach) return 0;
  const code = yield* execWait(d, id);
  if (code !== 0) throw new CliError("", code);
  return 0;
}
