/**
 * The interpreter's state (variables, options, functions, traps, jobs) and the services the
 * executor and builtins share: error messages in ash's format, forking subshells with a cloned
 * state, waiting for jobs, traps and signal handling.
 */
import type { Gen, Signal, Sys, WaitResult } from "../kernel/api";
import { Errno } from "../kernel/errno";
import type { Assign, Command, Program } from "./ast";
import { Parser, ShellSyntaxError } from "./parser";
import { ShellAbort, ShellExit } from "./errors";
import { Expander, type ExpandHost } from "./expand";
import { type Job, JobTable, statusOf } from "./jobs";
import { signalDescription, signalNumber } from "./signals";
import { optionLetters } from "./option-tables";
import { CommandHash } from "./command-hash";
import { Vars } from "./vars";

export interface EvalFlags {
  /** The last thing this process does: an external command may replace it (exec). */
  exit?: boolean;
  /** A condition (if/while test, left of && ||, after !): `set -e` does not apply. */
  tested?: boolean;
}

export const LONG_OPTIONS: Record<string, string> = {
  errexit: "e",
  noglob: "f",
  ignoreeof: "I",
  monitor: "m",
  noexec: "n",
  xtrace: "x",
  verbose: "v",
  noclobber: "C",
  allexport: "a",
  notify: "b",
  nounset: "u",
  errtrace: "E",
  vi: "vi",
  pipefail: "pipefail",
};

export type Dialect = "ash" | "bash" | "dash";

/** How each dialect words "no such command" (bash names the errno when the name has a slash). */
export function notFoundText(dialect: Dialect, name: string): string {
  if (dialect !== "bash") return "not found";
  return name.includes("/") ? "No such file or directory" : "command not found";
}

export type Evaluator = (sh: Shell, cmd: Command, flags: EvalFlags) => Gen<number>;

/** Set by exec.ts (which imports this file) to break the import cycle. */
let evaluate: Evaluator;
export function setEvaluator(e: Evaluator): void {
  evaluate = e;
}

export class Shell implements ExpandHost {
  sys: Sys;
  vars = new Vars();
  positional: string[] = [];
  arg0 = "sh";
  /** Which shell this one is being: busybox ash, or (in Debian images) bash or dash. */
  dialect: Dialect = "ash";
  /** bash's shopt options (empty for ash and dash). */
  shopts = new Map<string, boolean>();
  lastStatus = 0;
  /** Status of the last command substitution (what `x=$(cmd)` returns). */
  backStatus = 0;
  rootPid: number;
  lastBgPid: number | undefined;
  options = new Set<string>();
  functions = new Map<string, Command>();
  aliases = new Map<string, string>();
  /** Trap actions by "EXIT" or signal name; "" means ignore. */
  traps = new Map<string, string>();
  jobs = new JobTable();
  /** Commands found in $PATH so far (`hash`). */
  hashed = new CommandHash();
  /**
   * Processes the last `kill` signalled. Their death is not noticed at the very next prompt: on
   * a real machine the shell is back at its prompt before the target has run to die.
   */
  justSignalled = new Set<number>();
  /** bash: statuses of background processes already reported, for a later `wait PID`. */
  bgStatuses = new Map<number, number>();
  lineno = 0;
  /** ash's commandname: the builtin running, or the script being read; shapes error prefixes. */
  commandName: string | null = null;
  interactive = false;
  jobControl = false;
  /** Commands come from a file (script or `.`): messages show line numbers even when interactive. */
  inputFromFile = false;
  /** 0 in the main shell, more in subshells. */
  level = 0;
  loopDepth = 0;
  funcDepth = 0;
  /** Dot-script nesting (for `return`). */
  dotDepth = 0;
  /** Copies of fds kept while a builtin's redirections are in effect (closed in children). */
  savedFds = new Set<number>();
  /** Set just before exec/exit: fd restoration in finally blocks must not run then. */
  unwinding = false;
  pendingSignals: Signal[] = [];
  /** Signals this process installed handlers for. */
  private handled = new Set<Signal>();
  inTrap = false;
  exitTrapRan = false;
  /** `exit` already warned about stopped jobs once. */
  exitWarned = false;
  /** ash catches SIGINT when running -c (so it can die of it cleanly after a child). */
  catchesIntByDefault = false;
  /** getopts state: next argument index and position inside a cluster (-1: none). */
  optind = 1;
  optoff = -1;
  ttyFd = 0;
  shellPgid = 0;
  expander: Expander;
  /** bash: the `name=(...)` arguments of the declaration builtin being run, by their text "name=". */
  compoundArgs?: Map<string, Assign>;

