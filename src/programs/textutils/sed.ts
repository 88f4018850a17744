/**
 * sed [-i[SFX]] [-nrEs] [-e CMD]... [-f FILE]... [FILE]...: busybox sed's language (addresses N, $,
 * /re/, \cREc, ranges, addr,+N, "!"; commands s y p P d D n N g G h H x = a i c b t T : { } q Q r w l).
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, warn } from "../lib/io";
import { posixToJs, RegexSyntaxError } from "../lib/posixregex";
import { gnuTool } from "../gnu/flavour";
import { gnuSedScriptError } from "../gnu/sed-errors";
import { USAGE } from "./usage";

/** glibc regerror's words for what is wrong with a regex, or null when nothing is found wrong. */
function gnuRegexProblem(src: string, extended: boolean): string | null {
  let depth = 0;
  let groups = 0;
  for (let i = 0; i < src.length; i++) {
    let c = src[i];
    if (c === "\\") {
      if (i + 1 >= src.length) return "Trailing backslash";
      c = src[++i];
      if (!extended && c === "(") {
        depth++;
        groups++;
      } else if (!extended && c === ")" && --depth < 0) return "Unmatched ) or \\)";
      else if (!extended && c === "{" && !src.slice(i).includes("\\}")) return "Unmatched \\{";
      else if (c >= "1" && c <= "9" && Number(c) > groups) return "Invalid back reference";
      continue;
    }
    if (c === "[") {
      const close = /^\^?\]?(?:\[([:.=]).*?\1\]|[^\]])*\]/s.exec(src.slice(i + 1));
      if (!close) return "Unmatched [, [^, [:, [., or [=";
      i += close[0].length;
      continue;
    }
    if (extended && c === "(") {
      depth++;
      groups++;
    } else if (extended && c === ")" && --depth < 0) return "Unmatched ) or \\)";
    else if (extended && c === "{" && !src.slice(i).includes("}")) return "Unmatched \\{";
  }
  if (depth > 0) return "Unmatched ( or \\(";
  return null;
}

/** strverscmp for "v VERSION": dotted numbers compared piece by piece. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

class SedError extends Error {
  /** GNU sed's wording, and how far into the script it had read (undefined: at its end). */
  constructor(
    message: string,
    readonly gnu?: string,
    readonly at?: number,
  ) {
    super(message);
  }
}

type Address =
  | { kind: "line"; n: number }
  | { kind: "last" }
  | { kind: "re"; re: RegExp | null }
  | { kind: "plus"; n: number }
  /** GNU first~step (every step-th line from first), and addr,~N (up to a multiple of N). */
  | { kind: "step"; first: number; step: number }
  | { kind: "multiple"; n: number };

interface Command {
  a1?: Address;
  a2?: Address;
  negate: boolean;
  cmd: string;
  /** Text for a/i/c, label for b/t/T/:, file for r/w. */
  text?: string;
  re?: RegExp | null;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: boolean;
  wfile?: string;
  from?: string;
  to?: string;
  /** For "{": index of the matching "}"; for b/t/T: target index. */
  jump?: number;
  exitCode?: number;
  /** GNU l's line length (undefined: -l's). */
  lineLength?: number;
  /** Range state. */
  active?: boolean;
  endLine?: number;
}

class Parser {
  private i = 0;
  readonly commands: Command[] = [];
  constructor(
    private readonly s: string,
    private readonly extended: boolean,
    /** GNU sed: its extra commands and addresses, and its compile-time checks. */
    private readonly gnu = false,
  ) {}

  /** A GNU compile error, at the current position. */
  private bad(text: string): SedError {
    return new SedError(text, text, this.i);
  }

  /** GNU read_end_of_cmd: only blanks, then ";", a newline, "}" or "#" may follow a command. */
  private endOfCommand(): void {
    if (!this.gnu) return;
    this.skipSpace();
    const c = this.s[this.i];
    if (c === undefined || c === "}" || c === "#") return;
    this.i++;
    if (c !== "\n" && c !== ";") throw this.bad("extra characters after command");
  }

  private integer(): number {
    let n = "";
    while (/[0-9]/.test(this.peek() ?? "")) n += this.s[this.i++];
    return Number(n);
  }

  private peek(): string | undefined {
    return this.s[this.i];
  }

  private skipSpace(): void {
    while (this.i < this.s.length && /[ \t]/.test(this.s[this.i])) this.i++;
  }

