/**
 * kill and killall: busybox 1.35 (procps/kill.c). Options are parsed by hand, as busybox does:
 * only the first argument may be an option ("-l", "-q" for killall, "-SIG", "-s SIG", "--").
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { usageError } from "../lib/busybox";
import { asErrno, out, warn } from "../lib/io";
import { findPidsByName } from "./procscan";
import { kernelSignal, signalList, signame, signum } from "./signames";

const KILLALL_USAGE =
  "killall [-lq] [-SIG] PROCESS_NAME...\n\nSend a signal (default: TERM) to given processes\n\n\t-l\tList all signal names and numbers\n\t-q\tDon't complain if no processes were killed";

/** kill(2) with a signal number; numbers the kernel has no name for fail with EINVAL. */
export function sendSignal(sys: Sys, pid: number, signo: number): void {
  if (signo === 0) {
    sys.kill(pid, 0);
    return;
  }
  const sig = kernelSignal(signo);
  if (!sig) throw new Errno("EINVAL");
  sys.kill(pid, sig);
}

/** "kill -l [SIG...]": the list, or each name's number / each number's name. */
function* listSignals(sys: Sys, args: string[]): Gen<number> {
  if (args.length === 0) {
    yield* out(sys, signalList());
    return 0;
  }
  for (const arg of args) {
    if (/^\d/.test(arg)) {
      if (!/^\d+$/.test(arg) || Number(arg) > 0xffffffff) {
        yield* warn(sys, `unknown signal '${arg}'`);
        return 1;
      }
      // Exit codes above 128 stand for "killed by signal (code & 0x7f)".
      yield* out(sys, `${signame(Number(arg) & 0x7f)}\n`);
    } else {
      const n = signum(arg);
      if (n < 0) {
        yield* warn(sys, `unknown signal '${arg}'`);
        return 1;
      }
      yield* out(sys, `${n}\n`);
    }
  }
  return 0;
}

function* killMain(sys: Sys, killall: boolean): Gen<number> {
  const argv = sys.argv;
  let i = 1;
  let signo = 15;
  let quiet = false;
  let arg = argv[i];
  if (arg === "-l") return yield* listSignals(sys, argv.slice(2));
  if (killall && arg === "-q") {
    quiet = true;
    arg = argv[++i];
    if (arg === undefined) return yield* usageError(sys, KILLALL_USAGE);
  }
  if (arg?.startsWith("-")) {
    let name = arg.slice(1);
    if (name === "-") arg = argv[++i];
    else {
      if (name === "s" && argv[i + 1] !== undefined) name = argv[++i];
      signo = signum(name);
      if (signo < 0) {
        yield* warn(sys, `bad signal name '${name}'`);
        return 1;
      }
      arg = argv[++i];
    }
  }
  if (arg === undefined) {
    yield* warn(sys, "you need to specify whom to kill");
    return 1;
  }
  let errors = 0;
  const me = sys.getpid();
  for (; i < argv.length; i++) {
    arg = argv[i];
    if (killall) {
      const pids = findPidsByName(sys, arg);
      if (pids.length === 0) {
        errors++;
        if (!quiet) yield* warn(sys, `${arg}: no process killed`);
        continue;
      }
      for (const pid of pids) {
        if (pid === me) continue;
        try {
          sendSignal(sys, pid, signo);
        } catch (e) {
          errors++;
          if (!quiet) yield* warn(sys, `can't kill pid ${pid}: ${asErrno(e).message}`);
        }
      }
      continue;
    }
    const text = arg.startsWith(" ") ? arg.slice(1) : arg;
    if (!/^-?\d+$/.test(text) || Math.abs(Number(text)) > 2147483647) {
      yield* warn(sys, `invalid number '${text}'`);
      errors++;
      continue;
    }
    const pid = Number(text);
    try {
      sendSignal(sys, pid, signo);
    } catch (e) {
      yield* warn(sys, `can't kill pid ${pid}: ${asErrno(e).message}`);
      errors++;
    }
  }
  return errors;
}

export const kill: ProgramDef = {
  name: "kill",
  main: (sys) => killMain(sys, false),
};

export const killall: ProgramDef = {
  name: "killall",
  main: (sys) => killMain(sys, true),
};
