/** test and [ as busybox implements them (POSIX argument-count rules, then a recursive grammar). */
import type { Gen } from "../../kernel/api";
import type { Shell } from "../shell";
import { type Builtin, builtin } from "./types";

class TestError extends Error {}

const UNARY = new Set([
  "-e",
  "-f",
  "-d",
  "-r",
  "-w",
  "-x",
  "-s",
  "-L",
  "-h",
  "-b",
  "-c",
  "-p",
  "-S",
  "-g",
  "-u",
  "-k",
  "-O",
  "-G",
  "-t",
  "-z",
  "-n",
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

function toInt(s: string): bigint {
  const t = s.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new TestError(`${s}: bad number`);
  return BigInt(t);
}

class Evaluator {
  private i = 0;
  constructor(
    private readonly sh: Shell,
    private readonly args: string[],
  ) {}

  run(): boolean {
    const n = this.args.length;
    if (n === 0) return false;
    if (n === 1) return this.args[0] !== "";
    if (n === 2 && this.args[0] === "!") return this.args[1] === "";
    if (n === 2 && UNARY.has(this.args[0])) return this.unary(this.args[0], this.args[1]);
    if (n === 3 && BINARY.has(this.args[1])) return this.binary(this.args[0], this.args[1], this.args[2]);
    if (n === 3 && this.args[0] === "!") return !new Evaluator(this.sh, this.args.slice(1)).run();
    if (n === 3 && this.args[0] === "(" && this.args[2] === ")") return this.args[1] !== "";
    if (n === 4 && this.args[0] === "!") return !new Evaluator(this.sh, this.args.slice(1)).run();
    if (n === 4 && this.args[0] === "(" && this.args[3] === ")") {
      return new Evaluator(this.sh, this.args.slice(1, 3)).run();
    }
    const v = this.orExpr();
    if (this.i < n) throw new TestError(`${this.args[this.i]}: unknown operand`);
    return v;
  }

  private peek(): string | undefined {
    return this.args[this.i];
  }

  private orExpr(): boolean {
    let v = this.andExpr();
    while (this.peek() === "-o") {
      this.i++;
      v = this.andExpr() || v;
    }
    return v;
  }

  private andExpr(): boolean {
    let v = this.notExpr();
    while (this.peek() === "-a") {
      this.i++;
      v = this.notExpr() && v;
    }
    return v;
  }

  private notExpr(): boolean {
    if (this.peek() === "!") {
      this.i++;
      return !this.notExpr();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.peek();
    if (a === undefined) throw new TestError("argument expected");
    if (a === "(") {
      this.i++;
      const v = this.orExpr();
      if (this.peek() !== ")") throw new TestError("')' expected");
      this.i++;
      return v;
    }
    const next = this.args[this.i + 1];
    if (UNARY.has(a) && next !== undefined && !(BINARY.has(next) && this.args[this.i + 2] !== undefined)) {
      this.i += 2;
      return this.unary(a, next);
    }
    if (UNARY.has(a) && next === undefined) throw new TestError(`${a}: argument expected`);
    if (next !== undefined && BINARY.has(next)) {
      const b = this.args[this.i + 2];
      if (b === undefined) throw new TestError(`${next}: argument expected`);
      this.i += 3;
      return this.binary(a, next, b);
    }
    this.i++;
    return a !== "";
  }

  private stat(path: string, link = false) {
    try {
      return link ? this.sh.sys.lstat(path) : this.sh.sys.stat(path);
    } catch {
      return null;
    }
  }

  private access(path: string, mode: number): boolean {
    try {
      this.sh.sys.access(path, mode);
      return true;
    } catch {
      return false;
    }
  }

  private unary(op: string, arg: string): boolean {
    switch (op) {
      case "-z":
        return arg === "";
      case "-n":
        return arg !== "";
      case "-t": {
        const fd = Number(toInt(arg));
        try {
          return this.sh.sys.isatty(fd);
        } catch {
          return false;
        }
      }
      case "-r":
        return this.access(arg, 4);
      case "-w":
        return this.access(arg, 2);
      case "-x":
        return this.access(arg, 1);
      case "-L":
      case "-h":
        return this.stat(arg, true)?.type === "symlink";
    }
    const st = this.stat(arg);
    if (!st) return false;
    switch (op) {
      case "-e":
        return true;
      case "-f":
        return st.type === "file";
      case "-d":
        return st.type === "dir";
      case "-s":
        return st.size > 0;
      case "-b":
        return st.type === "block";
      case "-c":
        return st.type === "char";
      case "-p":
        return st.type === "fifo";
      case "-S":
        return st.type === "socket";
      case "-g":
        return (st.mode & 0o2000) !== 0;
      case "-u":
        return (st.mode & 0o4000) !== 0;
      case "-k":
        return (st.mode & 0o1000) !== 0;
      case "-O":
        return st.uid === this.sh.sys.geteuid();
      case "-G":
        return st.gid === this.sh.sys.getegid();
    }
    return false;
  }

  private binary(a: string, op: string, b: string): boolean {
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
      case "-eq":
        return toInt(a) === toInt(b);
      case "-ne":
        return toInt(a) !== toInt(b);
      case "-lt":
        return toInt(a) < toInt(b);
      case "-le":
        return toInt(a) <= toInt(b);
      case "-gt":
        return toInt(a) > toInt(b);
      case "-ge":
        return toInt(a) >= toInt(b);
    }
    const sa = this.stat(a);
    const sb = this.stat(b);
    switch (op) {
      case "-nt":
        return !!sa && (!sb || sa.mtime * 1e9 + sa.mtimeNs > sb.mtime * 1e9 + sb.mtimeNs);
      case "-ot":
        return !!sb && (!sa || sa.mtime * 1e9 + sa.mtimeNs < sb.mtime * 1e9 + sb.mtimeNs);
      case "-ef":
        return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
    }
    return false;
  }
}

function* runTest(sh: Shell, argv: string[]): Gen<number> {
  let args = argv.slice(1);
  const name = sh.arg0.slice(sh.arg0.lastIndexOf("/") + 1);
  if (argv[0] === "[") {
    if (args[args.length - 1] !== "]") {
      yield* sh.write(2, `${name}: missing ]\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return new Evaluator(sh, args).run() ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    yield* sh.write(2, `${name}: ${e.message}\n`);
    return 2;
  }
}

export const testBuiltins: Builtin[] = [builtin("test", false, runTest), builtin("[", false, runTest)];
