/** The awk language: tokens and a recursive-descent parser to a tree (POSIX grammar). */

export class AwkSyntaxError extends Error {
  constructor(
    readonly line: number,
    /** The token the parser stopped at ("end of file" at the end). */
    readonly near: string,
    readonly kind: "syntax" | "string" | "regex" | "brace" | "char" | "undefined" | "extra" | "reference" = "syntax",
  ) {
    super(`syntax error at line ${line} near ${near}`);
  }
}

type TokKind = "num" | "str" | "ere" | "func" | "name" | "builtin" | "kw" | "op" | "nl" | "eof";
interface Tok {
  kind: TokKind;
  text: string;
  value?: number | string;
  line: number;
  /** A name immediately followed by "(" (a function call). */
  call?: boolean;
}

const KEYWORDS = new Set([
  "BEGIN", "END", "function", "func", "if", "else", "while", "for", "do", "break", "continue", "next",
  "nextfile", "exit", "return", "delete", "in", "getline", "print", "printf",
]);
export const BUILTINS = new Set([
  "length", "substr", "index", "split", "sub", "gsub", "match", "sprintf", "tolower", "toupper", "int",
  "sqrt", "exp", "log", "sin", "cos", "atan2", "rand", "srand", "system", "close", "fflush",
]);
const OPS = [
  "+=", "-=", "*=", "/=", "%=", "^=", "**=", "==", "<=", ">=", "!=", "++", "--", "&&", "||", ">>", "!~", "**",
  "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|", "?", ":", "~", "$", "=",
];

const ESC: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "/": "/", a: "\x07", b: "\b", f: "\f", v: "\v" };

/** Decodes the escapes of a string literal. */
function decodeStringLiteral(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== "\\" || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const d = s[++i];
    if (ESC[d] !== undefined) out += ESC[d];
    else if (/[0-7]/.test(d)) {
      let oct = d;
      while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? "")) oct += s[++i];
      out += String.fromCharCode(Number.parseInt(oct, 8) & 255);
    } else out += `\\${d}`;
  }
  return out;
}

