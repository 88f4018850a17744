/**
 * The kill builtin as bash 5.2 (builtins/kill.def) and dash 0.5.12 (jobs.c killcmd) have it; busybox
 * ash's (kill_main run in-process) stays in jobctl.ts. Signal names follow each shell's table:
 * bash's "SIG" names with the real-time ones, dash's bare names where 16, 32 and 33 are numbers.
 */
import type { Gen, Signal } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { SIGNALS, signalByNumber } from "../signals";
import type { Shell } from "../shell";
import type { Job } from "../jobs";

const NSIG = 65;

/** Name of signal n (0..64) without "SIG", as bash's and dash's tables spell it; "" if none. */
function rtName(n: number): string {
  if (n === 34) return "RTMIN";
  if (n > 34 && n < 50) return `RTMIN+${n - 34}`;
  if (n >= 50 && n < 64) return `RTMAX-${64 - n}`;
  if (n === 64) return "RTMAX";
  return "";
}

function bashName(n: number): string {
  if (n === 0) return "EXIT";
  if (n >= 1 && n <= 31) return SIGNALS[n - 1];
  return rtName(n);
}

/** dash's signal_names[]: its build knows no STKFLT, and 32/33 have no name. */
function dashName(n: number): string {
  if (n === 0 || n === 16 || n === 32 || n === 33) return String(n);
  if (n >= 1 && n <= 31) return SIGNALS[n - 1];
  return rtName(n);
}

/** bash's legal_number: optional blanks and sign, digits, trailing blanks. */
function legalNumber(text: string): number | null {
  return /^\s*[+-]?\d+\s*$/.test(text) ? Number(text.trim()) : null;
}

/** bash's decode_signal (DSIG_NOCASE | DSIG_SIGPREFIX); -1 when unknown. DEBUG, ERR, RETURN are trap-only. */
function bashDecode(spec: string): number {
  const n = legalNumber(spec);
  if (n !== null) return n >= 0 && n < NSIG ? n : -1;
  const up = spec.toUpperCase();
  const name = up.startsWith("SIG") ? up.slice(3) : up;
  for (let i = 0; i < NSIG; i++) if (bashName(i) !== "" && (bashName(i) === name || bashName(i) === up)) return i;
  const extra = ["DEBUG", "ERR", "RETURN"].indexOf(up);
  return extra < 0 ? -1 : NSIG + extra;
}

/** kill(2) with a signal number: numbers our kernel has no signal for fail with EINVAL, after ESRCH. */
function killNumber(sh: Shell, pid: number, signo: number): void {
  const sig: Signal | undefined = signalByNumber(signo);
  if (signo === 0) sh.sys.kill(pid, 0);
  else if (!sig) {
    sh.sys.kill(pid, 0);
    throw new Errno("EINVAL");
  } else sh.sys.kill(pid, sig);
}

const BASH_USAGE = "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n";

function* bashSignalList(sh: Shell, args: string[]): Gen<number> {
  if (args.length === 0) {
    let out = "";
    let column = 0;
    for (let i = 1; i < NSIG; i++) {
      if (bashName(i) === "") continue;
      out += `${String(i).padStart(2)}) SIG${bashName(i)}`;
      if (++column < 5) out += "\t";
      else {
        out += "\n";
        column = 0;
      }
    }
    if (column !== 0) out += "\n";
    yield* sh.write(1, out);
    return 0;
  }
  let status = 0;
  for (const a of args) {
    let n = legalNumber(a);
    if (n !== null) {
      if (n > 128) n -= 128;
      if (n < 0 || n >= NSIG) {
        yield* sh.message(`${a}: invalid signal specification`);
        status = 1;
        continue;
      }
      if (bashName(n) !== "") yield* sh.write(1, `${bashName(n)}\n`);
      continue;
    }
    const signo = bashDecode(a);
    if (signo < 0) {
      yield* sh.message(`${a}: invalid signal specification`);
      status = 1;
      continue;
    }
    yield* sh.write(1, `${signo}\n`);
  }
  return status;
}

