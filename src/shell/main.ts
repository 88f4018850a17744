/**
 * The `sh` program: option parsing as ash's procargs does, then one of the input loops
 * (-c string, script file, stdin, or an interactive terminal).
 */
import type { Gen, Signal, Sys } from "../kernel/api";
import { Errno } from "../kernel/errno";
import { immediate } from "./builtins/types";
import { defaultShopts } from "./builtins/shopt";
import { setOptions } from "./builtins/variables";
import { completer } from "./complete";
import { BreakLoop, ContinueLoop, ReturnFromFunction, ShellAbort, ShellExit } from "./errors";
import "./exec";
import { LineEditor } from "./lineEditor";
import { NeedMoreInput, Parser, ShellSyntaxError } from "./parser";
import { expandPrompt } from "./prompt";
import { type Dialect, Shell } from "./shell";
import { dropNuls } from "./enoexec";
import { BASH_VERSINFO, BASH_VERSION, type BashLongOptions, parseBashLongOptions } from "./bash-invocation";

/** A source of shell input: returns more text, or null at end of input. */
type Input = (continuation: boolean) => Gen<string | null | "interrupt">;

function initVars(sh: Shell): void {
  const sys = sh.sys;
  for (const [k, v] of Object.entries(sys.env)) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) sh.vars.set(k, v, { export: true });
  }
  if (!sh.vars.isSet("PATH")) sh.vars.set("PATH", "/sbin:/usr/sbin:/bin:/usr/bin", { export: true });
  sh.vars.set("IFS", " \t\n");
  sh.vars.set("OPTIND", "1");
  // A prompt from the environment is kept; dash's default is "# " for root, else "$ ".
  if (!sh.vars.isSet("PS1") && sh.dialect !== "bash") sh.vars.set("PS1", sh.dialect === "dash" ? (sys.geteuid() === 0 ? "# " : "$ ") : "\\w \\$ ");
  sh.vars.set("PS2", "> ");
  sh.vars.set("PS4", "+ ");
  sh.vars.set("PPID", String(sys.getppid()));
  sh.vars.set("FUNCNAME", "");
  // ash and bash fill HOSTNAME only when the environment does not (docker sets it in containers).
  try {
    if (!sh.vars.isSet("HOSTNAME")) sh.vars.set("HOSTNAME", sys.uname().nodename);
  } catch {
    // no uname
  }
  const lvl = Number(sh.vars.get("SHLVL") ?? "0");
  sh.vars.set("SHLVL", String((Number.isFinite(lvl) ? lvl : 0) + 1), { export: true });
  // $PWD is kept if it names the current directory, else taken from getcwd().
  let cwd = "/";
  try {
    cwd = sys.getcwd();
  } catch {
    // deleted directory
  }
  const pwd = sh.vars.get("PWD");
  let keep = false;
  if (pwd?.startsWith("/")) {
    try {
      const a = sys.stat(pwd);
      const b = sys.stat(".");
      keep = a.ino === b.ino && a.dev === b.dev;
    } catch {
      keep = false;
    }
  }
  sh.vars.set("PWD", keep ? pwd! : cwd, { export: true });
}

/** Runs parsed command lines from `input` until end of input. Returns the last status. */
function* runInput(sh: Shell, input: Input, firstLine: number): Gen<number> {
  let buf = "";
  let eof = false;
  let line = firstLine;
  let status = 0;
  for (;;) {
    if (sh.interactive) yield* sh.notifyJobs();
    let parser: Parser;
    let cmd: ReturnType<Parser["parseCommandLine"]>;
    for (;;) {
      parser = new Parser(buf, { line, more: !eof, aliases: sh.aliases, bash: sh.dialect === "bash" });
      try {
        cmd = parser.parseCommandLine();
        break;
      } catch (e) {
        if (e instanceof NeedMoreInput) {
          const more = yield* input(buf.trim() !== "");
          if (more === "interrupt") {
            buf = "";
            sh.lastStatus = 130;
            continue;
          }
          if (more === null) eof = true;
          else buf += dropNuls(more);
          continue;
        }
        if (e instanceof ShellSyntaxError) {
          yield* sh.message(`syntax error: ${e.message}`, e.line);
          if (!sh.interactive) throw new ShellExit(2);
          sh.lastStatus = 2;
          buf = "";
          continue;
        }
        throw e;
      }
    }
    if (sh.options.has("v")) yield* sh.write(2, buf.slice(0, parser.consumed));
    buf = buf.slice(parser.consumed);
    line = parser.line;
    if (cmd === "eof") {
      if (sh.interactive) yield* sh.write(2, sh.dialect === "bash" ? "exit\n" : "\n");
      return status;
    }
    if (!cmd || sh.options.has("n")) continue;
    try {
      status = yield* sh.eval(cmd, {});
    } catch (e) {
      if (e instanceof ShellAbort) {
        if (!sh.interactive) throw new ShellExit(e.status);
        status = e.status;
      } else if (e instanceof ReturnFromFunction) {
        if (!sh.interactive) return e.status;
        status = e.status;
      } else if (e instanceof BreakLoop || e instanceof ContinueLoop) {
        status = 0;
      } else throw e;
    }
    sh.lastStatus = status;
    if (sh.pendingSignals.length) yield* sh.runPendingTraps();
  }
}

