/**
 * docker run: create, attach, start; then wait for the exit code (the command's own status), or
 * with -d print the id. --rm removes the container once it has exited.
 */
import type { Gen, Signal } from "../../kernel";
import { EngineError } from "../../engine/client";
import { logEnd } from "../../engine/containers/attach";
import { commandSpec } from "../flags";
import { attachStreams } from "./lib/attach-stream";
import { CliError, type CommandContext } from "./lib/context";
import { createContainer } from "./lib/create";
import { parseRunOptions } from "./lib/run-options";

const FLAGS = (commandSpec("container run")?.flags ?? []).map((f) => f[0]);

/** Signals the client forwards to the container (ForwardAllSignals), as far as it receives them. */
const PROXIED: Signal[] = ["INT", "TERM", "HUP", "QUIT", "USR1", "USR2"];

export function* containerRun(ctx: CommandContext): Gen<number> {
  const { sys } = ctx;
  const opts = parseRunOptions(sys, "run", ctx.flags, FLAGS, ctx.args);
  if (opts.detach && ctx.flags.changed("attach")) throw new CliError("conflicting options: cannot specify both --attach and --detach");
  if (!opts.detach && opts.attach.stdin && opts.tty && !sys.isatty(0)) throw new CliError("the input device is not a TTY");
  const d = ctx.client();
  const id = yield* createContainer(ctx, opts);
  const attached = opts.attach.stdin || opts.attach.stdout || opts.attach.stderr;
  if (!attached) {
    // The client prints the id while it asks the daemon to start the container.
    yield* ctx.out(`${id}\n`);
    d.containerStart(id);
    return 0;
  }
  const from = logEnd(d, id);
  try {
    d.containerStart(id);
  } catch (e) {
    if (opts.autoRemove) removeQuietly(ctx, id);
    throw e;
  }
  if (opts.sigProxy && !opts.tty)
    for (const sig of PROXIED)
      sys.signal(sig, (s) => {
        try {
          d.containerKill(id, s);
        } catch {
          // not running any more
        }
      });
  const end = yield* attachStreams(sys, d, { id, ...opts.attach, tty: opts.tty, detachKeys: opts.detachKeys, from });
  if (end === "detached") return 0;
  const code = yield* d.containerWait(id);
  if (opts.autoRemove) removeQuietly(ctx, id);
  return code;
}

function removeQuietly(ctx: CommandContext, id: string) {
  try {
    ctx.client().containerRemove(id, { force: true, volumes: true });
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
  }
}