  /** Reads up to an unescaped delimiter; "\delim" becomes delim, "\n" a newline (in regexes). */
  private delimited(delim: string, what: "re" | "repl"): string {
    let out = "";
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) throw new SedError(`unmatched '${delim}'`);
      this.i++;
      if (c === delim) return out;
      if (c === "[" && what === "re" && this.gnu) {
        // GNU skips over a bracket expression: the delimiter inside it is a member.
        out += c + this.bracket(delim);
        continue;
      }
      if (c === "\\") {
        const n = this.s[this.i++];
        if (n === undefined) throw new SedError(`unmatched '${delim}'`);
        if (n === delim) out += delim;
        else if (n === "n" && what === "re") out += "\\n";
        else if (n === "\n") out += what === "re" ? "\\n" : "\n";
        else out += `\\${n}`;
        continue;
      }
      if (c === "\n" && what === "re") throw new SedError(`unmatched '${delim}'`);
      out += c;
    }
  }

  /** GNU mark_subst_opts: s's flags, each at most once; a blank or anything unknown is an error. */
  private gnuSubstFlags(cmd: Command): string {
    let flags = "";
    for (;;) {
      const f = this.s[this.i];
      if (f === undefined) return flags;
      this.i++;
      if (f === "i" || f === "I") flags += "i";
      else if (f === "m" || f === "M") flags += "m";
      else if (f === "e") continue;
      else if (f === "p") {
        if (cmd.print) throw this.bad("multiple `p' options to `s' command");
        cmd.print = true;
      } else if (f === "g") {
        if (cmd.global) throw this.bad("multiple `g' options to `s' command");
        cmd.global = true;
      } else if (f === "w") {
        cmd.wfile = this.filename();
        if (cmd.wfile === "") throw this.bad("missing filename in r/R/w/W commands");
        return flags;
      } else if (f >= "0" && f <= "9") {
        if (cmd.occurrence !== undefined) throw this.bad("multiple number options to `s' command");
        this.i--;
        cmd.occurrence = this.integer();
        if (cmd.occurrence === 0) throw this.bad("number option to `s' command may not be zero");
      } else if (f === "}" || f === "#") {
        this.i--;
        return flags;
      } else if (f === "\n" || f === ";") {
        return flags;
      } else {
        throw this.bad("unknown option to `s'");
      }
    }
  }

  /** The rest of a bracket expression after "[", through its "]". */
  private bracket(delim: string): string {
    const start = this.i;
    if (this.s[this.i] === "^") this.i++;
    if (this.s[this.i] === "]") this.i++;
    while (this.i < this.s.length && this.s[this.i] !== "]") {
      const cls = /^\[([:.=]).*?\1\]/s.exec(this.s.slice(this.i));
      this.i += cls ? cls[0].length : 1;
    }
    if (this.i >= this.s.length) throw new SedError(`unmatched '${delim}'`);
    this.i++;
    return this.s.slice(start, this.i);
  }

  private regex(src: string, flags: string): RegExp | null {
    if (src === "") return null;
    const problem = this.gnu ? gnuRegexProblem(src, this.extended) : null;
    if (problem) throw this.bad(problem);
    try {
      return new RegExp(posixToJs(src, this.extended, flags.includes("i")), `s${flags}`);
    } catch (e) {
      if (e instanceof RegexSyntaxError || e instanceof SyntaxError)
        throw new SedError(`bad regex '${src}': ${e.message}`, this.gnu ? "Invalid preceding regular expression" : undefined, this.i);
      throw e;
    }
  }

  private address(): Address | undefined {
    const c = this.peek();
    if (c === undefined) return undefined;
    if (/[0-9]/.test(c)) {
      const n = this.integer();
      if (this.gnu) {
        const save = this.i;
        this.skipSpace();
        if (this.peek() !== "~") {
          this.i = save;
          return { kind: "line", n };
        }
        this.i++;
        this.skipSpace();
        const step = this.integer();
        return step > 0 ? { kind: "step", first: n, step } : { kind: "line", n };
      }
      if (this.peek() === "~") throw new SedError("unsupported command ~");
      return { kind: "line", n };
    }
    if (c === "$") {
      this.i++;
      return { kind: "last" };
    }
    if (c === "/" || c === "\\") {
      this.i++;
      let delim = "/";
      if (c === "\\") delim = this.s[this.i++];
      let src: string;
      try {
        src = this.delimited(delim, "re");
      } catch (e) {
        if (e instanceof SedError) throw new SedError(e.message, "unterminated address regex", this.i);
        throw e;
      }
      let flags = "";
      for (;;) {
        if (this.gnu) this.skipSpace();
        if (this.peek() === "I") flags += "i";
        else if (!(this.gnu && this.peek() === "M")) break;
        this.i++;
      }
      return { kind: "re", re: this.regex(src, flags) };
    }
    return undefined;
  }

  /**
   * Text argument of a, i, c: "a text" (leading blanks dropped), or "a\" then the text on the same or
   * the next line (blanks kept). Backslash escapes: "\n" newline, "\t" tab, "\<newline>" continues.
   */
  private text(): string {
    if (this.s[this.i] === "\\") {
      this.i++;
      if (this.s[this.i] === "\n") this.i++;
    } else this.skipSpace();
    let out = "";
    while (this.i < this.s.length) {
      const c = this.s[this.i++];
      if (c === "\\") {
        const n = this.s[this.i++];
        if (n === undefined) break;
        out += n === "n" ? "\n" : n === "t" ? "\t" : n;
        continue;
      }
      if (c === "\n") break;
      out += c;
    }
    return out;
  }

  private label(): string {
    this.skipSpace();
    let out = "";
    while (this.i < this.s.length && this.s[this.i] !== "\n" && this.s[this.i] !== ";")
      out += this.s[this.i++];
    return out.replace(/\s+$/, "");
  }

  private filename(): string {
    this.skipSpace();
    let out = "";
    while (this.i < this.s.length && this.s[this.i] !== "\n") out += this.s[this.i++];
    return out;
  }

  parse(): Command[] {
    const blocks: number[] = [];
    for (;;) {
      while (this.i < this.s.length && /[ \t\n;]/.test(this.s[this.i])) this.i++;
      if (this.i >= this.s.length) break;
      if (this.s[this.i] === "#") {
        while (this.i < this.s.length && this.s[this.i] !== "\n") this.i++;
        continue;
      }
      const cmd: Command = { negate: false, cmd: "" };
      if (this.gnu && (this.peek() === "+" || this.peek() === "~")) throw this.bad("invalid usage of +N or ~N as first address");
      cmd.a1 = this.address();
      if (cmd.a1 && this.gnu) this.skipSpace();
      if (cmd.a1 && this.peek() === ",") {
        this.i++;
        if (this.gnu) this.skipSpace();
        if (this.peek() === "+" || (this.gnu && this.peek() === "~")) {
          const multiple = this.s[this.i++] === "~";
          if (this.gnu) this.skipSpace();
          const n = this.integer();
          cmd.a2 = multiple ? { kind: "multiple", n } : { kind: "plus", n };
        } else {
          cmd.a2 = this.address();
          if (!cmd.a2) throw new SedError("unexpected ','", "unexpected `,'", this.i + 1);
        }
      }
      if (this.gnu && cmd.a1?.kind === "line" && cmd.a1.n === 0 && cmd.a2?.kind !== "re") {
        this.skipSpace();
        if (this.i < this.s.length) this.i++;
        throw this.bad("invalid usage of line address 0");
      }
      this.skipSpace();
      while (this.peek() === "!") {
        if (cmd.negate && this.gnu) {
          this.i++;
          throw this.bad("multiple `!'s");
        }
        cmd.negate = true;
        this.i++;
        this.skipSpace();
      }
      const c = this.s[this.i++];
      if (c === undefined) throw new SedError("missing command", "missing command", this.i - 1);
      cmd.cmd = c;
      switch (c) {
        case "{":
          blocks.push(this.commands.length);
          break;
        case "}": {
          const open = blocks.pop();
          if (this.gnu && open === undefined) throw this.bad("unexpected `}'");
          if (this.gnu && cmd.a1) throw this.bad("} doesn't want any addresses");
          // A "}" without "{" is ignored.
          if (open !== undefined) this.commands[open].jump = this.commands.length + 1;
          this.endOfCommand();
          break;
        }
        case "#":
          if (this.gnu && cmd.a1) throw this.bad("comments don't accept any addresses");
          if (!this.gnu) throw new SedError(`unsupported command ${c}`, `unknown command: \`${c}'`, this.i);
          while (this.i < this.s.length && this.s[this.i] !== "\n") this.i++;
          continue;
        case "v": {
          if (!this.gnu) throw new SedError(`unsupported command ${c}`, `unknown command: \`${c}'`, this.i);
          const wanted = this.label();
          if (wanted !== "" && compareVersions(wanted, "4.9") > 0) throw this.bad("expected newer version of sed");
          continue;
        }
        case "s": {
          const delim = this.s[this.i++];
          if (delim === undefined || delim === "\n" || delim === "\\") throw new SedError("unmatched 's'");
          let src: string;
          try {
            src = this.delimited(delim, "re");
            cmd.replacement = this.delimited(delim, "repl");
          } catch (e) {
            if (e instanceof SedError) throw new SedError(e.message, "unterminated `s' command", this.i);
            throw e;
          }
          let flags = "";
          if (this.gnu) {
            flags = this.gnuSubstFlags(cmd);
            cmd.re = this.regex(src, flags);
            const refs = [...cmd.replacement.matchAll(/\\([1-9])/g)].map((m) => Number(m[1]));
            const groups = cmd.re ? new RegExp(`${cmd.re.source}|`).exec("")!.length - 1 : 9;
            const bad = refs.find((n) => n > groups);
            if (bad !== undefined) throw this.bad(`invalid reference \\${bad} on \`s' command's RHS`);
            break;
          }
          for (;;) {
            const f = this.peek();
            if (f === "g") cmd.global = true;
            else if (f === "p") cmd.print = true;
            else if (f === "i" || f === "I") flags += "i";
            else if (f !== undefined && /[0-9]/.test(f)) {
              let n = "";
              while (/[0-9]/.test(this.peek() ?? "")) n += this.s[this.i++];
              cmd.occurrence = Number(n);
              continue;
            } else if (f === "w") {
              this.i++;
              cmd.wfile = this.filename();
              break;
            } else if (f === undefined || /[;\n}# \t]/.test(f)) break;
            else throw new SedError("bad option in substitution expression", "unknown option to `s'", this.i + 1);
            this.i++;
          }
          cmd.re = this.regex(src, flags);
          break;
        }
        case "y": {
          const delim = this.s[this.i++];
          let from: string;
          let to: string;
          try {
            from = this.delimited(delim, "repl").replace(/\\(.)/g, (_, ch) => (ch === "n" ? "\n" : ch));
            to = this.delimited(delim, "repl").replace(/\\(.)/g, (_, ch) => (ch === "n" ? "\n" : ch));
          } catch (e) {
            if (e instanceof SedError) throw new SedError(e.message, "unterminated `y' command", this.i);
            throw e;
          }
          if (this.gnu && from.length !== to.length) throw this.bad("strings for `y' command are different lengths");
          this.endOfCommand();
          // busybox maps as many characters as both strings have, without complaint.
          cmd.from = from;
          cmd.to = to;
          break;
        }
        case "a":
        case "i":
        case "c":
          this.skipSpace();
          if (this.gnu && this.i >= this.s.length) throw this.bad("expected \\ after `a', `c' or `i'");
          cmd.text = this.text();
          break;
        case ":":
          if (this.gnu && cmd.a1) throw this.bad(": doesn't want any addresses");
          cmd.text = this.label();
          if (!cmd.text) throw new SedError('":" lacks a label', '":" lacks a label', this.i);
          break;
        case "b":
        case "t":
        case "T":
          cmd.text = this.label();
          break;
        case "r":
        case "w":
        case "R":
        case "W":
          if (!this.gnu && (c === "R" || c === "W")) throw new SedError(`unsupported command ${c}`, undefined, this.i);
          cmd.text = this.filename();
          if (this.gnu && cmd.text === "") throw this.bad("missing filename in r/R/w/W commands");
          break;
        case "q":
        case "Q":
          if (!this.gnu && c === "Q") throw new SedError(`unsupported command ${c}`, undefined, this.i);
          if (this.gnu && cmd.a2) throw this.bad("command only uses one address");
          cmd.exitCode = 0;
          if (this.gnu) {
            this.skipSpace();
            if (/[0-9]/.test(this.peek() ?? "")) cmd.exitCode = this.integer();
            this.endOfCommand();
          }
          break;
        case "l":
          if (this.gnu) {
            this.skipSpace();
            if (/[0-9]/.test(this.peek() ?? "")) cmd.lineLength = this.integer();
            this.endOfCommand();
          }
          break;
        case "F":
        case "z":
          if (!this.gnu) throw new SedError(`unsupported command ${c}`, undefined, this.i);
          this.endOfCommand();
          break;
        case "p":
        case "P":
        case "d":
        case "D":
        case "n":
        case "N":
        case "g":
        case "G":
        case "h":
        case "H":
        case "x":
        case "=":
          this.endOfCommand();
          break;
        default:
          throw new SedError(`unsupported command ${c}`, `unknown command: \`${c}'`, this.i);
      }
      this.commands.push(cmd);
    }
    if (blocks.length) throw new SedError("unterminated {", "unmatched `{'");
    for (const cmd of this.commands) {
      if ("btT".includes(cmd.cmd)) {
        if (!cmd.text) cmd.jump = this.commands.length;
        else {
          const target = this.commands.findIndex((c) => c.cmd === ":" && c.text === cmd.text);
          if (target < 0) throw new SedError(`can't find label for jump to '${cmd.text}'`, this.gnu ? `can't find label for jump to \`${cmd.text}'` : undefined, -1);
          cmd.jump = target;
        }
      }
    }
    return this.commands;
  }
}