/** Reads blocks of up to 1024 bytes, as ash does (so a command in the script may miss input). */
function streamInput(sys: Sys, fd: number): Input {
  return function* () {
    for (;;) {
      try {
        const chunk = yield* sys.read(fd, 1024);
        return chunk === "" ? null : chunk;
      } catch (e) {
        if (e instanceof Errno && e.code === "EINTR") continue;
        if (e instanceof Errno) return null;
        throw e;
      }
    }
  };
}

function terminalInput(sh: Shell): Input {
  const editor = new LineEditor(sh.sys, 0, 1);
  const complete = completer(sh);
  return function* (continuation) {
    const prompt = yield* expandPrompt(sh, continuation ? "PS2" : "PS1");
    const r = yield* editor.readLine(prompt, complete);
    if (r.kind === "eof") return null;
    if (r.kind === "interrupt") {
      yield* sh.write(2, "\n");
      return "interrupt";
    }
    return r.text;
  };
}

/** Interactive setup: own process group in the foreground of the terminal, job-control signals off. */
function setupInteractive(sh: Shell): void {
  const sys = sh.sys;
  sh.catchSignal("INT");
  sh.uncatchSignal("QUIT", "ignore");
  sh.uncatchSignal("TERM", "ignore");
  if (!sh.jobControl) return;
  try {
    if (sys.getpgrp() !== sys.getpid()) sys.setpgid(0, sys.getpid());
    sh.shellPgid = sys.getpgrp();
    sys.tcsetpgrp(sh.ttyFd, sh.shellPgid);
    for (const s of ["TSTP", "TTIN", "TTOU"] as Signal[]) sh.uncatchSignal(s, "ignore");
  } catch {
    sh.jobControl = false;
  }
}

/** $BASH: the path bash was started by, looked up in $PATH when it has no slash. */
function bashPath(sh: Shell): string {
  const a0 = (sh.sys.argv[0] ?? "bash").replace(/^-/, "");
  if (a0.includes("/")) return a0.startsWith("/") ? a0 : `${sh.vars.get("PWD")}/${a0}`;
  for (const dir of (sh.vars.get("PATH") ?? "").split(":")) {
    try {
      if (sh.sys.stat(`${dir}/${a0}`).type === "file") return `${dir}/${a0}`;
    } catch {
      // not in this directory
    }
  }
  return "/bin/bash";
}

