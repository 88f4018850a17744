/**
 * Character input and word scanning for the parser, modelled on ash's readtoken1: a word is read
 * straight into structured parts (literal runs with their quoting, $params, $(...), `...`, $((...))).
 */
import type { ArithPart, CmdSubPart, ParamOp, ParamPart, Program, Word, WordPart } from "./ast";

/** A syntax error; `message` is what follows "syntax error: ". */
export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** The input ended inside a command, but more input may follow (a terminal or a pipe). */
export class NeedMoreInput extends Error {
  constructor() {
    super("need more input");
  }
}

export const EOF = "";

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL = "!#$*-?@0123456789";

export function isName(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

/** Collects parts, merging neighbouring literals of the same quoting. */
export class PartBuilder {
  parts: WordPart[] = [];
  quoted = false;

  lit(value: string, quoted: boolean): void {
    if (quoted) this.quoted = true;
    const last = this.parts[this.parts.length - 1];
    if (last && last.type === "lit" && last.quoted === quoted && (value !== "" || !quoted)) {
      last.value += value;
      return;
    }
    if (value === "" && !quoted) return;
    this.parts.push({ type: "lit", value, quoted });
  }

  push(part: WordPart): void {
    if (part.quoted) this.quoted = true;
    this.parts.push(part);
  }

  word(): Word {
    // Empty quoted markers ("" '') matter only when nothing else in the word is quoted.
    const hasQuoted = this.parts.some((p) => p.quoted && !(p.type === "lit" && p.value === ""));
    const out: WordPart[] = [];
    let marker = false;
    for (const p of this.parts) {
      if (p.type === "lit" && p.value === "") {
        if (p.quoted && !hasQuoted && !marker) {
          marker = true;
          out.push(p);
        }
        continue;
      }
      const last = out[out.length - 1];
      if (p.type === "lit" && last && last.type === "lit" && last.quoted === p.quoted && last.value !== "") {
        out[out.length - 1] = { ...last, value: last.value + p.value };
      } else out.push(p);
    }
    return { parts: out };
  }
}

export abstract class Lexer {
  pos: number;
  line: number;
  /** bash's syntax: arrays, ${!x}, ${x^^}. */
  protected bash = false;

  constructor(
    protected src: string,
    pos: number,
    line: number,
    /** More input may arrive after the end of `src`: hitting the end throws NeedMoreInput. */
    protected more: boolean,
  ) {
    this.pos = pos;
    this.line = line;
  }

  /** Parses a command list up to ")" for $(...); implemented by the parser. */
  protected abstract parseCmdSubBody(): Program;
  /** Parses a complete string as a program (for `...`). */
  protected abstract parseNested(text: string, line: number): Program;

  protected error(msg: string): never {
    throw new ShellSyntaxError(msg, this.line);
  }

  getc(): string {
    if (this.pos >= this.src.length) {
      if (this.more) throw new NeedMoreInput();
      return EOF;
    }
    const c = this.src[this.pos++];
    if (c === "\n") this.line++;
    return c;
  }

  ungetc(c: string): void {
    if (c === EOF) return;
    this.pos--;
    if (c === "\n") this.line--;
  }

  /** getc that swallows backslash-newline pairs (line continuation). */
  getcEat(): string {
    for (;;) {
      const c = this.getc();
      if (c !== "\\") return c;
      const n = this.getc();
      if (n !== "\n") {
        this.ungetc(n);
        return c;
      }
    }
  }

  peekEat(): string {
    const save = this.pos;
    const line = this.line;
    const c = this.getcEat();
    this.pos = save;
    this.line = line;
    return c;
  }

  /**
   * Reads an unquoted word starting at the current position (first char not yet consumed).
   * `eofMark`: reading a here-document delimiter, where $ and ` are plain characters.
   */
  readWord(
    eofMark: boolean,
    subscripts: "" | "assignment" | "element" = "",
  ): { word: Word; quoted: boolean; raw: string } {
    const b = new PartBuilder();
    let raw = "";
    for (;;) {
      const c = this.getcEat();
      if (c === EOF) break;
      // bash reads a subscript whole, blanks and all, where an assignment may stand:
      // `a[long key]=1`, and `[long key]=1` inside a=(...).
      const plain = b.parts.every((p) => p.type === "lit" && !p.quoted);
      if (
        c === "[" &&
        plain &&
        ((subscripts === "assignment" && isName(raw)) || (subscripts === "element" && raw === ""))
      ) {
        raw += this.readWordSubscript(b);
        continue;
      }
      if (" \t\n;&|<>()".includes(c)) {
        this.ungetc(c);
        break;
      }
      if (c === "\\") {
        const n = this.getc();
        if (n === EOF) {
          b.lit("\\", true);
          raw += "\\";
        } else {
          b.lit(n, true);
          raw += n;
        }
        b.quoted = true;
      } else if (c === "'") {
        const s = this.readSingleQuoted();
        b.lit(s, true);
        raw += s;
      } else if (c === '"') {
        raw += this.readDoubleQuoted(b, eofMark);
      } else if (c === "$" && !eofMark) {
        this.readDollar(b, false);
      } else if (c === "`" && !eofMark) {
        b.push(this.readBackquote(false));
      } else {
        b.lit(c, false);
        raw += c;
      }
    }
    return { word: b.word(), quoted: b.quoted, raw };
  }

  /** After "[" in a word: up to the matching "]", which blanks and operators do not end. */
  private readWordSubscript(b: PartBuilder): string {
    let raw = "[";
    b.lit("[", false);
    let depth = 0;
    for (;;) {
      const c = this.getcEat();
      if (c === EOF) return raw;
      if (c === "\\") {
        const n = this.getc();
        if (n !== EOF) b.lit(n, true);
        continue;
      }
      if (c === "'") b.lit(this.readSingleQuoted(), true);
      else if (c === '"') this.readDoubleQuoted(b, false);
      else if (c === "$") this.readDollar(b, false);
      else if (c === "`") b.push(this.readBackquote(false));
      else {
        b.lit(c, false);
        raw += c;
        if (c === "[") depth++;
        else if (c === "]" && depth-- === 0) return raw;
      }
    }
  }

  private readSingleQuoted(): string {
    let s = "";
    for (;;) {
      const c = this.getc();
      if (c === EOF) this.error("unterminated quoted string");
      if (c === "'") return s;
      s += c;
    }
  }

  /** After an opening '"'. Returns the raw text (for here-doc delimiters). */
  private readDoubleQuoted(b: PartBuilder, eofMark: boolean): string {
    let raw = "";
    b.lit("", true);
    for (;;) {
      const c = this.getcEat();
      if (c === EOF) this.error("unterminated quoted string");
      if (c === '"') return raw;
      if (c === "\\") {
        const n = this.getc();
        if (n === EOF) this.error("unterminated quoted string");
        if (n === "\\" || n === "`" || n === "$" || n === '"') {
          b.lit(n, true);
          raw += n;
        } else {
          b.lit(`\\${n}`, true);
          raw += `\\${n}`;
        }
      } else if (c === "$" && !eofMark) {
        this.readDollar(b, true);
      } else if (c === "`" && !eofMark) {
        b.push(this.readBackquote(true));
      } else {
        b.lit(c, true);
        raw += c;
      }
    }
  }

  /** After a '$'. */
  readDollar(b: PartBuilder, inDq: boolean): void {
    const c = this.getcEat();
    if (c === "'" && !inDq) {
      b.lit(this.readDollarSingleQuoted(), true);
      return;
    }
    if (c === "(") {
      const n = this.getcEat();
      if (n === "(") {
        b.push(this.readArith(inDq));
        return;
      }
      this.ungetc(n);
      const body = this.parseCmdSubBody();
      b.push({ type: "cmdsub", body, quoted: inDq } satisfies CmdSubPart);
      return;
    }
    if (c === "{") {
      b.push(this.readBracedParam(inDq));
      return;
    }
    if (c !== EOF && NAME_START.test(c)) {
      let name = c;
      for (;;) {
        const n = this.getcEat();
        if (n !== EOF && NAME_CHAR.test(n)) name += n;
        else {
          this.ungetc(n);
          break;
        }
      }
      b.push({ type: "param", name, op: "", colon: false, quoted: inDq });
      return;
    }
    if (c !== EOF && SPECIAL.includes(c)) {
      b.push({ type: "param", name: c, op: "", colon: false, quoted: inDq });
      return;
    }
    this.ungetc(c);
    b.lit("$", inDq);
  }

  private readDollarSingleQuoted(): string {
    let s = "";
    for (;;) {
      const c = this.getc();
      if (c === EOF) this.error("unterminated quoted string");
      if (c === "'") return s;
      if (c !== "\\") {
        s += c;
        continue;
      }
      const e = this.getc();
      const simple: Record<string, string> = {
        n: "\n",
        r: "\r",
        b: "\b",
        t: "\t",
        f: "\f",
        a: "\x07",
        v: "\v",
        "\\": "\\",
        "'": "'",
        '"': '"',
      };
      if (e in simple) {
        s += simple[e];
      } else if (e >= "0" && e <= "7") {
        let digits = e;
        while (digits.length < 3) {
          const d = this.getc();
          if (d >= "0" && d <= "7" && d !== EOF) digits += d;
          else {
            this.ungetc(d);
            break;
          }
        }
        const v = Number.parseInt(digits, 8) & 0xff;
        if (v !== 0) s += String.fromCharCode(v);
      } else if (e === "x") {
        let digits = "";
        while (digits.length < 2) {
          const d = this.getc();
          if (d !== EOF && /[0-9a-fA-F]/.test(d)) digits += d;
          else {
            this.ungetc(d);
            break;
          }
        }
        if (digits === "") s += "\\x";
        else {
          const v = Number.parseInt(digits, 16);
          if (v !== 0) s += String.fromCharCode(v);
        }
      } else if (e === EOF) {
        this.error("unterminated quoted string");
      } else {
        s += `\\${e}`;
      }
    }
  }

  /** After "$((". Reads to the matching "))". */
  private readArith(inDq: boolean): ArithPart {
    const b = new PartBuilder();
    let depth = 0;
    for (;;) {
      const c = this.getcEat();
      if (c === EOF) this.error("missing '))'");
      if (c === "(") {
        depth++;
        b.lit(c, true);
      } else if (c === ")") {
        if (depth > 0) {
          depth--;
          b.lit(c, true);
        } else {
          const n = this.getcEat();
          if (n === ")") break;
          this.ungetc(n);
          b.lit(c, true);
        }
      } else if (c === '"') {
        // quotes inside $((...)) are removed
      } else if (!this.readQuotedSpecial(b, c, '\\`$"')) {
        b.lit(c, true);
      }
    }
    return { type: "arith", expr: { parts: b.parts }, quoted: inDq };
  }

  /**
   * The characters still special in double-quote-like text ($((...)), here-documents): a backslash
   * before one of `escapable` (else kept), $ and `. Returns false for any other character.
   */
  private readQuotedSpecial(b: PartBuilder, c: string, escapable: string): boolean {
    if (c === "\\") {
      const n = this.getc();
      if (n !== EOF && escapable.includes(n)) b.lit(n, true);
      else {
        b.lit("\\", true);
        this.ungetc(n);
      }
    } else if (c === "$") this.readDollar(b, true);
    else if (c === "`") b.push(this.readBackquote(true));
    else return false;
    return true;
  }

  /** After "`": reads to the closing backquote and parses the text as a program. */
  private readBackquote(inDq: boolean): CmdSubPart {
    let text = "";
    const startLine = this.line;
    for (;;) {
      const c = this.getcEat();
      if (c === EOF) this.error("EOF in backquote substitution");
      if (c === "`") break;
      if (c === "\\") {
        const n = this.getc();
        if (n === EOF) this.error("EOF in backquote substitution");
        if (n !== "\\" && n !== "`" && n !== "$" && !(inDq && n === '"')) text += "\\";
        text += n;
        continue;
      }
      text += c;
    }
    const body = this.parseNested(text, startLine);
    return { type: "cmdsub", body, quoted: inDq };
  }

  /** After "${". */
  private readBracedParam(inDq: boolean): ParamPart {
    const outer = this.braceStart;
    this.braceStart = this.pos;
    try {
      return this.readBracedParamBody(inDq);
    } finally {
      this.braceStart = outer;
    }
  }

  private readBracedParamBody(inDq: boolean): ParamPart {
    let c = this.getcEat();
    let length = false;
    let name = "";
    if (c === "!" && this.bash) {
      const n = this.getcEat();
      this.ungetc(n);
      if (n !== EOF && NAME_START.test(n)) return this.readBangParam(inDq);
    }
    if (c === "#") {
      const n = this.getcEat();
      if (n !== EOF && (n === "_" || /[A-Za-z0-9]/.test(n))) {
        length = true;
        c = n;
      } else if (n !== EOF && n !== "}" && SPECIAL.includes(n)) {
        const after = this.getcEat();
        this.ungetc(after);
        if (after === "}") {
          length = true;
          c = n;
        } else {
          this.ungetc(n);
        }
      } else {
        this.ungetc(n);
      }
    }
    let subscript: ParamPart["subscript"];
    if (c !== EOF && NAME_START.test(c)) {
      name = c;
      for (;;) {
        c = this.getcEat();
        if (c !== EOF && NAME_CHAR.test(c)) name += c;
        else break;
      }
      if (c === "[" && this.bash) {
        const sub = this.readSubscript();
        if (sub === null) return this.badSubstitution("}", inDq);
        subscript = sub;
        c = this.getcEat();
      }
    } else if (c !== EOF && c >= "0" && c <= "9") {
      name = c;
      for (;;) {
        c = this.getcEat();
        if (c >= "0" && c <= "9" && c !== EOF) name += c;
        else break;
      }
    } else if (c !== EOF && c !== "}" && SPECIAL.includes(c)) {
      name = c;
      c = this.getcEat();
    } else {
      return this.badSubstitution(c, inDq);
    }
    const part: ParamPart = { type: "param", name, op: "", colon: false, quoted: inDq };
    if (subscript !== undefined) part.subscript = subscript;
    if (length) {
      if (c !== "}") return this.badSubstitution(c, inDq);
      part.op = "len";
      return part;
    }
    if (c === "}") return part;
    let op: ParamOp;
    let patternSyntax = false;
    if (c === ":") {
      const n = this.getcEat();
      if (n !== EOF && "-=?+".includes(n)) {
        part.colon = true;
        op = n as ParamOp;
      } else {
        this.ungetc(n);
        part.op = "substr";
        part.arg = this.readParamArg(inDq, true, ":");
        if (this.lastArgEnd === ":") part.arg2 = this.readParamArg(inDq, true, "");
        return part;
      }
    } else if (c !== EOF && "-=?+".includes(c)) {
      op = c as ParamOp;
    } else if (c === "%" || c === "#") {
      const n = this.getcEat();
      if (n === c) op = `${c}${c}` as ParamOp;
      else {
        this.ungetc(n);
        op = c as ParamOp;
      }
      patternSyntax = true;
    } else if ((c === "^" || c === ",") && this.bash) {
      const n = this.getcEat();
      if (n === c) op = `${c}${c}` as ParamOp;
      else {
        this.ungetc(n);
        op = c as ParamOp;
      }
      patternSyntax = true;
    } else if (c === "/") {
      const n = this.getcEat();
      if (n === "/") op = "//";
      else {
        this.ungetc(n);
        op = "/";
      }
      part.op = op;
      part.arg = this.readParamArg(false, true, "/");
      if (this.lastArgEnd === "/") part.arg2 = this.readParamArg(inDq, true, "");
      return part;
    } else {
      return this.badSubstitution(c, inDq);
    }
    part.op = op;
    part.arg = this.readParamArg(inDq && !patternSyntax, patternSyntax, "");
    return part;
  }

  /** ash only complains about a bad ${...} when it is expanded; skip to the closing brace. */
  private badSubstitution(c: string, inDq: boolean): ParamPart {
    for (;;) {
      if (c === EOF) this.error("missing '}'");
      if (c === "}") {
        const text = this.src.slice(this.braceStart, this.pos - 1);
        return { type: "param", name: "", op: "bad", colon: false, quoted: inDq, text };
      }
      c = this.getcEat();
    }
  }

  /** Where the text of the ${...} being read starts (after "${"). */
  private braceStart = 0;

  /** bash's ${!name} (indirection) and ${!name[@]} ${!name[*]} (the keys), after "${". */
  private readBangParam(inDq: boolean): ParamPart {
    let name = "";
    let c = this.getcEat();
    while (c !== EOF && NAME_CHAR.test(c)) {
      name += c;
      c = this.getcEat();
    }
    if (c === "}") return { type: "param", name, op: "indirect", colon: false, quoted: inDq };
    if (c === "[") {
      const sub = this.readSubscript();
      if (sub === null) return this.badSubstitution("}", inDq);
      c = this.getcEat();
      if (c === "}") {
        const op = sub === "@" || sub === "*" ? "keys" : "indirect";
        return { type: "param", name, op, colon: false, quoted: inDq, subscript: sub };
      }
    }
    return this.badSubstitution(c, inDq);
  }

  /**
   * bash's subscript after "name[": "@" or "*" alone, or the text up to the matching "]" as a
   * word (quotes removed, expansions kept). Null when "}" or the end comes first.
   */
  private readSubscript(): Word | "@" | "*" | null {
    const first = this.getcEat();
    if (first === "@" || first === "*") {
      const n = this.getcEat();
      if (n === "]") return first;
      this.ungetc(n);
    }
    this.ungetc(first);
    const b = new PartBuilder();
    let depth = 0;
    for (;;) {
      const c = this.getcEat();
      if (c === EOF || c === "}") return null;
      if (c === "]" && depth === 0) break;
      if (c === "[") depth++;
      if (c === "]") depth--;
      if (c === "\\") {
        const n = this.getc();
        if (n === EOF) return null;
        b.lit(n, true);
      } else if (c === "'") b.lit(this.readSingleQuoted(), true);
      else if (c === '"') this.readDoubleQuoted(b, false);
      else if (!this.readQuotedSpecial(b, c, "")) b.lit(c, true);
    }
    return b.word();
  }

  /** Which terminator ended the last readParamArg: "}" or the extra stop char. */
  private lastArgEnd = "";

  /**
   * The word inside ${name<op>...}, up to the unmatched "}" (or `stop`). Inside double quotes
   * (for - = ? +) the text is double-quoted; for patterns the text uses unquoted syntax.
   */
  private readParamArg(dq: boolean, pattern: boolean, stop: string): Word {
    const b = new PartBuilder();
    let innerDq = false;
    for (;;) {
      const c = this.getcEat();
      if (c === EOF) this.error(dq || innerDq ? "unterminated quoted string" : "missing '}'");
      const quotedCtx = dq || innerDq;
      if (c === "}" && !innerDq) {
        this.lastArgEnd = "}";
        break;
      }
      if (stop !== "" && c === stop && !innerDq) {
        this.lastArgEnd = stop;
        break;
      }
      if (c === "\\") {
        const n = this.getc();
        if (n === EOF) this.error("missing '}'");
        if (quotedCtx && !'\\`$"}'.includes(n)) b.lit(`\\${n}`, true);
        else b.lit(n, true);
      } else if (c === "'" && !quotedCtx) {
        b.lit(this.readSingleQuoted(), true);
      } else if (c === '"') {
        if (dq) {
          innerDq = !innerDq;
          b.lit("", true);
        } else {
          this.readDoubleQuoted(b, false);
        }
      } else if (c === "$") {
        this.readDollar(b, quotedCtx);
      } else if (c === "`") {
        b.push(this.readBackquote(quotedCtx));
      } else {
        b.lit(c, quotedCtx);
      }
    }
    void pattern;
    return b.word();
  }

  /** Scans the whole remaining input as an unquoted here-document body: $ ` and \ are special. */
  readHereDocText(): Word {
    const b = new PartBuilder();
    for (;;) {
      const c = this.getc();
      if (c === EOF) break;
      if (!this.readQuotedSpecial(b, c, "\\`$")) b.lit(c, true);
    }
    return b.word();
  }

  /** Reads a here-document body line by line up to `delim`. Returns the raw text. */
  readHereDocBody(delim: string, stripTabs: boolean, quoted: boolean): string {
    let body = "";
    for (;;) {
      let lineText = "";
      let c = this.getc();
      if (c === EOF) return body;
      if (stripTabs) while (c === "\t") c = this.getc();
      let ended = false;
      for (;;) {
        if (c === EOF) {
          ended = true;
          break;
        }
        if (c === "\n") break;
        if (!quoted && c === "\\") {
          const n = this.getc();
          if (n === "\n") {
            c = this.getc();
            continue;
          }
          lineText += c;
          c = n;
          continue;
        }
        lineText += c;
        c = this.getc();
      }
      if (lineText === delim) return body;
      body += ended ? lineText : `${lineText}\n`;
      if (ended) return body;
    }
  }
}
