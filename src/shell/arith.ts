/**
 * $((...)) arithmetic as busybox's shell/math.c does it: 64-bit signed integers, the C operator
 * set plus **, assignments to shell variables, variables holding expressions evaluated in turn.
 */

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** bash: a name may carry a subscript, `a[i+1]`, passed whole to get and set. */
  subscripts?: boolean;
}

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

type Tok = { k: "num"; v: bigint } | { k: "name"; v: string } | { k: "op"; v: string } | { k: "end" };

const OPS = [
  "<<=",
  ">>=",
  "**=",
  "**",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "&&",
  "||",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "^=",
  "|=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "=",
  "!",
  "~",
  "&",
  "^",
  "|",
  "?",
  ":",
  "(",
  ")",
  ",",
];

function syntaxError(): never {
  throw new ArithError("arithmetic syntax error");
}

/** Parses a numeric literal the way strtoull(base 0) and bash's base#digits do. */
export function parseArithNumber(text: string): bigint {
  const hash = text.indexOf("#");
  if (hash > 0) {
    const base = Number(text.slice(0, hash));
    if (!Number.isInteger(base) || base < 2 || base > 64) syntaxError();
    let v = 0n;
    const digits = text.slice(hash + 1);
    if (digits === "") syntaxError();
    for (const ch of digits) {
      let d: number;
      if (ch >= "0" && ch <= "9") d = ch.charCodeAt(0) - 48;
      else if (ch >= "a" && ch <= "z") d = ch.charCodeAt(0) - 97 + 10;
      else if (ch >= "A" && ch <= "Z")
        d = base <= 36 ? ch.charCodeAt(0) - 65 + 10 : ch.charCodeAt(0) - 65 + 36;
      else if (ch === "@") d = 62;
      else if (ch === "_") d = 63;
      else syntaxError();
      if (d >= base) syntaxError();
      v = wrap(v * BigInt(base) + BigInt(d));
    }
    return v;
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return wrap(BigInt(text));
  if (/^0[0-7]*$/.test(text)) return wrap(BigInt(`0o${text.slice(1) || "0"}`));
  if (/^[1-9][0-9]*$/.test(text)) return wrap(BigInt(text));
  syntaxError();
}

function tokenize(expr: string, subscripts = false): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === " " || c === "\t" || c === "\n") {
      i++;
      continue;
    }
    if (c >= "0" && c <= "9") {
      let j = i;
      while (j < expr.length && /[0-9A-Za-z_#@]/.test(expr[j])) j++;
      toks.push({ k: "num", v: parseArithNumber(expr.slice(i, j)) });
      i = j;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < expr.length && /[A-Za-z0-9_]/.test(expr[j])) j++;
      if (subscripts && expr[j] === "[") {
        let depth = 0;
        for (; j < expr.length; j++) {
          if (expr[j] === "[") depth++;
          else if (expr[j] === "]" && --depth === 0) break;
        }
        if (j >= expr.length) syntaxError();
        j++;
      }
      toks.push({ k: "name", v: expr.slice(i, j) });
      i = j;
      continue;
    }
    const op = OPS.find((o) => expr.startsWith(o, i));
    if (!op) syntaxError();
    toks.push({ k: "op", v: op });
    i += op.length;
  }
  toks.push({ k: "end" });
  return toks;
}

/** An operand: a value, possibly naming the variable it came from (for assignment). */
interface Val {
  v: bigint;
  name?: string;
}

const BINARY_PREC: Record<string, number> = {
  "||": 4,
  "&&": 5,
  "|": 6,
  "^": 7,
  "&": 8,
  "==": 9,
  "!=": 9,
  "<": 10,
  "<=": 10,
  ">": 10,
  ">=": 10,
  "<<": 11,
  ">>": 11,
  "+": 12,
  "-": 12,
  "*": 13,
  "/": 13,
  "%": 13,
  "**": 14,
};

const ASSIGN_OPS = new Set(["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=", "**="]);

class Evaluator {
  private i = 0;

  constructor(
    private readonly toks: Tok[],
    private readonly vars: ArithVars,
    private readonly depth: number,
  ) {}

  run(): bigint {
    if (this.toks.length === 1) return 0n;
    const v = this.comma();
    if (this.peek().k !== "end") syntaxError();
    return v.v;
  }

  private peek(): Tok {
    return this.toks[this.i];
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t.k === "op" && t.v === v;
  }

  private comma(): Val {
    let v = this.assign();
    while (this.isOp(",")) {
      this.i++;
      v = this.assign();
    }
    return v;
  }

  private assign(): Val {
    const start = this.i;
    const t = this.peek();
    if (t.k === "name") {
      const next = this.toks[this.i + 1];
      if (next.k === "op" && ASSIGN_OPS.has(next.v)) {
        this.i += 2;
        const rhs = this.assign().v;
        const name = t.v;
        let v: bigint;
        if (next.v === "=") v = rhs;
        else v = this.binary(next.v.slice(0, -1), this.lookup(name), rhs);
        this.vars.set(name, v.toString());
        return { v };
      }
    }
    this.i = start;
    return this.ternary();
  }

