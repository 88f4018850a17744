/**
 * docker attach: this terminal to a running container's streams; Ctrl-P Ctrl-Q detaches ("read
 * escape sequence", status 1, as the real client reports it), else the container's exit status.
 */
import type { Gen } from "../../kernel";
import { EngineError } from "../../engine/client";
import { logEnd } from "../../engine/containers/attach";
import { attachStreams } from "./lib/attach-stream";
import { CliError, type CommandContext } from "./lib/context";

export function* containerAttach(ctx: CommandContext): Gen<number> {
  const d = ctx.client();
  const c = d.container(ctx.args[0]);
  if (!c.state.Running) throw new CliError("You cannot attach to a stopped container, start it first");
  if (c.state.Paused) throw new CliError("You cannot attach to a paused container, unpause it first");
  if (c.state.Restarting) throw new CliError("You cannot attach to a restarting container, wait until it is running");
  const stdin = c.config.OpenStdin && !ctx.flags.bool("no-stdin");
  if (stdin && c.config.Tty && !ctx.sys.isatty(0)) throw new CliError("the input device is not a TTY");
  // World records are drafts valid only until the next yield: keep plain values.
  const id = c.id;
  const end = yield* attachStreams(ctx.sys, d, {
    id,
    stdin,
    stdout: true,
    stderr: true,
    tty: c.config.Tty,
    detachKeys: ctx.flags.string("detach-keys"),
    from: logEnd(d, c.id),
  });
  if (end === "detached") throw new CliError("read escape sequence");
  let code = 0;
  try {
    code = yield* d.containerWait(id);
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
  }
  if (code !== 0) throw new CliError("", code);
  return 0;
}