export function* shMain(sys: Sys, dialect: Dialect = "ash"): Gen<number> {
  const sh = new Shell(sys);
  sh.arg0 = sys.argv[0] ?? "sh";
  sh.dialect = dialect;
  initVars(sh);
  let args = sys.argv.slice(1);
  let bashOpts: BashLongOptions | undefined;
  if (dialect === "bash") {
    bashOpts = parseBashLongOptions(args);
    if (bashOpts.output !== undefined) {
      yield* sh.write(1, bashOpts.output);
      return 0;
    }
    if (bashOpts.error !== undefined) {
      yield* sh.write(2, bashOpts.error);
      return 2;
    }
    args = args.slice(bashOpts.next);
    sh.vars.set("BASH", bashPath(sh));
    sh.vars.set("BASH_VERSION", BASH_VERSION);
    setBashVersinfo(sh);
  }
  let command: string | undefined;
  let minusC = false;
  let forceStdin = false;
  let interactive: boolean | undefined;
  let login = (sys.argv[0] ?? "").startsWith("-") || bashOpts?.login === true;
  if (bashOpts?.verbose) sh.options.add("v");
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--" || a === "-") {
      i++;
      break;
    }
    if ((a[0] !== "-" && a[0] !== "+") || a.length < 2) break;
    if (a === "--login" || a === "-l") {
      login = true;
      continue;
    }
    const on = a[0] === "-";
    const rest: string[] = [];
    for (const c of a.slice(1)) {
      if (c === "c") minusC = true;
      else if (c === "s") forceStdin = true;
      else if (c === "i") interactive = on;
      else if (c === "l") login = true;
      else rest.push(c);
    }
    if (rest.includes("o")) {
      const status = yield* setOptions(
        sh,
        [`${a[0]}o`, args[i + 1]].filter((x) => x !== undefined),
      );
      if (status !== 0) return 2;
      i++;
    } else if (rest.length) {
      try {
        yield* setOptions(sh, [a[0] + rest.join("")]);
      } catch (e) {
        if (e instanceof ShellAbort) return 2;
        throw e;
      }
    }
  }
  const rest = args.slice(i);
  if (minusC) {
    command = rest.shift();
    if (command === undefined) {
      yield* sh.write(2, `${sh.arg0}: -c requires an argument\n`);
      return 2;
    }
    if (rest.length) {
      sh.arg0 = rest.shift()!;
      sh.commandName = sh.arg0;
    }
    sh.positional = rest;
  } else if (!forceStdin && rest.length > 0) {
    sh.arg0 = rest.shift()!;
    sh.commandName = sh.arg0;
    sh.positional = rest;
  } else {
    sh.positional = rest;
  }
  const scriptFile = !minusC && !forceStdin && sh.commandName !== null ? sh.arg0 : null;
  if (interactive === undefined) {
    interactive = !minusC && scriptFile === null && safeIsatty(sys, 0) && safeIsatty(sys, 1);
  }
  sh.interactive = interactive;
  if (interactive) sh.options.add("i");
  if (dialect === "bash") {
    sh.shopts = defaultShopts(interactive, login);
    if (interactive && !sh.vars.isSet("PS1")) sh.vars.set("PS1", "\\s-\\v\\$ ");
  }
  if (minusC) sh.options.add("c");
  if (dialect === "bash") {
    // bash's defaults: brace expansion, command hashing, comments; history when interactive
    for (const o of ["B", "h", "interactive-comments"]) sh.options.add(o);
    if (interactive) for (const o of ["H", "history", "emacs"]) sh.options.add(o);
  }
  if (!minusC && scriptFile === null) sh.options.add("s");
  if (interactive) {
    sh.jobControl = safeIsatty(sys, 0);
    if (sh.jobControl) sh.options.add("m");
    setupInteractive(sh);
  } else if (minusC) {
    sh.catchesIntByDefault = true;
    sh.catchSignal("INT");
  }

  let status: number;
  try {
    const home = sh.vars.get("HOME") ?? "/";
    if (dialect === "bash") {
      // bash: a login shell reads /etc/profile and the first of its personal profiles; an
      // interactive one that is not a login shell reads bash.bashrc and ~/.bashrc instead.
      if (login && !bashOpts?.noprofile) {
        yield* sourceIfExists(sh, "/etc/profile");
        for (const f of [".bash_profile", ".bash_login", ".profile"]) if (yield* sourceIfExists(sh, `${home}/${f}`)) break;
      } else if (interactive && !login && !bashOpts?.norc) {
        if (bashOpts?.rcfile !== undefined) yield* sourceIfExists(sh, bashOpts.rcfile);
        else {
          yield* sourceIfExists(sh, "/etc/bash.bashrc");
          yield* sourceIfExists(sh, `${home}/.bashrc`);
        }
      }
    } else if (login) {
      // A login shell reads /etc/profile and ~/.profile; an interactive one then reads $ENV (as ash).
      yield* sourceIfExists(sh, "/etc/profile");
      yield* sourceIfExists(sh, `${sh.vars.get("HOME") ?? "/"}/.profile`);
    }
    const envFile = sh.vars.get("ENV");
    if (interactive && envFile && dialect !== "bash") yield* sourceIfExists(sh, envFile);
    if (minusC) {
      // bash and dash number the lines of a -c string from 1 (ash from 0).
      if (dialect !== "ash") sh.lineno = 1;
      status = yield* sh.evalString(command!, { exit: true });
    } else if (scriptFile !== null) {
      let text: string;
      try {
        text = sys.readFile(scriptFile);
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        sh.commandName = null;
        sh.arg0 = sys.argv[0] ?? "sh";
        yield* sh.message(`can't open '${scriptFile}': ${e.message}`);
        return 127;
      }
      sh.inputFromFile = true;
      let served = false;
      status = yield* runInput(
        sh,
        () => {
          const chunk = served ? null : text;
          served = true;
          return immediate(chunk);
        },
        1,
      );
    } else if (interactive) {
      status = yield* runInput(sh, terminalInput(sh), 1);
    } else {
      status = yield* runInput(sh, streamInput(sys, 0), 1);
    }
  } catch (e) {
    if (e instanceof ShellExit || e instanceof ShellAbort) status = e.status;
    else if (e instanceof ReturnFromFunction) status = e.status;
    else throw e;
  }
  return yield* sh.finish(status);
}

/** $BASH_VERSINFO, a read-only array. */
function setBashVersinfo(sh: Shell): void {
  for (const [i, v] of BASH_VERSINFO.entries()) sh.vars.setElement("BASH_VERSINFO", i, v);
  sh.vars.markReadonly("BASH_VERSINFO");
}

/** `. FILE` for startup files: a missing file is not an error; `return` ends the file. */
function* sourceIfExists(sh: Shell, path: string): Gen<boolean> {
  let text: string;
  try {
    text = sh.sys.readFile(path);
  } catch (e) {
    if (e instanceof Errno) return false;
    throw e;
  }
  try {
    yield* sh.evalString(text, {});
  } catch (e) {
    if (!(e instanceof ReturnFromFunction)) throw e;
  }
  return true;
}

function safeIsatty(sys: Sys, fd: number): boolean {
  try {
    return sys.isatty(fd);
  } catch {
    return false;
  }
}
