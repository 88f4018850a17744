/** Job builtins: jobs fg bg wait kill. */
import type { Gen, Signal, WaitResult } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { type Job, statusOf } from "../jobs";
import { parseSignal, SIGNALS, signalByNumber, signalDescription, signalNumber } from "../signals";
import type { Shell } from "../shell";
import { bashKill, dashKill } from "./kill-flavours";
import { type Builtin, builtin } from "./types";

function* findJob(sh: Shell, spec: string | undefined): Gen<Job> {
  const r = sh.jobs.find(spec ?? "%%");
  if (typeof r === "string") return yield* sh.fail(r);
  return r;
}

function* continueJob(sh: Shell, job: Job, foreground: boolean): Gen<number> {
  for (const p of job.procs) p.stopped = false;
  job.state = "running";
  sh.jobs.touch(job);
  const text = job.procs.map((p) => p.cmd).join(" | ");
  if (foreground) {
    yield* sh.write(1, `${text}\n`);
    if (job.jobctl) {
      try {
        sh.sys.tcsetpgrp(sh.ttyFd, job.pgid);
      } catch {
        // no terminal
      }
    }
  } else yield* sh.write(1, `[${job.id}] ${text}\n`);
  try {
    if (job.pgid > 0) sh.sys.kill(-job.pgid, "CONT");
    else for (const p of job.procs) sh.sys.kill(p.pid, "CONT");
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
  }
  if (!foreground) return 0;
  job.background = false;
  return yield* sh.waitForeground(job);
}

function* waitBuiltin(sh: Shell, argv: string[]): Gen<number> {
  const args = argv.slice(1);
  const waitJob = function* (job: Job): Gen<number | "interrupted"> {
    while (job.state === "running") {
      const live = job.procs.find((p) => !p.result && !p.stopped);
      if (!live) break;
      let r: WaitResult | null;
      try {
        r = yield* sh.sys.wait(live.pid);
      } catch (e) {
        if (e instanceof Errno && e.code === "EINTR") return "interrupted";
        if (e instanceof Errno && e.code === "ECHILD") {
          live.result = { pid: live.pid, code: 127 };
          continue;
        }
        throw e;
      }
      if (r) sh.jobs.update(r);
    }
    const last = job.procs[job.procs.length - 1];
    return last.result ? statusOf(last.result) : 127;
  };
  const interrupted = function* (): Gen<number> {
    const sig = sh.pendingSignals[0];
    yield* sh.runPendingTraps();
    return 128 + (sig ? signalNumber(sig) : 0);
  };
  sh.justSignalled.clear();
  if (args.length === 0) {
    for (const job of [...sh.jobs.jobs]) {
      const s = yield* waitJob(job);
      if (s === "interrupted") return yield* interrupted();
      // ash keeps them: `jobs` still reports them once, as it does after a notification
      if (job.state === "done") {
        job.changed = true;
        job.waited = true;
      }
    }
    if (sh.dialect === "bash") {
      // bash: a script reports the ones signals killed; an interactive shell says nothing
      if (!sh.interactive) yield* sh.reportBackgroundDeaths();
      for (const job of [...sh.jobs.jobs]) if (job.state === "done") sh.forgetJob(job);
    }
    return 0;
  }
  let status = 127;
  for (const a of args) {
    let job: Job | undefined;
    if (a.startsWith("%")) job = yield* findJob(sh, a);
    else if (/^\d+$/.test(a)) job = sh.jobs.byPid(Number(a));
    else return yield* sh.fail(`Illegal number: ${a}`);
    if (!job) {
      status = sh.dialect === "bash" ? (yield* bashUnknownPid(sh, a)) : 127;
      continue;
    }
    const endedBefore = job.state === "done";
    const s = yield* waitJob(job);
    if (s === "interrupted") return yield* interrupted();
    status = s;
    if (job.state === "done") yield* reportWaited(sh, job, endedBefore);
  }
  return status;
}

/**
 * What `wait PID` says of the job it saw end. ash and dash: the signal's name, as for a foreground
 * job; an interactive one keeps a job not yet reported for the notice before the next prompt.
 * bash: the job notice when interactive, else the "line N: PID Killed" notice (not for SIGINT,
 * SIGTERM or SIGPIPE), once.
 */
function* reportWaited(sh: Shell, job: Job, endedBefore: boolean): Gen<void> {
  const sig = job.procs[job.procs.length - 1].result?.signal;
  if (sh.dialect === "bash") {
    if (job.changed && sh.interactive) yield* sh.write(2, sh.jobs.format(job, false, "bash"));
    else if (job.changed && sig && sig !== "INT" && sig !== "TERM" && sig !== "PIPE") {
      yield* sh.write(2, `${sh.arg0}: line ${sh.lineno}: ${sh.jobs.formatDeath(job)}`);
    }
    sh.forgetJob(job);
    return;
  }
  // only a job this wait saw end (ash's dowait prints the status of the job it waits for)
  if (!endedBefore && sig && sig !== "INT" && sig !== "PIPE") yield* sh.write(2, `${signalDescription(sig)}\n`);
  job.waited = true;
  if (sh.interactive && !job.changed) sh.jobs.remove(job);
}

/** bash's `wait PID` for a process that is no job: a reported one's status, else not its child. */
function* bashUnknownPid(sh: Shell, operand: string): Gen<number> {
  const known = sh.bgStatuses.get(Number(operand));
  if (known !== undefined) return known;
  yield* sh.message(`pid ${operand} is not a child of this shell`);
  return 127;
}

