/**
 * docker start: starts each container and prints its name; with -a/-i attaches to one container
 * and ends with its exit status.
 */
import type { Gen } from "../../kernel";
import { logEnd } from "../../engine/containers/attach";
import { attachStreams } from "./lib/attach-stream";
import { CliError, type CommandContext } from "./lib/context";
import { errorText } from "./lib/each";

export function* containerStart(ctx: CommandContext): Gen<number> {
  const attach = ctx.flags.bool("attach");
  const interactive = ctx.flags.bool("interactive");
  for (const f of ["checkpoint", "checkpoint-dir"]) if (ctx.flags.changed(f)) throw new CliError(`--${f} is not supported in this sandbox`);
  const d = ctx.client();
  if (attach || interactive) {
    if (ctx.args.length > 1) throw new CliError("you cannot start and attach multiple containers at once");
    const c = d.container(ctx.args[0]);
    if (interactive && c.config.Tty && !ctx.sys.isatty(0)) throw new CliError("the input device is not a TTY");
    // World records are drafts valid only until the next yield: keep plain values.
    const id = c.id;
    const from = logEnd(d, id);
    d.containerStart(id);
    const end = yield* attachStreams(ctx.sys, d, {
      id,
      stdin: interactive && c.config.OpenStdin,
      stdout: true,
      stderr: true,
      tty: c.config.Tty,
      detachKeys: ctx.flags.string("detach-keys"),
      from,
    });
    if (end === "detached") return 0;
    const code = yield* d.containerWait(id);
    if (code !== 0) throw new CliError("", code);
    return 0;
  }
  const failed: string[] = [];
  for (const name of ctx.args) {
    try {
      d.containerStart(name);
    } catch (e) {
      yield* ctx.err(`${errorText(e)}\n`);
      failed.push(name);
      continue;
    }
    yield* ctx.out(`${name}\n`);
  }
  if (failed.length > 0) throw new CliError(`Error: failed to start containers: ${failed.join(", ")}`);
  return 0;
}
