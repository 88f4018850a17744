/**
 * awk in two flavours: busybox 1.35's applet (`awk` in busybox images and the test bench) and mawk
 * 1.3.4 (Debian's /usr/bin/mawk, which /usr/bin/awk leads to through the alternatives).
 */
import type { Gen, ProgramDef, Sys } from "../../../kernel/api";
import { BUSYBOX_BANNER } from "../../lib/busybox";
import { asErrno, err } from "../../lib/io";
import { AwkRuntimeError, type Flavour, Interpreter, StackExhausted } from "./interp";
import { AwkSyntaxError, type Program, parseAwk } from "./parse";

const MAWK_USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;
const MAWK_VERSION = `mawk 1.3.4 20200120
Copyright 2008-2019,2020, Thomas E. Dickey
Copyright 1991-1996,2014, Michael D. Brennan

`;
/** The build details -W version adds, on stderr. */
const MAWK_BUILD = `random-funcs:       srandom/random
regex-funcs:        internal
compiled limits:
sprintf buffer      8192
maximum-integer     2147483647
`;
const BUSYBOX_USAGE = `${BUSYBOX_BANNER}

Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...

\t-v VAR=VAL\tSet variable
\t-F SEP\t\tUse SEP as field separator
\t-f FILE\t\tRead program from FILE
\t-e AWK_PROGRAM
`;

/** The -W options mawk 1.3.4 knows (abbreviations allowed). */
const MAWK_W_OPTIONS = ["version", "dump", "help", "interactive", "exec", "random", "sprintf", "posix_space", "usage"];

interface Invocation {
  /** Complaints that do not stop the program (mawk's unknown -W options). */
  warnings: string[];
  fs?: string;
  assigns: string[];
  files: string[];
  texts: string[];
  operands: string[];
}

class UsageProblem extends Error {}

/** Options as both parse them: -F SEP, -v VAR=VAL, -f FILE (and busybox's -e, mawk's -W), attached or not. */
function parseArgs(argv: readonly string[], flavour: Flavour): Invocation | "version" | "usage" {
  const inv: Invocation = { warnings: [], assigns: [], files: [], texts: [], operands: [] };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if (!a.startsWith("-") || a === "-") break;
    const letter = a[1];
    if (letter === "-" && flavour === "busybox") throw new UsageProblem(`unrecognized option '${a}'`);
    const withArg = flavour === "mawk" ? "Fvf W" : "FvfeW";
    if (!withArg.includes(letter) || letter === " ") {
      throw new UsageProblem(flavour === "mawk" ? `not an option: ${a}` : `invalid option -- '${letter}'`);
    }
    let val = a.slice(2);
    if (val === "") {
      if (i + 1 >= argv.length) {
        throw new UsageProblem(flavour === "mawk" ? `option -${letter} lacks argument` : `option requires an argument -- '${letter}'`);
      }
      val = argv[++i];
    }
    if (letter === "F") inv.fs = val;
    else if (letter === "v") inv.assigns.push(val);
    else if (letter === "f") inv.files.push(val);
    else if (letter === "e") inv.texts.push(val);
    else if (letter === "W" && flavour === "busybox") inv.warnings.push("warning: option -W is ignored");
    else if (letter === "W") {
      const name = val.replace(/=.*/, "");
      if ("version".startsWith(name) && name !== "") return "version";
      if ("usage".startsWith(name) || "help".startsWith(name)) return "usage";
      if (!MAWK_W_OPTIONS.some((o) => o.startsWith(name))) inv.warnings.push(`mawk: vacuous option: -W ${val}`);
    }
  }
  inv.operands = argv.slice(i);
  return inv;
}

function* fail(sys: Sys, flavour: Flavour, msg: string): Gen<number> {
  yield* err(sys, `${flavour === "mawk" ? "mawk" : "awk"}: ${msg}\n`);
  return flavour === "mawk" ? 2 : 1;
}

