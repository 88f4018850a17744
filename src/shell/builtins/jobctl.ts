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
  if (args.length === 0) {
    for (const job of [...sh.jobs.jobs]) {
      const s = yield* waitJob(job);
      if (s === "interrupted") return yield* interrupted();
      // ash keeps them: `jobs` still reports them once, as it does after a notification
      if (job.state === "done") job.changed = true;
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
      status = 127;
      continue;
    }
    const s = yield* waitJob(job);
    if (s === "interrupted") return yield* interrupted();
    status = s;
    if (job.state === "done") {
      // Like a foreground job: a waited-for job that was killed is reported.
      const sig = job.procs[job.procs.length - 1].result?.signal;
      if (sig && sig !== "INT" && sig !== "PIPE") yield* sh.write(2, `${signalDescription(sig)}\n`);
      sh.jobs.remove(job);
    }
  }
  return status;
}

/** busybox kill (ash runs kill_main in-process, so messages carry the shell's name). */
function* killBuiltin(sh: Shell, argv: string[]): Gen<number> {
  if (sh.dialect === "bash") return yield* withSelfSignal(sh, yield* bashKill(sh, argv, (spec) => sh.jobs.find(spec)));
  if (sh.dialect === "dash") return yield* withSelfSignal(sh, yield* dashKill(sh, argv, (spec) => sh.jobs.find(spec)));
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
  return yield* withSelfSignal(sh, status);
}

/** A signal to ourselves (or our group) is handled before the next command, as on Linux. */
function* withSelfSignal(sh: Shell, status: number): Gen<number> {
  try {
    yield* sh.sys.yield();
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
  }
  return status;
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
      else out += sh.jobs.format(job, withPids);
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
