/** Shared pieces of the util-linux tools (unshare, nsenter, lsns): messages, exec and waiting. */
import type { Gen, Sys } from "../../kernel/api";
import { execvp } from "../lib/execvp";
import { asErrno, err, progName } from "../lib/io";
import { kernelSignal } from "./signames";
import { signalNumber } from "../../kernel/proc/signals";

/** err()/errx() from util-linux: "prog: msg" and, for err(), ": strerror". */
export function* utilErr(sys: Sys, msg: string, errnoMessage?: string): Gen<void> {
  yield* err(sys, `${progName(sys)}: ${msg}${errnoMessage !== undefined ? `: ${errnoMessage}` : ""}\n`);
}

/** The "Try 'prog --help'" line after an option error. */
export function* tryHelp(sys: Sys, msg: string): Gen<number> {
  const name = progName(sys);
  yield* err(sys, `${name}: ${msg}\nTry '${name} --help' for more information.\n`);
  return 1;
}

/** execvp() of a command, or exec_shell(): $SHELL (default /bin/sh) as a login shell "-sh". */
export function* execCommand(sys: Sys, argv: string[]): Gen<number> {
  if (argv.length === 0) {
    const shell = sys.env.SHELL || "/bin/sh";
    const base = shell.slice(shell.lastIndexOf("/") + 1);
    try {
      sys.exec(shell, [`-${base}`]);
    } catch (e) {
      return yield* execFailed(sys, shell, e);
    }
  }
  try {
    execvp(sys, argv[0], argv);
  } catch (e) {
    return yield* execFailed(sys, argv[0], e);
  }
}

function* execFailed(sys: Sys, name: string, e: unknown): Gen<number> {
  const er = asErrno(e);
  yield* utilErr(sys, `failed to execute ${name}`, er.message);
  return er.code === "ENOENT" ? 127 : 126;
}

/** Waits for a forked child and ends the same way it did: its exit code, or its signal. */
export function* exitLikeChild(sys: Sys, pid: number): Gen<number> {
  for (;;) {
    const r = yield* sys.wait(pid, { untraced: true });
    if (!r) continue;
    if (r.stopped) {
      sys.kill(sys.getpid(), "STOP");
      sys.kill(pid, "CONT");
      continue;
    }
    if (r.signal) {
      const n = signalNumber(r.signal);
      const sig = kernelSignal(n);
      if (sig && sig !== "KILL" && sig !== "STOP") sys.signal(sig, "default");
      if (sig) sys.kill(sys.getpid(), sig);
      return 128 + n;
    }
    return r.code ?? 1;
  }
}
