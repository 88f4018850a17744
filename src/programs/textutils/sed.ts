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
  | { kind: "plus"; n: number };

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
  ) {}

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

  private regex(src: string, flags: string): RegExp | null {
    if (src === "") return null;
    try {
      return new RegExp(posixToJs(src, this.extended, flags.includes("i")), `s${flags}`);
    } catch (e) {
      if (e instanceof RegexSyntaxError || e instanceof SyntaxError)
        throw new SedError(`bad regex '${src}': ${e.message}`);
      throw e;
    }
  }

  private address(): Address | undefined {
    const c = this.peek();
    if (c === undefined) return undefined;
    if (/[0-9]/.test(c)) {
      let n = "";
      while (/[0-9]/.test(this.peek() ?? "")) n += this.s[this.i++];
      if (this.peek() === "~") throw new SedError("unsupported command ~");
      return { kind: "line", n: Number(n) };
    }
    if (c === "$") {
      this.i++;
      return { kind: "last" };
    }
    if (c === "/" || c === "\\") {
      this.i++;
      let delim = "/";
      if (c === "\\") delim = this.s[this.i++];
      const src = this.delimited(delim, "re");
      let flags = "";
      while (this.peek() === "I") {
        flags += "i";
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
      cmd.a1 = this.address();
      if (cmd.a1 && this.peek() === ",") {
        this.i++;
        if (this.peek() === "+") {
          this.i++;
          let n = "";
          while (/[0-9]/.test(this.peek() ?? "")) n += this.s[this.i++];
          cmd.a2 = { kind: "plus", n: Number(n) };
        } else {
          cmd.a2 = this.address();
          if (!cmd.a2) throw new SedError("unexpected ','", "unexpected `,'", this.i + 1);
        }
      }
      this.skipSpace();
      while (this.peek() === "!") {
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
          // A "}" without "{" is ignored.
          if (open !== undefined) this.commands[open].jump = this.commands.length + 1;
          break;
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
          const from = this.delimited(delim, "repl").replace(/\\(.)/g, (_, ch) => (ch === "n" ? "\n" : ch));
          const to = this.delimited(delim, "repl").replace(/\\(.)/g, (_, ch) => (ch === "n" ? "\n" : ch));
          // busybox maps as many characters as both strings have, without complaint.
          cmd.from = from;
          cmd.to = to;
          break;
        }
        case "a":
        case "i":
        case "c":
          this.skipSpace();
          cmd.text = this.text();
          break;
        case ":":
          cmd.text = this.label();
          if (!cmd.text) throw new SedError('":" lacks a label');
          break;
        case "b":
        case "t":
        case "T":
          cmd.text = this.label();
          break;
        case "r":
        case "w":
          cmd.text = this.filename();
          break;
        case "q":
          cmd.exitCode = 0;
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
        case "l":
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
          if (target < 0) throw new SedError(`can't find label for jump to '${cmd.text}'`);
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
    if (global || count >= occurrence) {
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
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(argv, {
        flags: "nrEu",
        withArg: "ef",
        long: {
          expression: { short: "e", arg: true },
          file: { short: "f", arg: true },
          quiet: { short: "n" },
          silent: { short: "n" },
          "regexp-extended": { short: "E" },
        },
      });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.sed, e.message);
      throw e;
    }
    const operands = [...opts.operands];
    const pieces: string[] = [];
    // -e and -f pieces keep their command-line order.
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === "--") break;
      if (a === "-e" || a === "-f") {
        const v = argv[++i];
        pieces.push(a === "-e" ? v : readScript(sys, v));
      } else if (/^-[nrEsu]*[ef]./.test(a)) {
        const at = a.search(/[ef]/);
        const v = a.slice(at + 1);
        pieces.push(a[at] === "e" ? v : readScript(sys, v));
      }
    }
    if (pieces.length === 0) {
      if (operands.length === 0) return yield* usageError(sys, USAGE.sed);
      pieces.push(operands.shift()!);
    }
    let commands: Command[];
    try {
      commands = new Parser(pieces.join("\n"), !!(opts.flags.r || opts.flags.E)).parse();
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      yield* warn(sys, gnuTool(sys) && e.gnu ? gnuSedScriptError(e.gnu, e.at, pieces) : e.message);
      return 1;
    }
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
        yield* warn(sys, `${name}: ${asErrno(e).message}`);
        // GNU sed goes on with the other files and exits 2.
        status = gnuTool(sys) ? 2 : 1;
        return null;
      }
      const lines = data.split("\n");
      const noFinalNewline = lines[lines.length - 1] !== "";
      if (!noFinalNewline) lines.pop();
      return { lines, noFinalNewline };
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
      const all: { line: string; nl: boolean }[] = [];
      for (const inp of inputs) {
        inp.lines.forEach((l, i) => {
          all.push({ line: l, nl: !(inp.noFinalNewline && i === inp.lines.length - 1) });
        });
      }
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
            if (a2.kind === "line" || a2.kind === "plus") {
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
              const r = substitute(pattern, regexOrLast(c.re), c.replacement!, !!c.global, c.occurrence ?? 1);
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
      if (inPlace !== undefined) {
        for (const name of files) {
          const inp = yield* load(name);
          if (!inp) continue;
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

function readScript(sys: Sys, name: string): string {
  const text = sys.readFile(name);
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}