  constructor(sys: Sys) {
    this.sys = sys;
    this.rootPid = sys.getpid();
    this.expander = new Expander(this);
  }

  // --- state for subshells ---

  cloneFor(sys: Sys): Shell {
    const c = new Shell(sys);
    c.vars = this.vars.clone();
    c.positional = [...this.positional];
    c.arg0 = this.arg0;
    c.dialect = this.dialect;
    c.shopts = new Map(this.shopts);
    c.lastStatus = this.lastStatus;
    c.rootPid = this.rootPid;
    c.lastBgPid = this.lastBgPid;
    c.hashed = this.hashed.clone();
    c.options = new Set(this.options);
    c.functions = new Map(this.functions);
    c.aliases = new Map(this.aliases);
    // Traps are reset in subshells, except ignored signals which stay ignored.
    for (const [k, v] of this.traps) if (v === "") c.traps.set(k, v);
    c.lineno = this.lineno;
    c.commandName = this.commandName;
    c.interactive = false;
    c.jobControl = false;
    c.inputFromFile = this.inputFromFile;
    c.level = this.level + 1;
    c.loopDepth = this.loopDepth;
    c.funcDepth = this.funcDepth;
    c.dotDepth = this.dotDepth;
    c.ttyFd = this.ttyFd;
    return c;
  }

  /**
   * Forks a subshell running `body` on a cloned state. `background`: no job control, so the child
   * ignores SIGINT/SIGQUIT and reads /dev/null (as ash does for `cmd &`).
   */
  *fork(
    body: (child: Shell) => Gen<number>,
    opts: { pgid?: number; background?: boolean } = {},
  ): Gen<number> {
    const parent = this;
    const handled = [...this.handled];
    const saved = [...this.savedFds];
    const main = function* (csys: Sys): Gen<number> {
      const child = parent.cloneFor(csys);
      for (const fd of saved) {
        try {
          csys.close(fd);
        } catch {
          // already closed
        }
      }
      // Handlers are the parent's closures: replace them with this child's behaviour.
      for (const sig of handled) csys.signal(sig, "default");
      if (parent.interactive) {
        for (const sig of ["TSTP", "TTIN", "TTOU", "QUIT", "TERM", "INT"] as Signal[])
          csys.signal(sig, "default");
      }
      for (const [k, v] of child.traps) if (v === "" && k !== "EXIT") csys.signal(k as Signal, "ignore");
      if (opts.background && !parent.jobControl) {
        csys.signal("INT", "ignore");
        csys.signal("QUIT", "ignore");
        try {
          const fd = csys.open("/dev/null", { read: true });
          if (fd !== 0) {
            csys.dup2(fd, 0);
            csys.close(fd);
          }
        } catch {
          // no /dev/null: leave stdin alone
        }
      }
      return yield* child.runAsProcess(() => body(child));
    };
    try {
      return this.sys.fork(main, { pgid: opts.pgid });
    } catch (e) {
      if (e instanceof Errno) return yield* this.fail(`can't fork: ${e.message}`);
      throw e;
    }
  }

  /** Runs a process's work and turns shell unwinding into its exit status (EXIT trap included). */
  *runAsProcess(body: () => Gen<number>): Gen<number> {
    let status: number;
    try {
      status = yield* body();
    } catch (e) {
      if (e instanceof ShellExit || e instanceof ShellAbort) status = e.status;
      else throw e;
    }
    return yield* this.finish(status);
  }