/** Expands a replacement for one match: & \1..\9 \n, other escapes literal. */
function expand(repl: string, m: RegExpExecArray): string {
  let out = "";
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === "&") out += m[0];
    else if (c === "\\" && i + 1 < repl.length) {
      const n = repl[++i];
      if (n >= "0" && n <= "9") out += m[Number(n)] ?? "";
      else if (n === "n") out += "\n";
      else if (n === "t") out += "\t";
      else out += n;
    } else out += c;
  }
  return out;
}

/** s///: returns the new text, or null when nothing was replaced. */
function substitute(
  text: string,
  re: RegExp,
  repl: string,
  global: boolean,
  occurrence: number,
  /** GNU: "3g" replaces the third match and every one after it. */
  gnu = false,
): string | null {
  const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  let out = "";
  let pos = 0;
  let count = 0;
  let replaced = false;
  let lastEnd = -1;
  while (pos <= text.length) {
    g.lastIndex = pos;
    const m = g.exec(text);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    // An empty match right where the previous match ended does not count (POSIX).
    if (end === start && start === lastEnd) {
      if (start >= text.length) break;
      out += text.slice(pos, start + 1);
      pos = start + 1;
      continue;
    }
    count++;
    out += text.slice(pos, start);
    // With "g", busybox replaces every match, whatever the number says.
    if ((global && !gnu) || count >= occurrence) {
      out += expand(repl, m);
      replaced = true;
    } else out += m[0];
    lastEnd = end;
    if (end === start) {
      if (start < text.length) out += text[start];
      pos = start + 1;
    } else pos = end;
    if (replaced && !global) break;
  }
  if (!replaced) return null;
  return out + text.slice(Math.min(pos, text.length));
}