/** `where`: the program file when the program came from one -f FILE. */
function syntaxMessage(e: AwkSyntaxError, flavour: Flavour, where?: string): string {
  if (flavour === "busybox") {
    return `${where ?? "cmd. line"}:${e.line}: ${e.kind === "string" || e.kind === "regex" ? "Unexpected end of string" : "Unexpected token"}`;
  }
  if (where !== undefined) return `${where}: ${syntaxMessage(e, flavour)}`;
  if (e.kind === "reference") return e.near;
  if (e.kind === "extra") return `line ${e.line}: extra '}'\nmawk: line ${e.line}: syntax error at or near end of line`;
  if (e.kind === "string") return `line ${e.line}: runaway string constant "${e.near.slice(0, 10)} ...`;
  if (e.kind === "regex") return `line ${e.line}: runaway regular expression /${e.near.slice(0, 10)} ...`;
  if (e.kind === "char") return `${e.line}: unexpected character '${e.near}'`;
  if (e.kind === "undefined") return `line ${e.line}: function ${e.near} never defined`;
  if (e.kind === "brace") return `line ${e.line + 1}: missing } near end of file`;
  return `line ${e.line}: syntax error at or near ${e.near}`;
}

function* runAwk(sys: Sys, flavour: Flavour): Gen<number> {
  let inv: ReturnType<typeof parseArgs>;
  try {
    inv = parseArgs(sys.argv, flavour);
  } catch (e) {
    if (!(e instanceof UsageProblem)) throw e;
    yield* err(sys, `${flavour === "mawk" ? "mawk" : "awk"}: ${e.message}\n${flavour === "busybox" ? BUSYBOX_USAGE : ""}`);
    return flavour === "mawk" ? 2 : 1;
  }
  if (inv === "version") {
    yield* sys.write(1, MAWK_VERSION);
    yield* sys.write(2, MAWK_BUILD);
    return 0;
  }
  if (inv === "usage") {
    yield* sys.write(1, MAWK_USAGE);
    return 0;
  }
  for (const w of inv.warnings) yield* err(sys, `${flavour === "mawk" ? w : `awk: ${w}`}\n`);
  let source = "";
  for (const f of inv.files) {
    try {
      const text = sys.readFile(f);
      source += text.endsWith("\n") ? text : `${text}\n`;
    } catch (e) {
      const m = asErrno(e).message;
      return yield* fail(sys, flavour, flavour === "mawk" ? `couldn't open file ${f}` : `can't open '${f}': ${m}`);
    }
  }
  source += inv.texts.join("\n");
  if (inv.files.length === 0 && inv.texts.length === 0) {
    if (inv.operands.length === 0) {
      // mawk prints its usage to stderr but exits 0 (as 1.3.4-20200120 does).
      yield* err(sys, flavour === "mawk" ? MAWK_USAGE : BUSYBOX_USAGE);
      return flavour === "mawk" ? 0 : 1;
    }
    source = inv.operands.shift()!;
  }
  let prog: Program;
  try {
    prog = parseAwk(source, flavour);
  } catch (e) {
    if (!(e instanceof AwkSyntaxError)) throw e;
    const where = inv.files.length === 1 && inv.texts.length === 0 ? inv.files[0] : undefined;
    return yield* fail(sys, flavour, syntaxMessage(e, flavour, where));
  }
  const awk = new Interpreter(sys, prog, flavour);
  awk.setArgv([flavour === "mawk" ? "mawk" : "awk", ...inv.operands]);
  try {
    if (inv.fs !== undefined) awk.assignVar("FS", inv.fs === "t" ? "\t" : inv.fs);
    for (const a of inv.assigns) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
      if (!m && flavour === "busybox") {
        yield* err(sys, BUSYBOX_USAGE);
        return 1;
      }
      if (!m) return yield* fail(sys, flavour, `improper assignment: -v ${a}`);
      awk.assignVar(m[1], m[2]);
    }
    return yield* awk.run();
  } catch (e) {
    // JavaScript's own stack ran out first, or busybox's C stack would have: it dies of SIGSEGV.
    if (e instanceof StackExhausted || e instanceof RangeError) {
      if (flavour === "mawk") return yield* fail(sys, flavour, "program limit exceeded: eval stack size=1024");
      sys.kill(sys.getpid(), "SEGV");
      return 139;
    }
    if (!(e instanceof AwkRuntimeError)) throw e;
    if (flavour === "mawk") return yield* fail(sys, flavour, e.message);
    return yield* fail(sys, flavour, e.bare ? e.message : `cmd. line:1: ${e.message}`);
  }
}

export const awk: ProgramDef = {
  name: "awk",
  *main(sys) {
    return yield* runAwk(sys, "busybox");
  },
};

export const mawk: ProgramDef = {
  name: "mawk",
  *main(sys) {
    return yield* runAwk(sys, "mawk");
  },
};