  /** Runs the EXIT trap (once) and returns the final status. */
  *finish(status: number): Gen<number> {
    const action = this.traps.get("EXIT");
    if (action && !this.exitTrapRan) {
      this.exitTrapRan = true;
      this.traps.delete("EXIT");
      this.lastStatus = status;
      try {
        yield* this.evalString(action);
      } catch (e) {
        if (e instanceof ShellExit) return e.status;
        if (!(e instanceof ShellAbort)) throw e;
      }
    }
    return status;
  }

  // --- messages ---

  /** ash_vmsg's prefix: "$0: [cmd: ][line N: ]"; dash always numbers lines, bash only in scripts. */
  prefix(line?: number): string {
    let s = `${this.arg0}: `;
    const builtinName = this.commandName !== null && this.commandName !== this.arg0 ? `${this.commandName}: ` : "";
    if (this.dialect === "dash") return `${s}${line ?? this.lineno}: ${builtinName}`;
    if (this.dialect === "bash") {
      const numbered = builtinName ? !this.interactive || this.inputFromFile : this.inputFromFile;
      return `${s}${numbered ? `line ${line ?? this.lineno}: ` : ""}${builtinName}`;
    }
    if (this.commandName !== null) {
      if (this.commandName !== this.arg0) s += `${this.commandName}: `;
      if (!this.interactive || this.inputFromFile) s += `line ${line ?? this.lineno}: `;
    }
    return s;
  }

  *write(fd: number, text: string): Gen<void> {
    if (text !== "") yield* writeRetrying(this.sys, fd, text);
  }

