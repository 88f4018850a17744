/** test EXPR and [ EXPR ]: busybox's test (NetBSD descent parser plus the POSIX argument-count rules). */
import type { ProgramDef, Stat, Sys } from "../../kernel/api";
import { asErrno, progName, warn } from "../lib/io";
import { strtoInt } from "../lib/numparse";

const UNARY = new Set([
  "-b",
  "-c",
  "-d",
  "-e",
  "-f",
  "-g",
  "-h",
  "-k",
  "-L",
  "-p",
  "-r",
  "-s",
  "-S",
  "-t",
  "-u",
  "-w",
  "-x",
  "-O",
  "-G",
  "-n",
  "-z",
]);
const BINARY = new Set([
  "=",
  "==",
  "!=",
  "<",
  ">",
  "-eq",
  "-ne",
  "-lt",
  "-le",
  "-gt",
  "-ge",
  "-nt",
  "-ot",
  "-ef",
]);

class Syntax extends Error {}

class TestEval {
  private pos = 0;
  constructor(
    private readonly sys: Sys,
    private readonly args: string[],
  ) {}

  private get cur(): string | undefined {
    return this.args[this.pos];
  }

  private fail(op: string | undefined, msg: string): never {
    throw new Syntax(op ? `${op}: ${msg}` : msg);
  }

  /** Whole-expression evaluation; returns the exit status. */
  run(): number {
    const a = this.args;
    if (a.length === 0) return 1;
    if (a.length === 1) return a[0] !== "" ? 0 : 1;
    if (a.length === 2 && a[0] === "!") return a[1] !== "" ? 1 : 0;
    if (a.length === 3 && BINARY.has(a[1])) return this.binop(0) ? 0 : 1;
    if (a.length === 4 && a[0] === "!" && BINARY.has(a[2])) return this.binop(1) ? 1 : 0;
    const res = this.oexpr();
    if (this.pos + 1 < a.length) this.fail(a[this.pos + 1], "unknown operand");
    return res ? 0 : 1;
  }

  private oexpr(): boolean {
    const res = this.aexpr();
    if (this.args[this.pos + 1] === "-o") {
      this.pos += 2;
      return this.oexpr() || res;
    }
    return res;
  }

  private aexpr(): boolean {
    const res = this.nexpr();
    if (this.args[this.pos + 1] === "-a") {
      this.pos += 2;
      return this.aexpr() && res;
    }
    return res;
  }

  private nexpr(): boolean {
    if (this.cur === "!") {
      this.pos++;
      return !this.nexpr();
    }
    return this.primary();
  }

  private primary(): boolean {
    const t = this.cur;
    if (t === undefined) this.fail(undefined, "argument expected");
    if (t === "(") {
      this.pos++;
      const res = this.oexpr();
      this.pos++;
      if (this.cur !== ")") this.fail(undefined, "closing paren expected");
      return res;
    }
    if (UNARY.has(t)) {
      this.pos++;
      const arg = this.cur;
      if (arg === undefined) this.fail(t, "argument expected");
      return this.unary(t, arg);
    }
    const next = this.args[this.pos + 1];
    if (next !== undefined && BINARY.has(next)) return this.binop(this.pos);
    return t !== "";
  }

  private number(s: string): bigint {
    const r = strtoInt(s, 10, false);
    if (r.overflow) this.fail(s, "out of range");
    if (r.end === 0 || s.slice(r.end).trim() !== "" || /[\n\v\f\r]$/.test(s)) this.fail(s, "bad number");
    return r.value;
  }

  private stat(path: string, link = false): Stat | null {
    try {
      return link ? this.sys.lstat(path) : this.sys.stat(path);
    } catch (e) {
      asErrno(e);
      return null;
    }
  }

  private unary(op: string, arg: string): boolean {
    const sys = this.sys;
    switch (op) {
      case "-n":
        return arg !== "";
      case "-z":
        return arg === "";
      case "-t": {
        const fd = Number(this.number(arg));
        try {
          return sys.isatty(fd);
        } catch (e) {
          asErrno(e);
          return false;
        }
      }
      case "-r":
      case "-w":
      case "-x":
        try {
          sys.access(arg, op === "-r" ? 4 : op === "-w" ? 2 : 1);
          return true;
        } catch (e) {
          asErrno(e);
          return false;
        }
    }
    const st = this.stat(arg, op === "-h" || op === "-L");
    if (!st) return false;
    switch (op) {
      case "-e":
        return true;
      case "-f":
        return st.type === "file";
      case "-d":
        return st.type === "dir";
      case "-b":
        return st.type === "block";
      case "-c":
        return st.type === "char";
      case "-p":
        return st.type === "fifo";
      case "-S":
        return st.type === "socket";
      case "-h":
      case "-L":
        return st.type === "symlink";
      case "-s":
        return st.size > 0;
      case "-u":
        return (st.mode & 0o4000) !== 0;
      case "-g":
        return (st.mode & 0o2000) !== 0;
      case "-k":
        return (st.mode & 0o1000) !== 0;
      case "-O":
        return st.uid === sys.geteuid();
      case "-G":
        return st.gid === sys.getegid();
    }
    return false;
  }

  /** Evaluates ARG1 OP ARG2 starting at index i; leaves pos on ARG2. */
  private binop(i: number): boolean {
    this.pos = i;
    const a = this.args[i];
    const op = this.args[i + 1];
    const b = this.args[i + 2];
    if (b === undefined) this.fail(op, "argument expected");
    this.pos = i + 2;
    switch (op) {
      case "=":
      case "==":
        return a === b;
      case "!=":
        return a !== b;
      case "<":
        return a < b;
      case ">":
        return a > b;
      case "-nt":
      case "-ot":
      case "-ef": {
        const s1 = this.stat(a);
        const s2 = this.stat(b);
        if (!s1 || !s2) return false;
        if (op === "-ef") return s1.dev === s2.dev && s1.ino === s2.ino;
        const t1 = s1.mtime * 1e9 + s1.mtimeNs;
        const t2 = s2.mtime * 1e9 + s2.mtimeNs;
        return op === "-nt" ? t1 > t2 : t1 < t2;
      }
    }
    const x = this.number(a);
    const y = this.number(b);
    switch (op) {
      case "-eq":
        return x === y;
      case "-ne":
        return x !== y;
      case "-lt":
        return x < y;
      case "-le":
        return x <= y;
      case "-gt":
        return x > y;
      default:
        return x >= y;
    }
  }
}

function makeTest(name: string): ProgramDef {
  return {
    name,
    *main(sys) {
      let args = sys.argv.slice(1);
      const applet = progName(sys);
      if (applet === "[" || applet === "[[") {
        const close = applet === "[" ? "]" : "]]";
        if (args[args.length - 1] !== close) {
          yield* warn(sys, `missing ${close}`);
          return 2;
        }
        args = args.slice(0, -1);
      }
      try {
        return new TestEval(sys, args).run();
      } catch (e) {
        if (!(e instanceof Syntax)) throw e;
        yield* warn(sys, e.message);
        return 2;
      }
    },
  };
}

export const test: ProgramDef = makeTest("test");
export const bracket: ProgramDef = makeTest("[");
export const doubleBracket: ProgramDef = makeTest("[[");
