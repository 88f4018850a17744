/**
 * The executor: walks the syntax tree. External commands run as processes (fork, then exec in
 * the child); builtins, functions and compound commands run in the shell with their
 * redirections undone afterwards, as ash's evaltree/evalcommand do.
 */
import type { Gen } from "../kernel/api";
import { Errno } from "../kernel/errno";
import { performAssign } from "./assign";
import type { Assign, Case, Command, For, If, List, Loop, Pipeline, Redir, SimpleCommand } from "./ast";
import { type Builtin, findBuiltin } from "./builtins/registry";
import { immediate } from "./builtins/types";
import { deparse } from "./deparse";
import { BreakLoop, ContinueLoop, ReturnFromFunction, ShellAbort, ShellExit } from "./errors";
import type { Job } from "./jobs";
import { evalCond } from "./cond";
import { matchPattern } from "./pattern";
import { applyRedirs, restoreRedirs, type SavedFd } from "./redirect";
import { type EvalFlags, notFoundText, type Shell, setEvaluator } from "./shell";
import { ReadonlyError } from "./vars";
import { xtraceLine } from "./xtrace";
import { bashPrintableName, enoexecAction } from "./enoexec";

/** CPU time one simple command costs the shell (a builtin takes about this on a real machine). */
const SIMPLE_COMMAND_USEC = 2;
/** The shell gives others a turn every this many commands, and pays its CPU time per slice. */
const COMMANDS_PER_TURN = 50;
const CPU_SLICE_USEC = 1000;

/**
 * Commands cost the shell CPU, paid by the slice like a scheduler's timeslice: a loop of builtins
 * takes time, shares the CPUs and lets a signal (^C) in between two commands, while a short script
 * runs at once (it does not wait for a CPU tick per command).
 */
function* spendCpu(sh: Shell): Gen<void> {
  const spent = (cpuSpent.get(sh) ?? 0) + SIMPLE_COMMAND_USEC;
  cpuSpent.set(sh, spent);
  try {
    // Variables' contents are the shell's memory: charge what grew since the last command.
    const held = memCharged.get(sh) ?? 0;
    if (sh.vars.bytes !== held) {
      memCharged.set(sh, sh.vars.bytes);
      sh.sys.charge(sh.vars.bytes - held);
    }
    if (spent >= CPU_SLICE_USEC) {
      cpuSpent.set(sh, 0);
      yield* sh.sys.cpu(spent);
    } else if ((spent / SIMPLE_COMMAND_USEC) % COMMANDS_PER_TURN === 0) yield* sh.sys.yield();
  } catch (e) {
    // A signal handler ran: the shell's traps run at the next command boundary.
    if (!(e instanceof Errno) || e.code !== "EINTR") throw e;
  }
}

const cpuSpent = new WeakMap<Shell, number>();
const memCharged = new WeakMap<Shell, number>();

export function* evalCommand(sh: Shell, cmd: Command, flags: EvalFlags): Gen<number> {
  if (sh.pendingSignals.length) yield* sh.runPendingTraps();
  if (sh.options.has("n") && !sh.interactive) return 0;
  let status: number;
  let checkExit = false;
  switch (cmd.type) {
    case "simple":
      yield* spendCpu(sh);
      if (sh.pendingSignals.length) yield* sh.runPendingTraps();
      status = yield* evalSimple(sh, cmd, flags);
      checkExit = true;
      break;
    case "pipeline":
      status = yield* evalPipeline(sh, cmd, flags, false);
      checkExit = !cmd.negate;
      break;
    case "and":
    case "or": {
      const left = yield* evalCommand(sh, cmd.left, { tested: true });
      sh.lastStatus = left;
      if ((cmd.type === "and") === (left === 0)) {
        status = yield* evalCommand(sh, cmd.right, flags);
      } else status = left;
      break;
    }
    case "list":
      status = yield* evalList(sh, cmd, flags);
      break;
    case "subshell":
      status = yield* evalSubshell(sh, cmd.body, cmd.redirs, flags);
      checkExit = true;
      break;
    case "group":
      status = yield* withRedirs(sh, cmd.redirs, () => evalCommand(sh, cmd.body, flags));
      break;
    case "if":
      status = yield* withRedirs(sh, cmd.redirs, () => evalIf(sh, cmd, flags));
      break;
    case "while":
    case "until":
      status = yield* withRedirs(sh, cmd.redirs, () => evalLoop(sh, cmd, flags));
      break;
    case "for":
      status = yield* withRedirs(sh, cmd.redirs, () => evalFor(sh, cmd, flags));
      break;
    case "case":
      status = yield* withRedirs(sh, cmd.redirs, () => evalCase(sh, cmd, flags));
      break;
    case "cond":
      sh.lineno = cmd.line;
      status = yield* withRedirs(sh, cmd.redirs, () => evalCond(sh, cmd.expr));
      checkExit = true;
      break;
    case "funcdef":
      sh.functions.set(cmd.name, cmd.body);
      status = 0;
      break;
  }
  sh.lastStatus = status;
  if (checkExit && status !== 0 && !flags.tested && sh.options.has("e")) throw new ShellExit(status);
  return status;
}