/** busybox kill (ash runs kill_main in-process, so messages carry the shell's name). */
function* killBuiltin(sh: Shell, argv: string[]): Gen<number> {
  if (sh.dialect === "bash") return yield* withSelfSignal(sh, argv, yield* bashKill(sh, argv, (spec) => sh.jobs.find(spec)));
  if (sh.dialect === "dash") return yield* withSelfSignal(sh, argv, yield* dashKill(sh, argv, (spec) => sh.jobs.find(spec)));
  const name = sh.arg0.slice(sh.arg0.lastIndexOf("/") + 1);
  const err = (msg: string) => sh.write(2, `${name}: ${msg}\n`);
  let args = argv.slice(1);
  let sig: Signal | 0 = "TERM";
  const parseSig = (spec: string): Signal | 0 | undefined => (spec === "0" ? 0 : parseSignal(spec));
  if (args[0] === "-l") {
    if (args.length === 1) {
      let out = "";
      SIGNALS.forEach((s, i) => {
        out += `${String(i + 1).padStart(2)}) ${s === "IO" ? "POLL" : s}\n`;
      });
      yield* sh.write(1, out);
      return 0;
    }
    let out = "";
    for (const a of args.slice(1)) {
      if (/^\d+$/.test(a)) {
        const n = Number(a) > 128 ? Number(a) - 128 : Number(a);
        const s = signalByNumber(n);
        if (!s) {
          yield* err(`bad signal name '${a}'`);
          return 1;
        }
        out += `${s === "IO" ? "POLL" : s}\n`;
      } else {
        const s = parseSignal(a);
        if (!s) {
          yield* err(`bad signal name '${a}'`);
          return 1;
        }
        out += `${signalNumber(s)}\n`;
      }
    }
    yield* sh.write(1, out);
    return 0;
  }
  if (args[0] === "-s" || args[0] === "-n") {
    const spec = args[1];
    if (spec === undefined) {
      yield* err("you need to specify whom to kill");
      return 1;
    }
    const s = parseSig(spec);
    if (s === undefined) {
      yield* err(`bad signal name '${spec}'`);
      return 1;
    }
    sig = s;
    args = args.slice(2);
  } else if (args[0]?.startsWith("-") && args[0] !== "--" && args[0].length > 1) {
    const s = parseSig(args[0].slice(1));
    if (s === undefined) {
      yield* err(`bad signal name '${args[0].slice(1)}'`);
      return 1;
    }
    sig = s;
    args = args.slice(1);
  }
  if (args[0] === "--") args = args.slice(1);
  if (args.length === 0) {
    yield* err("you need to specify whom to kill");
    return 1;
  }
  let status = 0;
  for (const a of args) {
    let pid: number;
    if (a.startsWith("%")) {
      const job = yield* findJob(sh, a);
      pid = job.pgid > 0 ? -job.pgid : job.procs[0].pid;
    } else if (/^-?\d+$/.test(a)) pid = Number(a);
    else {
      yield* err(`invalid number '${a}'`);
      status = 1;
      continue;
    }
    try {
      sh.sys.kill(pid, sig);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      yield* err(`can't kill pid ${a}: ${e.message}`);
      status = 1;
    }
  }
  return yield* withSelfSignal(sh, argv, status);
}

/**
 * A signal to ourselves (or our group) is handled before the next command, as on Linux. A signal
 * to another process is not waited for: the shell goes on (to its next prompt) before the target
 * has run and died, so the death is noticed later, as a real shell notices it.
 */
function* withSelfSignal(sh: Shell, argv: string[], status: number): Gen<number> {
  for (const a of argv.slice(1)) {
    if (/^\d+$/.test(a)) sh.justSignalled.add(Number(a));
    else if (a.startsWith("%")) {
      const job = sh.jobs.find(a);
      if (typeof job !== "string") for (const p of job.procs) sh.justSignalled.add(p.pid);
    }
  }
  if (!argv.slice(1).some((a) => targetsSelf(sh, a))) return status;
  try {
    yield* sh.sys.yield();
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
  }
  return status;
}

/** Whether a kill operand reaches the shell itself: its pid, its group (0, -pgid) or everyone (-1). */
function targetsSelf(sh: Shell, operand: string): boolean {
  if (!/^-?\d+$/.test(operand)) return false;
  const n = Number(operand);
  if (n === 0 || n === -1) return true;
  try {
    return n === sh.sys.getpid() || n === -sh.sys.getpgrp();
  } catch {
    return false;
  }
}

export const jobBuiltins: Builtin[] = [
  builtin("jobs", false, function* (sh, argv) {
    const withPids = argv.includes("-l");
    const onlyPids = argv.includes("-p");
    yield* sh.reapJobs();
    const specs = argv.slice(1).filter((a) => !a.startsWith("-"));
    const list = specs.length ? [] : [...sh.jobs.jobs];
    for (const s of specs) list.push(yield* findJob(sh, s));
    let out = "";
    for (const job of list) {
      if (onlyPids) out += `${job.pgid || job.procs[0].pid}\n`;
      else out += sh.jobs.format(job, withPids, sh.dialect);
      job.changed = false;
    }
    yield* sh.write(1, out);
    for (const job of list) if (job.state === "done") sh.jobs.remove(job);
    return 0;
  }),
  builtin("fg", false, function* (sh, argv) {
    const job = yield* findJob(sh, argv[1]);
    return yield* continueJob(sh, job, true);
  }),
  builtin("bg", false, function* (sh, argv) {
    const specs = argv.length > 1 ? argv.slice(1) : [undefined];
    for (const s of specs) {
      const job = yield* findJob(sh, s);
      yield* continueJob(sh, job, false);
    }
    return 0;
  }),
  builtin("wait", false, waitBuiltin),
  builtin("kill", false, killBuiltin),
];