  private ternary(): Val {
    const cond = this.binaryExpr(4);
    if (!this.isOp("?")) return cond;
    this.i++;
    // busybox 1.35 evaluates both branches (and both sides of && ||), side effects included.
    const a = this.comma();
    if (!this.isOp(":")) throw new ArithError("malformed ?: operator");
    this.i++;
    const b = this.assign();
    return { v: cond.v !== 0n ? a.v : b.v };
  }

  private binaryExpr(minPrec: number): Val {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.k !== "op") return left;
      const prec = BINARY_PREC[t.v];
      if (prec === undefined || prec < minPrec) return left;
      this.i++;
      if (t.v === "&&" || t.v === "||") {
        const right = this.binaryExpr(prec + 1);
        const v = t.v === "&&" ? left.v !== 0n && right.v !== 0n : left.v !== 0n || right.v !== 0n;
        left = { v: v ? 1n : 0n };
        continue;
      }
      // ** is right-associative
      const right = t.v === "**" ? this.binaryExpr(prec) : this.binaryExpr(prec + 1);
      left = { v: this.binary(t.v, left.v, right.v) };
    }
  }

  private binary(op: string, a: bigint, b: bigint): bigint {
    switch (op) {
      case "+":
        return wrap(a + b);
      case "-":
        return wrap(a - b);
      case "*":
        return wrap(a * b);
      case "/":
      case "%":
        if (b === 0n) throw new ArithError("divide by zero");
        if (op === "/") return wrap(a / b);
        return wrap(a % b);
      case "**":
        if (b < 0n) throw new ArithError("exponent less than 0");
        return powWrap(a, b);
      case "<<":
        return wrap(a << (b & 63n));
      case ">>":
        return wrap(a >> (b & 63n));
      case "&":
        return wrap(a & b);
      case "|":
        return wrap(a | b);
      case "^":
        return wrap(a ^ b);
      case "==":
        return a === b ? 1n : 0n;
      case "!=":
        return a !== b ? 1n : 0n;
      case "<":
        return a < b ? 1n : 0n;
      case "<=":
        return a <= b ? 1n : 0n;
      case ">":
        return a > b ? 1n : 0n;
      case ">=":
        return a >= b ? 1n : 0n;
    }
    syntaxError();
  }

  private unary(): Val {
    const t = this.peek();
    if (t.k === "op") {
      switch (t.v) {
        case "+":
          this.i++;
          return { v: this.unary().v };
        case "-":
          this.i++;
          return { v: wrap(-this.unary().v) };
        case "!":
          this.i++;
          return { v: this.unary().v === 0n ? 1n : 0n };
        case "~":
          this.i++;
          return { v: wrap(~this.unary().v) };
        case "++":
        case "--": {
          this.i++;
          const target = this.peek();
          if (target.k !== "name") syntaxError();
          this.i++;
          const v = wrap(this.lookup(target.v) + (t.v === "++" ? 1n : -1n));
          this.vars.set(target.v, v.toString());
          return { v };
        }
      }
    }
    return this.postfix();
  }

  private postfix(): Val {
    const t = this.peek();
    if (t.k === "num") {
      this.i++;
      return { v: t.v };
    }
    if (t.k === "name") {
      this.i++;
      const v = this.lookup(t.v);
      if (this.isOp("++") || this.isOp("--")) {
        const op = (this.peek() as { v: string }).v;
        this.i++;
        this.vars.set(t.v, wrap(v + (op === "++" ? 1n : -1n)).toString());
      }
      return { v, name: t.v };
    }
    if (t.k === "op" && t.v === "(") {
      this.i++;
      const v = this.comma();
      if (!this.isOp(")")) syntaxError();
      this.i++;
      return { v: v.v };
    }
    syntaxError();
  }

  /** A variable's value; a non-numeric value is itself evaluated as an expression. */
  private lookup(name: string): bigint {
    const raw = this.vars.get(name);
    if (raw === undefined || raw.trim() === "") return 0n;
    const s = raw.trim();
    if (/^-?[0-9]+$/.test(s) && !/^-?0[0-9]/.test(s)) return wrap(BigInt(s));
    if (this.depth > 32) throw new ArithError("expression recursion loop detected");
    return evalArith(s, this.vars, this.depth + 1);
  }
}

function powWrap(a: bigint, b: bigint): bigint {
  let result = 1n;
  let base = wrap(a);
  let e = b;
  while (e > 0n) {
    if (e & 1n) result = wrap(result * base);
    base = wrap(base * base);
    e >>= 1n;
  }
  return result;
}

/** Evaluates an arithmetic expression (after parameter expansion). Throws ArithError. */
export function evalArith(expr: string, vars: ArithVars, depth = 0): bigint {
  return new Evaluator(tokenize(expr, vars.subscripts === true), vars, depth).run();
}