interface Input {
  /** The file name ("-" for standard input), as GNU F prints it. */
  name: string;
  lines: string[];
  /** Whether the last line ended without a newline. */
  noFinalNewline: boolean;
}

export const sed: ProgramDef = {
  name: "sed",
  *main(sys) {
    // -i takes an optional suffix glued to it ("-i.bak"); take it out before getopt.
    let inPlace: string | undefined;
    const argv = sys.argv.filter((a, i) => {
      if (i > 0 && /^-i/.test(a) && !a.startsWith("--")) {
        inPlace = a.slice(2);
        return false;
      }
      return true;
    });
    const gnu = !!gnuTool(sys);
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(argv, {
        flags: gnu ? "nrEusz" : "nrEu",
        withArg: gnu ? "efl" : "ef",
        long: {
          expression: { short: "e", arg: true },
          file: { short: "f", arg: true },
          quiet: { short: "n" },
          silent: { short: "n" },
          "regexp-extended": { short: "E" },
          ...(gnu
            ? {
                separate: { short: "s" },
                "line-length": { short: "l", arg: true },
                posix: { short: "posix" },
                sandbox: { short: "sandbox" },
                "follow-symlinks": { short: "follow-symlinks" },
                unbuffered: { short: "u" },
                "null-data": { short: "z" },
                debug: { short: "debug" },
              }
            : {}),
        },
      });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.sed, e.message);
      throw e;
    }
    const operands = [...opts.operands];
    const pieces: string[] = [];
    // -e and -f pieces keep their command-line order.
    try {
      for (let i = 1; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--") break;
        if (a === "-e" || a === "-f") {
          const v = argv[++i];
          pieces.push(a === "-e" ? v : readScript(sys, v));
        } else if (/^-[nrEsuz]*[ef]./.test(a)) {
          const at = a.search(/[ef]/);
          const v = a.slice(at + 1);
          pieces.push(a[at] === "e" ? v : readScript(sys, v));
        } else if (gnu && /^--(expression|file)=/.test(a)) {
          const v = a.slice(a.indexOf("=") + 1);
          pieces.push(a.startsWith("--e") ? v : readScript(sys, v));
        } else if (gnu && (a === "-l" || a === "--expression" || a === "--file" || a === "--line-length")) {
          if (a === "--expression" || a === "--file") pieces.push(a === "--expression" ? argv[i + 1] : readScript(sys, argv[i + 1]));
          i++;
        }
      }
    } catch (e) {
      if (!(e instanceof ScriptFileError)) throw e;
      yield* warn(sys, gnu ? `couldn't open file ${e.file}: ${e.message}` : `${e.file}: ${e.message}`);
      return gnu ? 4 : 1;
    }
    if (pieces.length === 0) {
      if (operands.length === 0) return yield* usageError(sys, USAGE.sed);
      pieces.push(operands.shift()!);
    }
    let commands: Command[];
    try {
      commands = new Parser(pieces.join("\n"), !!(opts.flags.r || opts.flags.E), gnu).parse();
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      // A jump to a missing label is GNU sed's "panic": no position, exit status 4.
      if (gnu && e.at === -1 && e.gnu) {
        yield* warn(sys, e.gnu);
        return 4;
      }
      yield* warn(sys, gnu && e.gnu ? gnuSedScriptError(e.gnu, e.at, pieces) : e.message);
      return 1;
    }
    const lineLength = opts.args.l ? Number(opts.args.l.at(-1)) : 70;
    const separate = gnu && !!opts.flags.s;
    const quiet = !!opts.flags.n;
    const files = operands.length ? operands : ["-"];
    let status = 0;
    const wfiles = new Map<string, number>();

    const load = function* (name: string): Gen<Input | null> {
      let data: string;
      try {
        const fd = name === "-" ? 0 : sys.open(name, { read: true });
        data = "";
        try {
          for (;;) {
            const chunk = yield* sys.read(fd);
            if (chunk === "") break;
            data += chunk;
          }
        } catch (e) {
          asErrno(e);
        }
        if (fd !== 0) sys.close(fd);
      } catch (e) {
        const er = asErrno(e);
        const readError = gnu && er.code === "EISDIR";
        yield* warn(sys, gnu ? `${readError ? "read error on" : "can't read"} ${name}: ${er.message}` : `${name}: ${er.message}`);
        // GNU sed goes on with the other files and exits 2 (4 after a read error).
        status = readError ? 4 : gnu ? 2 : 1;
        return null;
      }
      const lines = data.split("\n");
      const noFinalNewline = lines[lines.length - 1] !== "";
      if (!noFinalNewline) lines.pop();
      return { name, lines, noFinalNewline };
    };

    const openW = (name: string) => {
      if (!wfiles.has(name))
        wfiles.set(
          name,
          name === "/dev/stdout" ? 1 : sys.open(name, { write: true, create: true, trunc: true }),
        );
      return wfiles.get(name)!;
    };
    for (const c of commands) {
      if (c.cmd !== "w" && !c.wfile) continue;
      const name = (c.cmd === "w" ? c.text : c.wfile)!;
      try {
        openW(name);
      } catch (e) {
        yield* warn(sys, `can't open '${name}': ${asErrno(e).message}`);
        return 1;
      }
    }

    /** Runs the script over a stream of lines; returns the output text and whether q ended it. */
    const runStream = function* (inputs: Input[]): Gen<{ text: string; quit: number | null }> {
      const all: { line: string; nl: boolean; file: string }[] = [];
      for (const inp of inputs) {
        inp.lines.forEach((l, i) => {
          all.push({ line: l, nl: !(inp.noFinalNewline && i === inp.lines.length - 1), file: inp.name });
        });
      }
      // GNU 0,/re/: the range is open before the first line, so the regex may end it there.
      for (const c of commands) c.active = c.a1?.kind === "line" && c.a1.n === 0 ? true : undefined;
      const readLines = new Map<string, string[]>();
      let text = "";
      let idx = 0;
      let lineNo = 0;
      let hold = "";
      let lastRe: RegExp | null = null;
      const emit = (s: string, nl: boolean) => {
        text += s + (nl ? "\n" : "");
      };
      const regexOrLast = (re: RegExp | null | undefined): RegExp => {
        if (re) {
          lastRe = re;
          return re;
        }
        if (!lastRe) throw new SedError("no previous regexp");
        return lastRe;
      };
      const isLast = () => idx >= all.length;
      const matches = (a: Address, ps: string): boolean => {
        if (a.kind === "line") return lineNo === a.n;
        if (a.kind === "last") return isLast();
        if (a.kind === "re") return regexOrLast(a.re).test(ps);
        if (a.kind === "step") return lineNo >= a.first && (lineNo - a.first) % a.step === 0;
        return false;
      };
      let pattern = "";
      let curNl = true;
      let quit: number | null = null;
      let readNext = true;
      while (true) {
        if (readNext) {
          if (idx >= all.length) break;
          const next = all[idx++];
          pattern = next.line;
          curNl = next.nl;
          lineNo++;
        }
        readNext = true;
        const append: string[] = [];
        let substituted = false;
        let deleted = false;
        let restart = false;
        for (let pc = 0; pc < commands.length; ) {
          const c = commands[pc];
          let selected: boolean;
          if (!c.a1) selected = true;
          else if (!c.a2) selected = matches(c.a1, pattern);
          else if (c.active) {
            selected = true;
            const a2 = c.a2;
            if (a2.kind === "line" || a2.kind === "plus" || a2.kind === "multiple") {
              if (lineNo >= c.endLine!) c.active = false;
            } else if (a2.kind === "last" ? isLast() : matches(a2, pattern)) c.active = false;
          } else if (matches(c.a1, pattern)) {
            selected = true;
            const a2 = c.a2;
            if (a2.kind === "line") {
              if (a2.n > lineNo) {
                c.active = true;
                c.endLine = a2.n;
              }
            } else if (a2.kind === "plus") {
              if (a2.n > 0) {
                c.active = true;
                c.endLine = lineNo + a2.n;
              }
            } else if (a2.kind === "multiple") {
              const end = a2.n > 0 ? Math.ceil(lineNo / a2.n) * a2.n : lineNo;
              if (end > lineNo) {
                c.active = true;
                c.endLine = end;
              }
            } else if (a2.kind === "last") c.active = !isLast();
            else c.active = true;
          } else selected = false;
          if (c.negate) selected = !selected;
          if (!selected) {
            pc = c.cmd === "{" ? c.jump! : pc + 1;
            continue;
          }
          pc++;
          switch (c.cmd) {
            case "{":
            case "}":
            case ":":
              break;
            case "s": {
              const r = substitute(pattern, regexOrLast(c.re), c.replacement!, !!c.global, c.occurrence ?? 1, gnu);
              if (r !== null) {
                pattern = r;
                substituted = true;
                if (c.print) emit(pattern, true);
                if (c.wfile) yield* sys.write(openW(c.wfile), `${pattern}\n`);
              }
              break;
            }
            case "y": {
              let out = "";
              for (const ch of pattern) {
                const k = c.from!.indexOf(ch);
                out += k >= 0 && k < c.to!.length ? c.to![k] : ch;
              }
              pattern = out;
              break;
            }
            case "p":
              emit(pattern, true);
              break;
            case "P": {
              const nl = pattern.indexOf("\n");
              emit(nl >= 0 ? pattern.slice(0, nl) : pattern, true);
              break;
            }
            case "d":
              deleted = true;
              pc = commands.length;
              break;
            case "D": {
              const nl = pattern.indexOf("\n");
              // Never printed: either gone, or the rest starts the next cycle.
              deleted = true;
              if (nl >= 0) {
                pattern = pattern.slice(nl + 1);
                restart = true;
              }
              pc = commands.length;
              break;
            }
            case "n":
              if (isLast()) {
                pc = commands.length;
                quit = quit ?? null;
                break;
              }
              if (!quiet) emit(pattern, curNl);
              {
                const next = all[idx++];
                pattern = next.line;
                curNl = next.nl;
                lineNo++;
              }
              break;
            case "N":
              if (isLast()) {
                pc = commands.length;
                break;
              }
              {
                const next = all[idx++];
                pattern += `\n${next.line}`;
                curNl = next.nl;
                lineNo++;
              }
              break;
            case "g":
              pattern = hold;
              break;
            case "G":
              pattern += `\n${hold}`;
              break;
            case "h":
              hold = pattern;
              break;
            case "H":
              hold += `\n${pattern}`;
              break;
            case "x":
              [pattern, hold] = [hold, pattern];
              break;
            case "=":
              emit(String(lineNo), true);
              break;
            case "l":
              // This busybox build accepts "l" but prints nothing for it.
              if (gnu) text += listLine(pattern, c.lineLength ?? lineLength);
              break;
            case "F":
              emit(all[idx - 1]?.file ?? "-", true);
              break;
            case "z":
              pattern = "";
              break;
            case "W": {
              const nl = pattern.indexOf("\n");
              yield* sys.write(openW(c.text!), `${nl >= 0 ? pattern.slice(0, nl) : pattern}\n`);
              break;
            }
            case "R": {
              let lines = readLines.get(c.text!);
              if (!lines) {
                try {
                  lines = sys.readFile(c.text!).split("\n");
                  if (lines.at(-1) === "") lines.pop();
                } catch (e) {
                  asErrno(e);
                  lines = [];
                }
                readLines.set(c.text!, lines);
              }
              const line = lines.shift();
              if (line !== undefined) append.push(`${line}\n`);
              break;
            }
            case "Q":
              quit = c.exitCode!;
              deleted = true;
              pc = commands.length;
              break;
            case "a":
              append.push(`${c.text}\n`);
              break;
            case "i":
              emit(c.text!, true);
              break;
            case "c":
              // In a range, the text replaces the whole range: printed at its end.
              if (!c.a2 || !c.active) emit(c.text!, true);
              deleted = true;
              pc = commands.length;
              break;
            case "r":
              try {
                append.push(sys.readFile(c.text!));
              } catch (e) {
                asErrno(e);
              }
              break;
            case "w":
              yield* sys.write(openW(c.text!), `${pattern}\n`);
              break;
            case "b":
              pc = c.jump!;
              break;
            case "t":
              if (substituted) {
                substituted = false;
                pc = c.jump!;
              }
              break;
            case "T":
              if (!substituted) pc = c.jump!;
              else substituted = false;
              break;
            case "q":
              quit = c.exitCode!;
              pc = commands.length;
              break;
          }
        }
        if (!deleted && !quiet) emit(pattern, curNl || append.length > 0);
        for (const a of append) text += a;
        if (quit !== null) break;
        if (restart) readNext = false;
      }
      return { text, quit };
    };

    try {
      if (inPlace !== undefined || separate) {
        for (const name of files) {
          if (gnu && inPlace !== undefined) {
            const st = (() => {
              try {
                return sys.stat(name);
              } catch (e) {
                return asErrno(e);
              }
            })();
            if (!("type" in st)) {
              yield* warn(sys, `can't read ${name}: ${st.message}`);
              status = 2;
              continue;
            }
            if (st.type !== "file") {
              yield* warn(sys, `couldn't edit ${name}: not a regular file`);
              return 4;
            }
          }
          const inp = yield* load(name);
          if (!inp) continue;
          if (inPlace === undefined) {
            const r = yield* runStream([inp]);
            if (r.text) yield* sys.write(1, r.text);
            if (r.quit !== null) return r.quit;
            continue;
          }
          const r = yield* runStream([inp]);
          if (inPlace) sys.writeFile(name + inPlace, sys.readFile(name));
          sys.writeFile(name, r.text);
          if (r.quit !== null) return r.quit;
        }
        return status;
      }
      const inputs: Input[] = [];
      for (const name of files) {
        const inp = yield* load(name);
        if (inp) inputs.push(inp);
      }
      const r = yield* runStream(inputs);
      if (r.text) yield* sys.write(1, r.text);
      return r.quit ?? status;
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      yield* warn(sys, e.message);
      return 1;
    } finally {
      for (const fd of wfiles.values()) if (fd > 2) sys.close(fd);
    }
  },
};

class ScriptFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

function readScript(sys: Sys, name: string): string {
  let text: string;
  try {
    text = sys.readFile(name);
  } catch (e) {
    throw new ScriptFileError(name, asErrno(e).message);
  }
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** GNU l: C escapes, octal for other unprintable bytes, lines wrapped before `width` with "\", then "$". */
function listLine(text: string, width: number): string {
  const NAMED: Record<string, string> = { "\\": "\\\\", "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v" };
  let out = "";
  let col = 0;
  for (const c of text) {
    const code = c.charCodeAt(0);
    const esc = NAMED[c] ?? (code >= 0x20 && code < 0x7f ? c : `\\${code.toString(8).padStart(3, "0")}`);
    if (width > 1 && col + esc.length > width - 1) {
      out += "\\\n";
      col = 0;
    }
    out += esc;
    col += esc.length;
  }
  return `${out}$\n`;
}