function tokenize(src: string, flavour: "mawk" | "busybox"): Tok[] {
  const toks: Tok[] = [];
  let line = 1;
  let i = 0;
  // A "/" starts a regex unless the previous token ends an operand.
  const regexAllowed = () => {
    const t = toks.at(-1);
    if (!t) return true;
    if (t.kind === "num" || t.kind === "str" || t.kind === "ere" || t.kind === "name" || t.kind === "builtin") return false;
    if (t.kind === "op" && (t.text === ")" || t.text === "]" || t.text === "$" || t.text === "++" || t.text === "--")) return false;
    if (t.kind === "kw" && t.text === "getline") return false;
    return true;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      line++;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\n") {
      toks.push({ kind: "nl", text: "\n", line });
      line++;
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let raw = "";
      while (j < src.length && src[j] !== '"') {
        if (src[j] === "\n") throw new AwkSyntaxError(line, raw, "string");
        if (src[j] === "\\" && j + 1 < src.length) {
          if (src[j + 1] === "\n") {
            j += 2;
            line++;
            continue;
          }
          raw += src[j++];
        }
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(line, raw, "string");
      toks.push({ kind: "str", text: `"${raw}"`, value: decodeStringLiteral(raw), line });
      i = j + 1;
      continue;
    }
    if (c === "/" && regexAllowed()) {
      let j = i + 1;
      let raw = "";
      let inBracket = false;
      while (j < src.length && (src[j] !== "/" || inBracket)) {
        if (src[j] === "\n") throw new AwkSyntaxError(line, raw, "regex");
        if (src[j] === "[" && !inBracket) {
          inBracket = true;
          raw += src[j++];
          if (src[j] === "^") raw += src[j++];
          if (src[j] === "]") raw += src[j++];
          continue;
        }
        if (src[j] === "]" && inBracket) inBracket = false;
        if (src[j] === "\\" && j + 1 < src.length) {
          if (src[j + 1] === "/") {
            raw += "/";
            j += 2;
            continue;
          }
          raw += src[j++];
        }
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(line, raw, "regex");
      toks.push({ kind: "ere", text: `/${raw}/`, value: raw, line });
      i = j + 1;
      continue;
    }
    // busybox reads 0x1F and 017 as C does (hex, octal); mawk only decimal ("0x1F" is 0 then x1F).
    const num =
      (flavour === "busybox" ? /^(?:0[xX][0-9a-fA-F]+|0[0-7]+(?![\d.]))/.exec(src.slice(i, i + 64)) : null) ??
      /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(src.slice(i, i + 64));
    if (num && /[\d.]/.test(c)) {
      const text = num[0];
      const value = flavour === "busybox" && /^0[0-7]+$/.test(text) ? Number.parseInt(text, 8) : Number(text);
      toks.push({ kind: "num", text, value, line });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z_0-9]*/.exec(src.slice(i, i + 256));
    if (word) {
      const w = word[0];
      i += w.length;
      const kind: TokKind = KEYWORDS.has(w) ? "kw" : BUILTINS.has(w) ? "builtin" : "name";
      toks.push({ kind, text: w === "func" ? "function" : w, line, call: src[i] === "(" });
      continue;
    }
    // mawk has no "**" operator.
    const op = OPS.find((o) => src.startsWith(o, i) && !(flavour === "mawk" && o.startsWith("**")));
    if (!op) throw new AwkSyntaxError(line, c, "char");
    toks.push({ kind: "op", text: op === "**" ? "^" : op === "**=" ? "^=" : op, line });
    i += op.length;
  }
  toks.push({ kind: "eof", text: "end of file", line });
  return toks;
}

export type Expr =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "re"; src: string }
  | { t: "var"; name: string }
  | { t: "field"; e: Expr }
  | { t: "index"; name: string; keys: Expr[] }
  | { t: "assign"; op: string; lv: Expr; e: Expr }
  | { t: "cond"; c: Expr; a: Expr; b: Expr }
  | { t: "and" | "or"; a: Expr; b: Expr }
  | { t: "in"; keys: Expr[]; name: string }
  | { t: "match"; neg: boolean; a: Expr; re: Expr }
  | { t: "bin"; op: string; a: Expr; b: Expr }
  | { t: "cat"; a: Expr; b: Expr }
  | { t: "un"; op: string; e: Expr }
  | { t: "incdec"; op: string; pre: boolean; lv: Expr }
  | { t: "call"; name: string; args: Expr[] }
  | { t: "builtin"; name: string; args: Expr[] }
  | { t: "getline"; lv?: Expr; file?: Expr; cmd?: Expr }
  | { t: "group"; e: Expr };

export interface Redirect {
  op: ">" | ">>" | "|";
  dest: Expr;
}
export type Stmt =
  | { t: "expr"; e: Expr }
  | { t: "print" | "printf"; args: Expr[]; to?: Redirect }
  | { t: "block"; body: Stmt[] }
  | { t: "if"; c: Expr; then: Stmt; else?: Stmt }
  | { t: "while"; c: Expr; body: Stmt }
  | { t: "do"; body: Stmt; c: Expr }
  | { t: "for"; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { t: "forin"; v: Expr; name: string; body: Stmt }
  | { t: "break" | "continue" | "next" | "nextfile" }
  | { t: "exit" | "return"; e?: Expr }
  | { t: "delete"; name: string; keys?: Expr[] };

export interface Rule {
  pattern?: Expr;
  /** Range patterns: pattern , end. */
  end?: Expr;
  body?: Stmt[];
}
export interface Func {
  name: string;
  params: string[];
  body: Stmt[];
}
export interface Program {
  begin: Stmt[][];
  rules: Rule[];
  end: Stmt[][];
  funcs: Map<string, Func>;
}

export function parseAwk(src: string, flavour: "mawk" | "busybox"): Program {
  const toks = tokenize(src, flavour);
  const prog = new Parser(toks, flavour).program();
  // mawk resolves calls when the program has been read: an undefined function is reported at its end.
  const undefinedCall = toks.find((t, i) => t.kind === "name" && t.call && toks[i - 1]?.text !== "function" && !prog.funcs.has(t.text));
  if (flavour === "mawk" && undefinedCall) throw new AwkSyntaxError(toks.at(-1)!.line + 1, undefinedCall.text, "undefined");
  if (flavour === "mawk") {
    const misuse = mixedReferences(toks, prog);
    if (misuse.length) throw new AwkSyntaxError(misuse[0].line, misuse.map((m) => m.text).join("\nmawk: "), "reference");
  }
  return prog;
}

/**
 * mawk's compile-time check that a global name is used only as an array or only as a scalar: each
 * reference of the other kind is reported. Names passed alone as call arguments are left out (either
 * kind), as are function parameters.
 */
function mixedReferences(toks: Tok[], prog: Program): { line: number; text: string }[] {
  const kinds = new Map<string, "array" | "scalar">();
  const out: { line: number; text: string }[] = [];
  let locals = new Set<string>();
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === "kw" && t.text === "function") {
      const name = toks[i + 1]?.text;
      locals = new Set(prog.funcs.get(name)?.params ?? []);
      continue;
    }
    if (t.kind === "op" && t.text === "{") depth++;
    if (t.kind === "op" && t.text === "}" && --depth === 0) locals = new Set();
    if (t.kind !== "name" || t.call || locals.has(t.text) || toks[i - 1]?.text === "function") continue;
    const prev = toks[i - 1]?.text;
    const next = toks[i + 1]?.text;
    let kind: "array" | "scalar";
    if (next === "[" || prev === "in" || prev === "delete") kind = "array";
    else if ((prev === "(" || prev === ",") && (next === "," || next === ")")) continue;
    else kind = "scalar";
    const first = kinds.get(t.text);
    if (!first) kinds.set(t.text, kind);
    else if (first !== kind) {
      out.push({ line: t.line, text: `line ${t.line}: illegal reference to ${first === "array" ? "array" : "variable"} ${t.text}` });
    }
  }
  return out;
}

