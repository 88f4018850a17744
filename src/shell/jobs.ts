/**
 * The job table: pipelines started by the shell, their process states, and the lines ash prints
 * for them (`jobs`, stop and completion notices).
 */
import type { Signal, WaitResult } from "../kernel/api";
import type { Dialect } from "./shell";
import { signalDescription, signalNumber } from "./signals";

export interface JobProc {
  pid: number;
  cmd: string;
  /** null while running; the wait result once it ended. */
  result: WaitResult | null;
  stopped: boolean;
}

export type JobState = "running" | "stopped" | "done";

export interface Job {
  id: number;
  pgid: number;
  procs: JobProc[];
  state: JobState;
  /** State changed since the user was last told. */
  changed: boolean;
  /** Started with job control (own process group). */
  jobctl: boolean;
  /** Signal that stopped the job. */
  stopSignal?: Signal;
  background: boolean;
  /** ash: `wait` collected it (freed when the next job is made, without job control). */
  waited?: boolean;
}

/** Exit status of a wait result as $? shows it. */
export function statusOf(r: WaitResult): number {
  if (r.signal) return 128 + signalNumber(r.signal);
  if (r.stopped) return 128 + signalNumber(r.stopped);
  return r.code ?? 0;
}

export class JobTable {
  jobs: Job[] = [];
  /** Most recent first: [0] is the current job (+), [1] the previous (-). */
  private order: number[] = [];

  clone(): JobTable {
    return new JobTable(); // subshells start with no jobs
  }

  /** Puts a job in the table (numbering it if new) and makes it the current job. */
  add(job: Job): Job {
    if (!this.jobs.includes(job)) {
      let id = 1;
      while (this.jobs.some((j) => j.id === id)) id++;
      job.id = id;
      this.jobs.push(job);
      this.jobs.sort((a, b) => a.id - b.id);
    }
    this.touch(job);
    return job;
  }

  touch(job: Job): void {
    this.order = [job.id, ...this.order.filter((i) => i !== job.id)];
  }

  remove(job: Job): void {
    this.jobs = this.jobs.filter((j) => j !== job);
    this.order = this.order.filter((i) => i !== job.id);
  }

  current(): Job | undefined {
    return this.byId(this.order[0]);
  }

  previous(): Job | undefined {
    return this.byId(this.order[1]);
  }

  byId(id: number | undefined): Job | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  byPid(pid: number): Job | undefined {
    return this.jobs.find((j) => j.procs.some((p) => p.pid === pid));
  }

  /** Records a wait result; returns the job it belongs to. */
  update(r: WaitResult): Job | undefined {
    const job = this.byPid(r.pid);
    if (!job) return undefined;
    const proc = job.procs.find((p) => p.pid === r.pid)!;
    if (r.stopped) {
      proc.stopped = true;
      job.stopSignal = r.stopped;
    } else if (r.continued) {
      proc.stopped = false;
    } else {
      proc.result = r;
      proc.stopped = false;
    }
    const prev = job.state;
    if (job.procs.every((p) => p.result)) job.state = "done";
    else if (job.procs.every((p) => p.result || p.stopped)) job.state = "stopped";
    else job.state = "running";
    if (job.state !== prev) job.changed = true;
    return job;
  }

  /** A job spec: %n, %%, %+, %-, %string, %?string. */
  find(spec: string): Job | string {
    if (spec === "%%" || spec === "%+" || spec === "%") return this.current() ?? "No current job";
    if (spec === "%-") return this.previous() ?? "No previous job";
    const body = spec.startsWith("%") ? spec.slice(1) : spec;
    if (/^\d+$/.test(body)) return this.byId(Number(body)) ?? `${spec}: no such job`;
    const matches = body.startsWith("?")
      ? this.jobs.filter((j) => j.procs.some((p) => p.cmd.includes(body.slice(1))))
      : this.jobs.filter((j) => j.procs[0].cmd.startsWith(body));
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) return `${spec}: ambiguous`;
    return `${spec}: no such job`;
  }

  /**
   * The line(s) `jobs` and job notices print. ash: status padded to column 33 after "[1]+  ";
   * dash the same after "[1] + "; bash: "[1]+  " (or "[1]+ " and the pid in 5 columns), the
   * status in 22 columns, two spaces, the command (" &" after a running one).
   */
  format(job: Job, withPids: boolean, dialect: Dialect = "ash"): string {
    const marker = job === this.current() ? "+" : job === this.previous() ? "-" : " ";
    if (dialect === "bash") {
      const state = this.stateText(job, dialect);
      const pid = withPids ? `${String(job.procs[0].pid).padStart(5)} ` : " ";
      const cmd = job.procs.map((p) => p.cmd).join(" | ");
      return `[${job.id}]${marker} ${pid}${state.padEnd(22)}  ${cmd}${job.state === "running" ? " &" : ""}\n`;
    }
    const head = dialect === "dash" ? `[${job.id}] ${marker} ` : `[${job.id}]${marker}  `;
    let line = head + (withPids ? `${job.procs[0].pid} ` : "") + this.stateText(job, dialect);
    let out = line + " ".repeat(Math.max(1, 33 - line.length)) + job.procs[0].cmd;
    for (const p of job.procs.slice(1)) {
      if (withPids) {
        line = `${" ".repeat(head.length)}${p.pid} `;
        out += `\n${line}${" ".repeat(Math.max(1, 33 - line.length))}| ${p.cmd}`;
      } else out += ` | ${p.cmd}`;
    }
    return `${out}\n`;
  }

  /** bash's notice for a background job a non-interactive shell saw die of a signal. */
  formatDeath(job: Job): string {
    const last = job.procs[job.procs.length - 1];
    const cmd = job.procs.map((p) => p.cmd).join(" | ");
    return `${String(last.pid).padStart(5)} ${this.stateText(job, "bash").padEnd(22)}  ${cmd}\n`;
  }

  private stateText(job: Job, dialect: Dialect): string {
    if (job.state === "running") return "Running";
    if (job.state === "stopped") return signalDescription(job.stopSignal ?? "TSTP");
    const last = job.procs[job.procs.length - 1].result!;
    if (last.signal) return signalDescription(last.signal);
    const code = last.code ?? 0;
    if (code === 0) return "Done";
    return dialect === "bash" ? `Exit ${code}` : `Done(${code})`;
  }
}