setEvaluator(evalCommand);

/** Runs `body` with redirections applied to the shell, undoing them afterwards. */
function* withRedirs(sh: Shell, redirs: Redir[], body: () => Gen<number>): Gen<number> {
  if (redirs.length === 0) return yield* body();
  let saved: SavedFd[];
  try {
    saved = yield* applyRedirs(sh, redirs, true);
  } catch (e) {
    if (e instanceof ShellAbort) return e.status;
    throw e;
  }
  try {
    return yield* body();
  } finally {
    if (!sh.unwinding) restoreRedirs(sh, saved);
  }
}

function* evalList(sh: Shell, list: List, flags: EvalFlags): Gen<number> {
  let status = 0;
  const n = list.items.length;
  for (let i = 0; i < n; i++) {
    const item = list.items[i];
    const last = i === n - 1;
    if (item.async) {
      status = yield* evalBackground(sh, item.cmd);
    } else {
      status = yield* evalCommand(sh, item.cmd, last ? flags : { tested: flags.tested });
    }
    sh.lastStatus = status;
  }
  return status;
}

function* evalIf(sh: Shell, c: If, flags: EvalFlags): Gen<number> {
  for (const cl of c.clauses) {
    const cond = yield* evalCommand(sh, cl.cond, { tested: true });
    if (cond === 0) return yield* evalCommand(sh, cl.body, flags);
  }
  if (c.elseBody) return yield* evalCommand(sh, c.elseBody, flags);
  return 0;
}

/** Runs one loop iteration body; returns "break" / "continue" / the status. */
function* loopBody(sh: Shell, body: Command, flags: EvalFlags): Gen<number | "break" | "continue"> {
  try {
    return yield* evalCommand(sh, body, { tested: flags.tested });
  } catch (e) {
    if (e instanceof BreakLoop) {
      if (--e.levels > 0) throw e;
      return "break";
    }
    if (e instanceof ContinueLoop) {
      if (--e.levels > 0) throw e;
      return "continue";
    }
    throw e;
  }
}