/** bash's kill builtin: messages "bash: kill: (PID) - No such process", status 0 if any was signalled. */
export function* bashKill(sh: Shell, argv: string[], findJob: (spec: string) => Job | string): Gen<number> {
  let list = argv.slice(1);
  if (list.length === 0) {
    yield* sh.write(2, BASH_USAGE);
    return 2;
  }
  let listing = false;
  let sawSignal = false;
  let signo = 15;
  let sigspec = "TERM";
  while (list.length > 0) {
    const word = list[0];
    if (word === "-l" || word === "-L") {
      listing = true;
      list = list.slice(1);
    } else if (word === "-s" || word === "-n") {
      if (list.length < 2) {
        yield* sh.message(`${word}: option requires an argument`);
        return 1;
      }
      sigspec = list[1];
      signo = sigspec === "0" ? 0 : bashDecode(sigspec);
      sawSignal = true;
      list = list.slice(2);
    } else if (/^-s[A-Za-z]/.test(word) || /^-n\d/.test(word)) {
      sigspec = word.slice(2);
      signo = bashDecode(sigspec);
      sawSignal = true;
      list = list.slice(1);
    } else if (word === "--") {
      list = list.slice(1);
      break;
    } else if (word === "-?") {
      yield* sh.write(2, BASH_USAGE);
      return 2;
    } else if (word.startsWith("-") && !sawSignal) {
      sigspec = word.slice(1);
      signo = bashDecode(sigspec);
      sawSignal = true;
      list = list.slice(1);
    } else break;
  }
  if (listing) return yield* bashSignalList(sh, list);
  if (signo < 0) {
    yield* sh.message(`${sigspec}: invalid signal specification`);
    return 1;
  }
  if (list.length === 0) {
    yield* sh.write(2, BASH_USAGE);
    return 2;
  }
  let succeeded = 0;
  for (const word of list) {
    const body = word.startsWith("-") ? word.slice(1) : word;
    const n = body !== "" ? legalNumber(word) : null;
    let pid: number;
    if (n !== null && n === (n | 0)) pid = n;
    else if (word !== "" && !word.startsWith("%")) {
      yield* sh.message(`${word}: arguments must be process or job IDs`);
      continue;
    } else if (body !== "") {
      const job = findJob(word);
      if (typeof job === "string") {
        yield* sh.message(job);
        continue;
      }
      pid = job.pgid > 0 ? -job.pgid : job.procs[0].pid;
    } else {
      yield* sh.message(`${word}: no such job`);
      continue;
    }
    try {
      killNumber(sh, pid, signo);
      succeeded++;
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      if (e.code === "EINVAL") yield* sh.message(`${sigspec}: invalid signal specification`);
      else yield* sh.message(`(${pid}) - ${e.message}`);
    }
  }
  return succeeded > 0 ? 0 : 1;
}

class DashError extends Error {}

/** dash's number(): digits only, else "Illegal number". */
function dashNumber(text: string): number {
  if (!/^\d+$/.test(text)) throw new DashError(`Illegal number: ${text}`);
  return Number(text);
}

/** dash's decode_signal(string, 1): a number below NSIG, or a bare name in any case. */
function dashDecode(spec: string): number {
  if (/^\d+$/.test(spec)) return Number(spec) < NSIG ? Number(spec) : -1;
  for (let i = 1; i < NSIG; i++) if (dashName(i).toUpperCase() === spec.toUpperCase()) return i;
  return -1;
}

const DASH_USAGE = "Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]";

/** dash's killcmd: errors are sh_error (status 2, the command stops); a failed kill(2) only warns. */
export function* dashKill(sh: Shell, argv: string[], findJob: (spec: string) => Job | string): Gen<number> {
  try {
    if (argv.length <= 1) throw new DashError(DASH_USAGE);
    let args = argv.slice(1);
    let signo = -1;
    let list = false;
    if (args[0].startsWith("-")) {
      signo = dashDecode(args[0].slice(1));
      if (signo < 0) {
        // nextopt("ls:"): option letters until an argument that is not an option.
        let i = 0;
        for (; i < args.length; i++) {
          const a = args[i];
          if (!a.startsWith("-") || a === "-") break;
          if (a === "--") {
            i++;
            break;
          }
          for (let j = 1; j < a.length; j++) {
            const c = a[j];
            if (c === "l") list = true;
            else if (c === "s") {
              const arg = j + 1 < a.length ? a.slice(j + 1) : args[++i];
              if (arg === undefined) throw new DashError("No arg for -s option");
              signo = dashDecode(arg);
              if (signo < 0) throw new DashError(`invalid signal number or name: ${arg}`);
              break;
            } else throw new DashError(`Illegal option -${c}`);
          }
        }
        args = args.slice(i);
      } else args = args.slice(1);
    }
    if (!list && signo < 0) signo = 15;
    if ((signo < 0 || args.length === 0) !== list) throw new DashError(DASH_USAGE);
    if (list) {
      if (args.length === 0) {
        let out = "0\n";
        for (let i = 1; i < NSIG; i++) out += `${dashName(i)}\n`;
        yield* sh.write(1, out);
        return 0;
      }
      let n = dashNumber(args[0]);
      if (n > 128) n -= 128;
      if (n > 0 && n < NSIG) yield* sh.write(1, `${dashName(n)}\n`);
      else throw new DashError(`invalid signal number or exit status: ${args[0]}`);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      let pid: number;
      if (a.startsWith("%")) {
        const job = findJob(a);
        if (typeof job === "string") throw new DashError(`No such job: ${a}`);
        pid = -(job.pgid > 0 ? job.pgid : job.procs[0].pid);
      } else pid = a.startsWith("-") ? -dashNumber(a.slice(1)) : dashNumber(a);
      try {
        killNumber(sh, pid, signo);
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        // sh_warnx("%s\n", strerror(errno)): the format's newline and the warning's own.
        yield* sh.message(`${e.message}\n`);
        status = 1;
      }
    }
    return status;
  } catch (e) {
    if (!(e instanceof DashError)) throw e;
    yield* sh.message(e.message);
    return 2;
  }
}