  /** Prints "prefix: msg" on stderr. */
  *message(msg: string, line?: number): Gen<void> {
    try {
      yield* this.sys.write(2, `${this.prefix(line)}${msg}\n`);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
  }

  /** bash's error_prefix: runtime errors of a shell that is not interactive name the line. */
  *lineError(msg: string, status?: number): Gen<void> {
    const line = !this.interactive || this.inputFromFile ? `line ${this.lineno}: ` : "";
    try {
      yield* this.sys.write(2, `${this.arg0}: ${line}${msg}\n`);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
    if (status !== undefined) throw new ShellAbort(status);
  }

  /** ash_msg_and_raise_error: print and abort the current command with `status`. */
  *fail(msg: string, status = 2): Gen<never> {
    yield* this.message(msg);
    throw new ShellAbort(status);
  }

  // --- options ---

  option(name: "nounset" | "noglob" | string): boolean {
    const letter = LONG_OPTIONS[name] ?? name;
    return this.options.has(letter);
  }

  /** $-, as each shell spells it. */
  optionString(): string {
    return optionLetters(this.dialect, this.options);
  }

  // --- evaluation entry points ---

  *eval(cmd: Command | null, flags: EvalFlags = {}): Gen<number> {
    if (!cmd) return 0;
    return yield* evaluate(this, cmd, flags);
  }

  /** Parses and runs a string (eval, traps, -c): one command line at a time, as ash does. */
  *evalString(text: string, flags: EvalFlags = {}): Gen<number> {
    const parser = new Parser(text, { line: this.lineno, aliases: this.aliases, bash: this.dialect === "bash" });
    let status = 0;
    for (;;) {
      let cmd: Command | null | "eof";
      try {
        cmd = parser.parseCommandLine();
      } catch (e) {
        if (e instanceof ShellSyntaxError) return yield* this.fail(`syntax error: ${e.message}`);
        throw e;
      }
      if (cmd === "eof") break;
      if (cmd) {
        status = yield* this.eval(cmd, { ...flags, exit: flags.exit === true && parser.atEof });
        this.lastStatus = status;
      }
    }
    return status;
  }

  *commandSubstitution(body: Program): Gen<string> {
    const [r, w] = this.sys.pipe();
    const pid = yield* this.fork(function* (child) {
      child.sys.close(r);
      if (w !== 1) {
        child.sys.dup2(w, 1);
        child.sys.close(w);
      }
      return yield* child.eval(body, { exit: true });
    });
    this.sys.close(w);
    let out = "";
    for (;;) {
      let chunk: string;
      try {
        chunk = yield* this.sys.read(r);
      } catch (e) {
        if (e instanceof Errno && e.code === "EINTR") {
          yield* this.runPendingTraps();
          continue;
        }
        throw e;
      }
      if (chunk === "") break;
      out += chunk;
      // The captured output is the shell's memory while it is being collected.
      yield* this.sys.alloc(chunk.length);
    }
    this.sys.close(r);
    yield* this.sys.alloc(-out.length);
    const res = yield* this.waitPid(pid);
    this.backStatus = res ? statusOf(res) : 0;
    this.lastStatus = this.backStatus;
    return out.replace(/\n+$/, "");
  }

  // --- processes and jobs ---

  /** waitpid that survives signal interruptions (running traps in between). */
  *waitPid(pid: number, untraced = false): Gen<WaitResult | null> {
    for (;;) {
      try {
        return yield* this.sys.wait(pid, { untraced });
      } catch (e) {
        if (e instanceof Errno && e.code === "EINTR") {
          yield* this.runPendingTraps();
          continue;
        }
        if (e instanceof Errno && e.code === "ECHILD") return null;
        throw e;
      }
    }
  }

  /** Waits for a foreground job; returns its status ($?), printing what ash prints. */
  *waitForeground(job: Job, negate = false): Gen<number> {
    this.justSignalled.clear();
    const status = yield* this.waitForegroundJob(job, negate);
    // The shells wait for any child meanwhile: background jobs that ended are reaped now.
    if (this.dialect === "bash" && !this.interactive) yield* this.reportBackgroundDeaths();
    else if (this.jobs.jobs.length) yield* this.reapJobs();
    return status;
  }

  /**
   * bash without a terminal reports a background job that died of a signal (but SIGINT, SIGTERM
   * and SIGPIPE) when it reaps it: "bash: line 3:  1234 Killed   sleep 100".
   */
  *reportBackgroundDeaths(): Gen<void> {
    yield* this.reapJobs();
    for (const job of this.jobs.jobs) {
      if (!job.changed || job.state !== "done") continue;
      job.changed = false;
      const last = job.procs[job.procs.length - 1].result;
      const sig = last?.signal;
      if (sig && sig !== "INT" && sig !== "TERM" && sig !== "PIPE") {
        yield* this.write(2, `${this.arg0}: line ${this.lineno}: ${this.jobs.formatDeath(job)}`);
      }
    }
    for (const job of [...this.jobs.jobs]) if (job.state === "done") this.forgetJob(job);
  }

  private *waitForegroundJob(job: Job, negate: boolean): Gen<number> {
    for (const p of job.procs) {
      while (!p.result && !p.stopped) {
        const r = yield* this.waitPid(p.pid, job.jobctl);
        if (!r) {
          p.result = { pid: p.pid, code: 127 };
          break;
        }
        this.jobs.update(r);
        if (!this.jobs.byPid(p.pid)) {
          if (r.stopped) p.stopped = true;
          else if (!r.continued) p.result = r;
        }
      }
    }
    if (job.jobctl) {
      try {
        this.sys.tcsetpgrp(this.ttyFd, this.shellPgid);
      } catch {
        // terminal gone
      }
    }
    const last = job.procs[job.procs.length - 1];
    if (job.procs.some((p) => p.stopped && !p.result)) {
      job.state = "stopped";
      job.stopSignal ??= "TSTP";
      job.changed = true;
      this.jobs.add(job);
      return 128 + signalNumber(job.stopSignal);
    }
    let status: number;
    status = statusOf(last.result!);
    if (this.options.has("pipefail")) {
      for (const p of job.procs) {
        const s = statusOf(p.result!);
        if (s !== 0) status = s;
      }
    }
    const sig = last.result!.signal;
    if (sig && sig !== "INT" && sig !== "PIPE") yield* this.write(2, `${signalDescription(sig)}\n`);
    if (this.jobs.jobs.includes(job)) this.jobs.remove(job);
    if (sig === "INT" && job.jobctl && this.interactive) {
      // The terminal sent ^C to the job only; ash then interrupts itself too: the rest of the
      // command line is abandoned and a newline precedes the next prompt.
      yield* this.write(2, "\n");
      throw new ShellAbort(130);
    }
    return negate ? (status === 0 ? 1 : 0) : status;
  }

  /** Drops a finished job; bash still knows its last process's status for `wait PID`. */
  forgetJob(job: Job): void {
    const last = job.procs[job.procs.length - 1];
    if (this.dialect === "bash" && last.result) this.bgStatuses.set(last.pid, statusOf(last.result));
    this.jobs.remove(job);
  }

  /**
   * Collects state changes of background jobs without blocking; processes in `unseen` (just
   * signalled) are left for later.
   */
  *reapJobs(unseen: ReadonlySet<number> = new Set()): Gen<void> {
    const collect = function* (this: Shell, pid: number): Gen<boolean> {
      let r: WaitResult | null;
      try {
        r = yield* this.sys.wait(pid, { nohang: true, untraced: this.jobControl, continued: this.jobControl });
      } catch (e) {
        if (e instanceof Errno) return false;
        throw e;
      }
      if (r) this.jobs.update(r);
      return r !== null;
    };
    if (unseen.size === 0) {
      while (yield* collect.call(this, -1));
      return;
    }
    for (const job of [...this.jobs.jobs]) {
      for (const p of job.procs) {
        if (!p.result && !unseen.has(p.pid)) while (yield* collect.call(this, p.pid));
      }
    }
  }

  /** ash's showjobs(SHOW_CHANGED): notices for jobs that finished or stopped. */
  *notifyJobs(fd = 2): Gen<void> {
    const deferred = this.justSignalled;
    this.justSignalled = new Set();
    yield* this.reapJobs(deferred);
    for (const job of [...this.jobs.jobs]) {
      if (!job.changed) continue;
      if (job.procs.some((p) => deferred.has(p.pid))) continue;
      job.changed = false;
      if (job.state === "running") continue;
      yield* this.write(fd, this.jobs.format(job, false, this.dialect));
      if (job.state === "done") this.forgetJob(job);
    }
  }

  // --- signals and traps ---

  /** Installs the shell's own handler for a signal (traps, interactive SIGINT). */
  catchSignal(sig: Signal): void {
    this.handled.add(sig);
    this.sys.signal(sig, (s) => {
      this.pendingSignals.push(s);
    });
  }

  uncatchSignal(sig: Signal, action: "default" | "ignore"): void {
    this.handled.delete(sig);
    this.sys.signal(sig, action);
  }

  *runPendingTraps(): Gen<void> {
    if (this.inTrap) return;
    while (this.pendingSignals.length > 0) {
      const sig = this.pendingSignals.shift()!;
      const action = this.traps.get(sig);
      if (action === undefined) {
        if (sig === "INT" && !this.interactive) {
          // No trap: SIGINT ends a non-interactive shell, by the signal itself.
          this.uncatchSignal("INT", "default");
          this.unwinding = true;
          this.sys.kill(this.sys.getpid(), "INT");
          yield* this.sys.yield();
        }
        if (sig === "INT" && this.interactive) {
          // ^C during a loop of builtins: the command line is abandoned, back to the prompt.
          yield* this.write(2, "\n");
          throw new ShellAbort(130);
        }
        continue;
      }
      if (action === "") continue;
      const saved = this.lastStatus;
      this.inTrap = true;
      try {
        yield* this.evalString(action);
      } finally {
        if (!this.unwinding) this.inTrap = false;
      }
      this.lastStatus = saved;
    }
  }
}

/** write() that resumes after a signal handler interrupted it (the shell's traps run later). */
export function* writeRetrying(sys: Sys, fd: number, text: string): Gen<number> {
  for (;;) {
    try {
      return yield* sys.write(fd, text);
    } catch (e) {
      if (!(e instanceof Errno) || e.code !== "EINTR") throw e;
    }
  }
}