function* evalLoop(sh: Shell, c: Loop, flags: EvalFlags): Gen<number> {
  let status = 0;
  sh.loopDepth++;
  try {
    for (;;) {
      const cond = yield* evalCommand(sh, c.cond, { tested: true });
      if ((cond === 0) !== (c.type === "while")) break;
      const r = yield* loopBody(sh, c.body, flags);
      if (r === "break") break;
      if (r !== "continue") status = r;
      else status = 0;
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

function* evalFor(sh: Shell, c: For, flags: EvalFlags): Gen<number> {
  sh.lineno = c.line;
  const items = c.words === null ? [...sh.positional] : yield* sh.expander.fields(c.words);
  let status = 0;
  sh.loopDepth++;
  try {
    for (const item of items) {
      try {
        sh.vars.set(c.name, item, { export: sh.options.has("a") });
      } catch (e) {
        if (e instanceof ReadonlyError) yield* sh.fail(e.message);
        throw e;
      }
      const r = yield* loopBody(sh, c.body, flags);
      if (r === "break") break;
      if (r !== "continue") status = r;
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

function* evalCase(sh: Shell, c: Case, flags: EvalFlags): Gen<number> {
  sh.lineno = c.line;
  const subject = yield* sh.expander.string(c.word);
  for (const item of c.items) {
    for (const p of item.patterns) {
      const pat = yield* sh.expander.pattern(p);
      if (matchPattern(pat, subject)) {
        return item.body ? yield* evalCommand(sh, item.body, flags) : 0;
      }
    }
  }
  return 0;
}

function* evalSubshell(sh: Shell, body: Command, redirs: Redir[], flags: EvalFlags): Gen<number> {
  if (flags.exit && !hasTraps(sh)) {
    // Already the last thing this process does: no need for another process.
    yield* applyRedirs(sh, redirs, false);
    return yield* evalCommand(sh, body, { exit: true });
  }
  const job = newJob(sh, [], false);
  const pid = yield* sh.fork(
    function* (child) {
      yield* applyRedirs(child, redirs, false);
      return yield* evalCommand(child, body, { exit: true });
    },
    { pgid: job.jobctl ? 0 : undefined },
  );
  job.pgid = job.jobctl ? pid : 0;
  job.procs.push({ pid, cmd: sh.jobControl ? `(${deparse(body)})` : "", result: null, stopped: false });
  giveTerminal(sh, job);
  return yield* sh.waitForeground(job);
}

function hasTraps(sh: Shell): boolean {
  for (const v of sh.traps.values()) if (v !== "") return true;
  return false;
}

function newJob(sh: Shell, _procs: [], background: boolean): Job {
  // ash's makejob: without job control a new job frees the first one `wait` already collected
  if (!sh.jobControl && sh.dialect !== "bash") {
    const waited = sh.jobs.jobs.find((j) => j.state === "done" && j.waited);
    if (waited) sh.jobs.remove(waited);
  }
  return {
    id: 0,
    pgid: 0,
    procs: [],
    state: "running",
    changed: false,
    jobctl: sh.jobControl,
    background,
  };
}

function giveTerminal(sh: Shell, job: Job): void {
  if (!job.jobctl || job.background) return;
  try {
    sh.sys.tcsetpgrp(sh.ttyFd, job.pgid);
  } catch {
    // no terminal
  }
}

function* evalBackground(sh: Shell, cmd: Command): Gen<number> {
  if (cmd.type === "pipeline" && cmd.cmds.length > 1) {
    yield* evalPipeline(sh, cmd, {}, true);
    return 0;
  }
  const job = newJob(sh, [], true);
  const pid = yield* sh.fork(
    function* (child) {
      return yield* evalCommand(child, cmd, { exit: true });
    },
    { pgid: job.jobctl ? 0 : undefined, background: true },
  );
  job.pgid = job.jobctl ? pid : 0;
  job.procs.push({ pid, cmd: jobText(sh, cmd), result: null, stopped: false });
  sh.lastBgPid = pid;
  sh.jobs.add(job);
  yield* announceBackground(sh, job);
  return 0;
}

/** The command text a job keeps: ash and dash keep none without job control, bash always does. */
function jobText(sh: Shell, cmd: Command): string {
  return sh.jobControl || sh.dialect === "bash" ? deparse(cmd) : "";
}

/** An interactive bash says which job and process it started in the background: "[1] 1234". */
function* announceBackground(sh: Shell, job: Job): Gen<void> {
  if (sh.dialect !== "bash" || !sh.interactive) return;
  yield* sh.write(2, `[${job.id}] ${job.procs[job.procs.length - 1].pid}\n`);
}

function* evalPipeline(sh: Shell, p: Pipeline, flags: EvalFlags, background: boolean): Gen<number> {
  if (p.cmds.length === 1 && !background) {
    const s = yield* evalCommand(sh, p.cmds[0], {
      tested: flags.tested || p.negate,
      exit: flags.exit && !p.negate,
    });
    return p.negate ? (s === 0 ? 1 : 0) : s;
  }
  const job = newJob(sh, [], background);
  let prevRead = -1;
  for (let i = 0; i < p.cmds.length; i++) {
    const cmd = p.cmds[i];
    const last = i === p.cmds.length - 1;
    const [r, w] = last ? [-1, -1] : sh.sys.pipe();
    const input = prevRead;
    const pid = yield* sh.fork(
      function* (child) {
        if (input >= 0) {
          child.sys.dup2(input, 0);
          child.sys.close(input);
        }
        if (w >= 0) {
          child.sys.close(r);
          child.sys.dup2(w, 1);
          child.sys.close(w);
        }
        return yield* evalCommand(child, cmd, { exit: true });
      },
      { pgid: job.jobctl ? (i === 0 ? 0 : job.pgid) : undefined, background },
    );
    if (i === 0) job.pgid = job.jobctl ? pid : 0;
    job.procs.push({ pid, cmd: jobText(sh, cmd), result: null, stopped: false });
    if (input >= 0) sh.sys.close(input);
    if (w >= 0) sh.sys.close(w);
    prevRead = r;
  }
  if (background) {
    sh.lastBgPid = job.procs[job.procs.length - 1].pid;
    sh.jobs.add(job);
    yield* announceBackground(sh, job);
    return 0;
  }
  giveTerminal(sh, job);
  return yield* sh.waitForeground(job, p.negate);
}

// --- simple commands ---

function* evalSimple(sh: Shell, cmd: SimpleCommand, flags: EvalFlags): Gen<number> {
  sh.lineno = cmd.line;
  sh.backStatus = 0;
  let argv = yield* sh.expander.fields(cmd.words);
  if (argv.length === 0 && sh.dialect === "bash") return yield* bashAssignments(sh, cmd);
  const assigns: [string, string][] = [];
  for (const a of cmd.assigns) {
    // bash's array assignments before a command still assign for good.
    if (a.elements || a.subscript) {
      yield* performAssign(sh, a);
      continue;
    }
    const value = yield* sh.expander.string(a.value, { assignment: true });
    assigns.push([a.name, a.append ? (sh.vars.get(a.name) ?? "") + value : value]);
  }
  if (sh.options.has("x")) yield* sh.write(2, xtraceLine(sh, assigns, argv));
  sh.compoundArgs = cmd.compoundArgs ? compoundArgsOf(cmd, argv) : undefined;

  if (argv.length === 0) {
    for (const [name, value] of assigns) yield* setVar(sh, name, value);
    const status = yield* withRedirs(sh, cmd.redirs, () => immediate(0));
    return status !== 0 ? status : sh.backStatus;
  }

  let name = argv[0];
  let noFunctions = false;
  // "command name ...": ash resolves the name again, skipping functions (and keeps no "command:" prefix).
  if (name === "command" && !sh.functions.has("command")) {
    let i = 1;
    while (argv[i] === "-p") i++;
    if (argv[i] === "--") i++;
    if (argv[i] !== undefined && !argv[i].startsWith("-")) {
      argv = argv.slice(i);
      name = argv[0];
      noFunctions = true;
    }
  }
  const builtin = findBuiltin(sh, name);
  if (!name.includes("/")) {
    if (builtin?.special) return yield* runBuiltin(sh, builtin, argv, assigns, cmd.redirs, flags);
    const fn = noFunctions ? undefined : sh.functions.get(name);
    if (fn) return yield* callFunction(sh, fn, argv, assigns, cmd.redirs, flags);
    if (builtin) return yield* runBuiltin(sh, builtin, argv, assigns, cmd.redirs, flags);
  }
  return yield* runExternal(sh, argv, assigns, cmd.redirs, flags);
}

/** bash runs assignment-only commands one assignment at a time, each seeing the ones before. */
function* bashAssignments(sh: Shell, cmd: SimpleCommand): Gen<number> {
  for (const a of cmd.assigns) {
    const shown = yield* performAssign(sh, a);
    if (sh.options.has("x")) yield* sh.write(2, `${sh.vars.get("PS4") ?? "+ "}${shown}\n`);
  }
  const status = yield* withRedirs(sh, cmd.redirs, () => immediate(0));
  return status !== 0 ? status : sh.backStatus;
}

/**
 * The `name=(...)` arguments of declare and its kin, by their place in the expanded argv (the
 * words before them expand to one field each: options and names).
 */
function compoundArgsOf(cmd: SimpleCommand, argv: string[]): Map<string, Assign> {
  const byText = new Map<string, Assign>();
  for (const [, a] of cmd.compoundArgs ?? []) {
    const text = `${a.name}${a.append ? "+" : ""}=`;
    if (argv.includes(text)) byText.set(text, a);
  }
  return byText;
}

export function* setVar(sh: Shell, name: string, value: string, exportIt = false): Gen<void> {
  try {
    sh.vars.set(name, value, { export: exportIt || sh.options.has("a") });
  } catch (e) {
    if (e instanceof ReadonlyError) yield* sh.fail(e.message);
    throw e;
  }
}

/** Variable assignments that last only while a builtin or function runs (and are exported). */
function* withTempVars(sh: Shell, assigns: [string, string][], body: () => Gen<number>): Gen<number> {
  if (assigns.length === 0) return yield* body();
  const saved = assigns.map(([n]) => [n, sh.vars.entry(n) ? { ...sh.vars.entry(n)! } : undefined] as const);
  for (const [n, v] of assigns) yield* setVar(sh, n, v, true);
  try {
    return yield* body();
  } finally {
    if (!sh.unwinding) {
      for (const [n, e] of saved) {
        const cur = sh.vars.entry(n);
        if (cur) {
          if (e) Object.assign(cur, e);
          else {
            cur.readonly = false;
            sh.vars.unset(n);
          }
        }
      }
    }
  }
}

export function* runBuiltin(
  sh: Shell,
  b: Builtin,
  argv: string[],
  assigns: [string, string][],
  redirs: Redir[],
  flags: EvalFlags,
): Gen<number> {
  if (b.special) {
    for (const [n, v] of assigns) yield* setVar(sh, n, v);
    assigns = [];
  }
  let saved: SavedFd[];
  const permanent = b.name === "exec";
  try {
    saved = yield* applyRedirs(sh, redirs, !permanent);
  } catch (e) {
    if (e instanceof ShellAbort) {
      if (b.special) throw new ShellExit(e.status);
      return e.status;
    }
    throw e;
  }
  const prevName = sh.commandName;
  sh.commandName = argv[0];
  try {
    return yield* withTempVars(sh, assigns, () => b.run(sh, argv, flags));
  } catch (e) {
    if (e instanceof ShellAbort && !b.special) return e.status;
    throw e;
  } finally {
    if (!sh.unwinding) {
      sh.commandName = prevName;
      if (!permanent) restoreRedirs(sh, saved);
    }
  }
}

export function* callFunction(
  sh: Shell,
  body: Command,
  argv: string[],
  assigns: [string, string][],
  redirs: Redir[],
  flags: EvalFlags = {},
): Gen<number> {
  return yield* withRedirs(sh, redirs, () =>
    withTempVars(sh, assigns, function* () {
      const savedPositional = sh.positional;
      const savedLoop = sh.loopDepth;
      const savedFuncName = sh.vars.get("FUNCNAME");
      sh.positional = argv.slice(1);
      sh.loopDepth = 0;
      sh.funcDepth++;
      sh.vars.pushFrame();
      trySet(sh, "FUNCNAME", argv[0]);
      try {
        return yield* evalCommand(sh, body, { tested: flags.tested });
      } catch (e) {
        if (e instanceof ReturnFromFunction) return e.status;
        throw e;
      } finally {
        if (!sh.unwinding) {
          sh.vars.popFrame();
          trySet(sh, "FUNCNAME", savedFuncName ?? "");
          sh.funcDepth--;
          sh.positional = savedPositional;
          sh.loopDepth = savedLoop;
        }
      }
    }),
  );
}

function trySet(sh: Shell, name: string, value: string): void {
  try {
    sh.vars.set(name, value);
  } catch (e) {
    if (!(e instanceof ReadonlyError)) throw e;
  }
}

/** Where PATH finds a command: the first regular file named `name`, or null. */
export function findInPath(sh: Shell, name: string): string | null {
  const path = sh.vars.get("PATH") ?? "";
  for (const dir of path.split(":")) {
    const full = `${dir === "" ? "." : dir}/${name}`;
    try {
      if (sh.sys.stat(full).type === "file") return full;
    } catch {
      // not here
    }
  }
  return null;
}

function* runExternal(
  sh: Shell,
  argv: string[],
  assigns: [string, string][],
  redirs: Redir[],
  flags: EvalFlags,
): Gen<number> {
  const name = argv[0];
  const path = name.includes("/") ? name : findInPath(sh, name);
  if (path === null) {
    const status = yield* withRedirs(sh, redirs, function* () {
      yield* sh.message(`${sh.dialect === "bash" ? bashPrintableName(name) : name}: ${notFoundText(sh.dialect, name)}`);
      return 127;
    });
    return status === 1 ? 1 : 127;
  }
  if (!name.includes("/")) sh.hashed.remember(name, path, sh.vars.get("PATH") ?? "", true);
  const env = sh.vars.environ();
  for (const [n, v] of assigns) env[n] = v;
  if (flags.exit && !hasTraps(sh)) {
    yield* applyRedirs(sh, redirs, false);
    return yield* execProgram(sh, path, argv, env);
  }
  const job = newJob(sh, [], false);
  const pid = yield* sh.fork(
    function* (child) {
      yield* applyRedirs(child, redirs, false);
      return yield* execProgram(child, path, argv, env);
    },
    { pgid: job.jobctl ? 0 : undefined },
  );
  job.pgid = job.jobctl ? pid : 0;
  job.procs.push({ pid, cmd: sh.jobControl ? argv.join(" ") : "", result: null, stopped: false });
  giveTerminal(sh, job);
  return yield* sh.waitForeground(job);
}

/** `command name args`: a builtin or external command, never a function. */
export function* runCommandArgv(sh: Shell, argv: string[], flags: EvalFlags): Gen<number> {
  return yield* runExternal(sh, argv, [], [], flags);
}

/** execve from the shell process; on failure prints ash's message and exits 126/127. */
export function* execProgram(
  sh: Shell,
  path: string,
  argv: string[],
  env: Record<string, string>,
): Gen<number> {
  try {
    sh.unwinding = true;
    sh.sys.exec(path, argv, env);
  } catch (e) {
    sh.unwinding = false;
    if (!(e instanceof Errno)) throw e;
    if (e.code === "ENOEXEC") {
      // No #!: a script to run with a shell, or (bash, dash) a binary refused (enoexec.ts).
      let head = "";
      try {
        head = sh.sys.readFile(path).slice(0, 128);
      } catch (e3) {
        if (!(e3 instanceof Errno)) throw e3;
      }
      const action = enoexecAction(sh.dialect, head, argv, path, sh.vars.get("BASH") ?? "/bin/bash");
      if (action.kind === "binary") {
        yield* sh.message(action.message);
        throw new ShellExit(126);
      }
      if (action.kind === "script") {
        try {
          sh.unwinding = true;
          sh.sys.exec(action.shell, action.argv, env);
        } catch (e2) {
          sh.unwinding = false;
          if (!(e2 instanceof Errno)) throw e2;
        }
      }
    }
    const status = e.code === "ENOENT" || e.code === "ENOTDIR" ? 127 : 126;
    const text = status === 127 ? notFoundText(sh.dialect, argv[0]) : e.message;
    yield* sh.message(`${argv[0]}: ${text}`);
    throw new ShellExit(status);
  }
  return 0;
}