class Parser {
  private p = 0;
  /** Inside print's expression list, where ">" is a redirection and "in" parentheses are grouped. */
  private noGt = 0;
  private noIn = 0;
  /** Blocks open around the current token. */
  private depth = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly flavour: "mawk" | "busybox",
  ) {}

  private get tok(): Tok {
    return this.toks[this.p];
  }
  private is(text: string, kind?: TokKind): boolean {
    const t = this.tok;
    return t.text === text && (kind ? t.kind === kind : t.kind === "op" || t.kind === "kw");
  }
  private fail(): never {
    let t = this.tok;
    if (this.flavour === "busybox") {
      // busybox skips newlines where it expects more, and reports the token after them.
      let i = this.p;
      while (this.toks[i].kind === "nl") i++;
      t = this.toks[i];
    } else if (t.kind === "op" && t.text === "}" && this.depth === 0) throw new AwkSyntaxError(t.line, "}", "extra");
    throw new AwkSyntaxError(t.line, t.kind === "nl" ? "end of line" : t.text, t.kind === "eof" ? "brace" : "syntax");
  }
  private eat(text: string): Tok {
    if (!this.is(text)) this.fail();
    return this.toks[this.p++];
  }
  private optNl() {
    while (this.tok.kind === "nl") this.p++;
  }
  private skipTerms() {
    while (this.tok.kind === "nl" || this.is(";")) this.p++;
  }

  program(): Program {
    const prog: Program = { begin: [], rules: [], end: [], funcs: new Map() };
    this.skipTerms();
    while (this.tok.kind !== "eof") {
      if (this.is("BEGIN")) {
        this.p++;
        this.optNl();
        prog.begin.push(this.block());
      } else if (this.is("END")) {
        this.p++;
        this.optNl();
        prog.end.push(this.block());
      } else if (this.is("function")) {
        this.p++;
        const name = this.tok;
        if (name.kind !== "name") this.fail();
        this.p++;
        this.eat("(");
        const params: string[] = [];
        while (!this.is(")")) {
          if (this.tok.kind !== "name") this.fail();
          params.push(this.tok.text);
          this.p++;
          if (this.is(",")) {
            this.p++;
            this.optNl();
          } else if (!this.is(")")) this.fail();
        }
        this.p++;
        this.optNl();
        prog.funcs.set(name.text, { name: name.text, params, body: this.block() });
      } else {
        const rule: Rule = {};
        if (!this.is("{")) {
          rule.pattern = this.expr();
          if (this.is(",")) {
            this.p++;
            this.optNl();
            rule.end = this.expr();
          }
        }
        if (this.is("{")) rule.body = this.block();
        prog.rules.push(rule);
      }
      const t = this.tok as Tok;
      if (!(t.kind === "nl" || this.is(";") || t.kind === "eof" || this.toks[this.p - 1].text === "}")) this.fail();
      this.skipTerms();
    }
    return prog;
  }

  private block(): Stmt[] {
    this.eat("{");
    this.depth++;
    const body: Stmt[] = [];
    this.skipTerms();
    while (!this.is("}")) {
      if (this.tok.kind === "eof") this.fail();
      body.push(this.stmt());
      this.skipTerms();
    }
    this.p++;
    this.depth--;
    return body;
  }

  /** A statement's end: ";" or newline (consumed), or a following "}" or end of file (left). */
  private endSimple() {
    if (this.is(";") || this.tok.kind === "nl") this.p++;
    else if (!this.is("}") && this.tok.kind !== "eof") this.fail();
  }

  private simpleOrBlock(): Stmt {
    this.optNl();
    if (this.is(";")) {
      this.p++;
      return { t: "block", body: [] };
    }
    return this.stmt();
  }

  private stmt(): Stmt {
    const t = this.tok;
    if (t.kind === "op" && t.text === "{") return { t: "block", body: this.block() };
    if (t.kind === "kw") {
      switch (t.text) {
        case "if": {
          this.p++;
          this.eat("(");
          const c = this.expr();
          this.eat(")");
          const then = this.simpleOrBlock();
          const save = this.p;
          this.skipTerms();
          if (this.is("else")) {
            this.p++;
            return { t: "if", c, then, else: this.simpleOrBlock() };
          }
          this.p = save;
          return { t: "if", c, then };
        }
        case "while": {
          this.p++;
          this.eat("(");
          const c = this.expr();
          this.eat(")");
          if (this.is(";")) {
            this.p++;
            return { t: "while", c, body: { t: "block", body: [] } };
          }
          return { t: "while", c, body: this.simpleOrBlock() };
        }
        case "do": {
          this.p++;
          const body = this.simpleOrBlock();
          this.skipTerms();
          this.eat("while");
          this.eat("(");
          const c = this.expr();
          this.eat(")");
          this.endSimple();
          return { t: "do", body, c };
        }
        case "for": {
          this.p++;
          this.eat("(");
          const t1 = this.toks[this.p + 1];
          const t2 = this.toks[this.p + 2];
          const t3 = this.toks[this.p + 3];
          if (this.tok.kind === "name" && t1?.text === "in" && t2?.kind === "name" && t3?.text === ")") {
            const v: Expr = { t: "var", name: this.tok.text };
            this.p += 4;
            return { t: "forin", v, name: t2.text, body: this.simpleOrBlock() };
          }
          const init = this.is(";") ? undefined : this.simpleStmt();
          this.eat(";");
          this.optNl();
          const c = this.is(";") ? undefined : this.expr();
          this.eat(";");
          this.optNl();
          const step = this.is(")") ? undefined : this.simpleStmt();
          this.eat(")");
          if (this.is(";")) {
            this.p++;
            return { t: "for", init, c, step, body: { t: "block", body: [] } };
          }
          return { t: "for", init, c, step, body: this.simpleOrBlock() };
        }
        case "break":
        case "continue":
        case "next":
        case "nextfile":
          this.p++;
          this.endSimple();
          return { t: t.text };
        case "exit":
        case "return": {
          this.p++;
          const e = this.is(";") || this.is("}") || this.tok.kind === "nl" || this.tok.kind === "eof" ? undefined : this.expr();
          this.endSimple();
          return { t: t.text, e };
        }
      }
    }
    const s = this.simpleStmt();
    this.endSimple();
    return s;
  }

  private simpleStmt(): Stmt {
    const t = this.tok;
    if (t.kind === "kw" && (t.text === "print" || t.text === "printf")) {
      this.p++;
      let args: Expr[] = [];
      this.noGt++;
      if (this.is("(")) {
        // "print (a, b) > f" or "print (a)(b)": try the parenthesized list first.
        const save = this.p;
        this.p++;
        this.noGt--;
        const list = this.exprList(")");
        this.noGt++;
        this.eat(")");
        if (this.endsPrint()) args = list;
        else {
          this.p = save;
          args = this.exprList();
        }
      } else if (!this.endsPrint()) args = this.exprList();
      this.noGt--;
      let to: Redirect | undefined;
      if (this.is(">") || this.is(">>") || this.is("|")) {
        const op = this.tok.text as Redirect["op"];
        this.p++;
        to = { op, dest: this.concat() };
      }
      if (t.text === "printf" && args.length === 0) this.fail();
      return { t: t.text, args, to };
    }
    if (t.kind === "kw" && t.text === "delete") {
      this.p++;
      const name = this.tok;
      if (name.kind !== "name") this.fail();
      this.p++;
      if (this.is("[")) {
        this.p++;
        const keys = this.exprList("]");
        this.eat("]");
        return { t: "delete", name: name.text, keys };
      }
      return { t: "delete", name: name.text };
    }
    return { t: "expr", e: this.expr() };
  }

  private endsPrint(): boolean {
    const t = this.tok;
    return t.kind === "nl" || t.kind === "eof" || (t.kind === "op" && [";", "}", ">", ">>", "|"].includes(t.text));
  }

  private exprList(close?: string): Expr[] {
    const list = [this.expr()];
    while (this.is(",")) {
      this.p++;
      this.optNl();
      list.push(this.expr());
    }
    if (close && !this.is(close)) this.fail();
    return list;
  }

  expr(): Expr {
    return this.ternary();
  }

  private ternary(): Expr {
    const c = this.or();
    if (this.is("?")) {
      this.p++;
      this.optNl();
      const a = this.ternary();
      this.optNl();
      this.eat(":");
      this.optNl();
      return { t: "cond", c, a, b: this.ternary() };
    }
    if (this.tok.kind === "op" && /^[-+*/%^]?=$/.test(this.tok.text) && isLvalue(c)) {
      const op = this.tok.text;
      this.p++;
      // busybox reads on past a newline after "="; mawk (and POSIX) do not.
      if (this.flavour === "busybox") this.optNl();
      return { t: "assign", op, lv: c, e: this.ternary() };
    }
    return c;
  }

  private or(): Expr {
    let a = this.and();
    while (this.is("||")) {
      this.p++;
      this.optNl();
      a = { t: "or", a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.inExpr();
    while (this.is("&&")) {
      this.p++;
      this.optNl();
      a = { t: "and", a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is("in") && !this.noIn) {
      this.p++;
      const name = this.tok;
      if (name.kind !== "name") this.fail();
      this.p++;
      a = { t: "in", keys: a.t === "group" && (a as { list?: Expr[] }).list ? (a as unknown as { list: Expr[] }).list : [a], name: name.text };
    }
    return a;
  }

  private matchExpr(): Expr {
    let a = this.comparison();
    while (this.is("~") || this.is("!~")) {
      const neg = this.tok.text === "!~";
      this.p++;
      a = { t: "match", neg, a, re: this.comparison() };
    }
    return a;
  }

  private comparison(): Expr {
    const a = this.getlineFrom(this.concat());
    const t = this.tok;
    if (t.kind === "op" && ["<", "<=", "!=", "==", ">=", ">"].includes(t.text) && !(this.noGt && t.text === ">")) {
      this.p++;
      return { t: "bin", op: t.text, a, b: this.getlineFrom(this.concat()) };
    }
    return a;
  }

  /** Whether the current token can start an operand of concatenation. */
  private startsOperand(): boolean {
    const t = this.tok;
    if (t.kind === "num" || t.kind === "str" || t.kind === "ere" || t.kind === "name" || t.kind === "builtin") return true;
    if (t.kind === "op") return ["$", "(", "++", "--"].includes(t.text);
    if (t.kind === "kw") return t.text === "getline";
    return false;
  }

  private concat(): Expr {
    let a = this.additive();
    while (this.startsOperand() && !(this.is("in"))) {
      a = { t: "cat", a, b: this.additive() };
    }
    return a;
  }

  private additive(): Expr {
    let a = this.mul();
    while (this.is("+") || this.is("-")) {
      const op = this.tok.text;
      this.p++;
      a = { t: "bin", op, a, b: this.mul() };
    }
    return a;
  }

  private mul(): Expr {
    let a = this.unary();
    while (this.is("*") || this.is("/") || this.is("%")) {
      const op = this.tok.text;
      this.p++;
      a = { t: "bin", op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is("!") || this.is("-") || this.is("+")) {
      const op = this.tok.text;
      this.p++;
      return { t: "un", op, e: this.unary() };
    }
    return this.pow();
  }

  private pow(): Expr {
    const a = this.postfix();
    if (this.is("^")) {
      this.p++;
      // Right-associative, and binds tighter than unary minus on its left only.
      const b = this.is("-") || this.is("+") || this.is("!") ? this.unary() : this.pow();
      return { t: "bin", op: "^", a, b };
    }
    return a;
  }

  private postfix(): Expr {
    if (this.is("++") || this.is("--")) {
      const op = this.tok.text;
      this.p++;
      const lv = this.postfix();
      if (!isLvalue(lv)) this.fail();
      return { t: "incdec", op, pre: true, lv };
    }
    const e = this.primary();
    if (isLvalue(e) && (this.is("++") || this.is("--"))) {
      const op = this.tok.text;
      this.p++;
      return { t: "incdec", op, pre: false, lv: e };
    }
    return e;
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case "num":
        this.p++;
        return { t: "num", v: t.value as number };
      case "str":
        this.p++;
        return { t: "str", v: t.value as string };
      case "ere":
        this.p++;
        return { t: "re", src: t.value as string };
      case "name": {
        this.p++;
        if (t.call && this.is("(")) {
          this.p++;
          const args = this.is(")") ? [] : this.exprListNoGt(")");
          this.eat(")");
          return { t: "call", name: t.text, args };
        }
        if (this.is("[")) {
          this.p++;
          const keys = this.exprListNoGt("]");
          this.eat("]");
          return { t: "index", name: t.text, keys };
        }
        return { t: "var", name: t.text };
      }
      case "builtin": {
        this.p++;
        let args: Expr[] = [];
        if (this.is("(")) {
          this.p++;
          args = this.is(")") ? [] : this.exprListNoGt(")");
          this.eat(")");
        } else if (t.text !== "length") this.fail();
        return { t: "builtin", name: t.text, args };
      }
      case "kw":
        if (t.text === "getline") {
          this.p++;
          const lv = this.optLvalue();
          if (this.is("<")) {
            this.p++;
            return { t: "getline", lv, file: this.postfix() };
          }
          return { t: "getline", lv };
        }
        break;
      case "op":
        if (t.text === "$") {
          this.p++;
          // "$-1", "$!x": a sign or negation after $ applies to its operand.
          const e = this.is("++") || this.is("--") ? this.postfix() : this.is("-") || this.is("+") || this.is("!") ? this.unary() : this.primary();
          return { t: "field", e };
        }
        if (t.text === "(") {
          this.p++;
          this.noGt++;
          const g = this.noGt;
          this.noGt = 0;
          const list = this.exprList(")");
          this.noGt = g - 1;
          this.eat(")");
          if (list.length > 1) {
            if (!this.is("in")) this.fail();
            return { t: "group", e: list[0], list } as Expr;
          }
          return { t: "group", e: list[0] };
        }
        break;
    }
    return this.fail();
  }

  private exprListNoGt(close: string): Expr[] {
    const g = this.noGt;
    this.noGt = 0;
    const list = this.exprList(close);
    this.noGt = g;
    return list;
  }

  /** `cmd | getline [var]` after an operand (outside print's argument list). */
  private getlineFrom(e: Expr): Expr {
    let out = e;
    while (!this.noGt && this.is("|") && this.toks[this.p + 1].text === "getline") {
      this.p += 2;
      out = { t: "getline", lv: this.optLvalue(), cmd: out };
    }
    return out;
  }

  private optLvalue(): Expr | undefined {
    const t = this.tok;
    if (t.kind === "name" && !t.call) {
      this.p++;
      if (this.is("[")) {
        this.p++;
        const keys = this.exprListNoGt("]");
        this.eat("]");
        return { t: "index", name: t.text, keys };
      }
      return { t: "var", name: t.text };
    }
    if (t.kind === "op" && t.text === "$") {
      this.p++;
      return { t: "field", e: this.primary() };
    }
    return undefined;
  }
}

function isLvalue(e: Expr): boolean {
  return e.t === "var" || e.t === "field" || e.t === "index";
}
