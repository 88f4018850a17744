/**
 * The expression grammar of test and [ as busybox's test.c evaluates it: POSIX's argument-count
 * special cases first, then the NetBSD recursive descent (oexpr/aexpr/nexpr/primary) over an
 * argument pointer. Shared by the test program and the shell's test builtin: both give it the
 * system calls it checks files with.
 */
import type { Stat, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { strtoInt } from "./numparse";

/** What test asks the system: file status, terminals, and the caller's ids (for -r -w -x). */
export type TestSystem = Pick<Sys, "stat" | "lstat" | "isatty" | "getgid" | "geteuid" | "getegid" | "getgroups">;

export interface TestResult {
  /** 0 true, 1 false, 2 error. */
  status: number;
  /** The error message (printed after "NAME: "). */
  error?: string;
}

type OpType = "unop" | "binop" | "bunop" | "bbinop" | "paren";

const OPS = new Map<string, OpType>([
  ...["-r", "-w", "-x", "-e", "-f", "-d", "-c", "-b", "-p", "-u", "-g", "-k", "-s", "-t", "-z", "-n", "-h"].map(
    (o) => [o, "unop"] as const,
  ),
  ...["-O", "-G", "-L", "-S"].map((o) => [o, "unop"] as const),
  ...["=", "==", "!=", "<", ">", "-eq", "-ne", "-ge", "-gt", "-le", "-lt", "-nt", "-ot", "-ef"].map(
    (o) => [o, "binop"] as const,
  ),
  ["!", "bunop"],
  ["-a", "bbinop"],
  ["-o", "bbinop"],
  ["(", "paren"],
  [")", "paren"],
]);

/** Tokens that are not operators: the end of the arguments, and any other word. */
const EOI = "\0end";
const OPERAND = "\0operand";

class Syntax extends Error {}

/** busybox syntax(): "OP: MSG", or MSG alone when there is no operator to name. */
function syntax(op: string | undefined, msg: string): never {
  throw new Syntax(op ? `${op}: ${msg}` : msg);
}

/** getn(): strtoll in base 10, then nothing but white space. */
function getn(s: string): bigint {
  const r = strtoInt(s, 10, false);
  if (r.overflow) syntax(s, "out of range");
  if (r.end === 0 || !/^[ \t\n\v\f\r]*$/.test(s.slice(r.end))) syntax(s, "bad number");
  return r.value;
}

class Evaluation {
  /** Index of the current argument (C's `args` pointer). */
  private p = 0;

  constructor(
    private readonly sys: TestSystem,
    private readonly args: (string | undefined)[],
  ) {}

  private check(s: string | undefined): string {
    if (s === undefined) return EOI;
    return OPS.has(s) ? s : OPERAND;
  }

  private type(s: string | undefined): OpType | undefined {
    return s === undefined ? undefined : OPS.get(s);
  }

  /** The general parser from the first argument; returns test's exit status. */
  run(): number {
    const res = this.oexpr(this.check(this.args[0])) ? 0 : 1;
    if (this.args[this.p] !== undefined && this.args[this.p + 1] !== undefined) {
      throw new Syntax(`${this.args[this.p + 1]}: unknown operand`);
    }
    return res;
  }

  private oexpr(n: string): boolean {
    const res = this.aexpr(n);
    if (this.check(this.args[++this.p]) === "-o") return this.oexpr(this.check(this.args[++this.p])) || res;
    this.p--;
    return res;
  }

  private aexpr(n: string): boolean {
    const res = this.nexpr(n);
    if (this.check(this.args[++this.p]) === "-a") return this.aexpr(this.check(this.args[++this.p])) && res;
    this.p--;
    return res;
  }

  private nexpr(n: string): boolean {
    if (n === "!") {
      const next = this.check(this.args[++this.p]);
      if (next === EOI) {
        // "[ ! ]" and "[ a -a ! ]" are valid: "!" may lack its operand.
        this.p--;
        return true;
      }
      return !this.nexpr(next);
    }
    return this.primary(n);
  }

  private primary(n: string): boolean {
    const a = this.args;
    if (n === EOI) syntax(undefined, "argument expected");
    if (n === "(") {
      const res = this.oexpr(this.check(a[++this.p]));
      if (this.check(a[++this.p]) !== ")") syntax(undefined, "closing paren expected");
      return res;
    }
    // As coreutils does: "is the next word a binary operator with an operand after it?" first.
    const nextIsBinop = this.type(a[this.p + 1]) === "binop";
    if (a[this.p + 1] !== undefined && a[this.p + 2] !== undefined && nextIsBinop) return this.binop();
    if (this.type(a[this.p]) === "unop") {
      if (a[this.p + 1] === undefined) return a[this.p] !== "";
      const arg = a[++this.p] as string;
      if (n === "-z") return arg === "";
      if (n === "-n") return arg !== "";
      if (n === "-t") return this.isatty(getn(arg));
      return this.filstat(arg, n);
    }
    if (nextIsBinop) return this.binop();
    return a[this.p] !== "";
  }

  /** ARG1 OP ARG2 at the current position; leaves the position on ARG2. */
  binop(): boolean {
    const a = this.args;
    const opnd1 = a[this.p] as string;
    const op = a[++this.p] as string;
    const opnd2 = a[++this.p];
    if (opnd2 === undefined) syntax(op, "argument expected");
    switch (op) {
      case "-eq":
      case "-ne":
      case "-ge":
      case "-gt":
      case "-le":
      case "-lt": {
        const x = getn(opnd1);
        const y = getn(opnd2);
        if (op === "-eq") return x === y;
        if (op === "-ne") return x !== y;
        if (op === "-ge") return x >= y;
        if (op === "-gt") return x > y;
        if (op === "-le") return x <= y;
        return x < y;
      }
      case "=":
      case "==":
        return opnd1 === opnd2;
      case "!=":
        return opnd1 !== opnd2;
      case "<":
        return opnd1 < opnd2;
      case ">":
        return opnd1 > opnd2;
    }
    const s1 = this.stat(opnd1);
    const s2 = this.stat(opnd2);
    if (!s1 || !s2) return false;
    // Whole seconds, as busybox compares st_mtime.
    if (op === "-nt") return s1.mtime > s2.mtime;
    if (op === "-ot") return s1.mtime < s2.mtime;
    return s1.dev === s2.dev && s1.ino === s2.ino;
  }

  private stat(path: string, link = false): Stat | null {
    try {
      return link ? this.sys.lstat(path) : this.sys.stat(path);
    } catch (e) {
      if (e instanceof Errno) return null;
      throw e;
    }
  }

  private isatty(fd: bigint): boolean {
    if (fd < 0n || fd > 0x7fffffffn) return false;
    try {
      return this.sys.isatty(Number(fd));
    } catch (e) {
      if (e instanceof Errno) return false;
      throw e;
    }
  }

  private filstat(path: string, op: string): boolean {
    if (op === "-h" || op === "-L") return this.stat(path, true)?.type === "symlink";
    const st = this.stat(path);
    if (!st) return false;
    switch (op) {
      case "-e":
        return true;
      case "-r":
        return this.eaccess(st, 4);
      case "-w":
        return this.eaccess(st, 2);
      case "-x":
        return this.eaccess(st, 1);
      case "-f":
        return st.type === "file";
      case "-d":
        return st.type === "dir";
      case "-c":
        return st.type === "char";
      case "-b":
        return st.type === "block";
      case "-p":
        return st.type === "fifo";
      case "-S":
        return st.type === "socket";
      case "-u":
        return (st.mode & 0o4000) !== 0;
      case "-g":
        return (st.mode & 0o2000) !== 0;
      case "-k":
        return (st.mode & 0o1000) !== 0;
      case "-s":
        return st.size > 0;
      case "-O":
        return st.uid === this.sys.geteuid();
      case "-G":
        return st.gid === this.sys.getegid();
    }
    return true;
  }

  /** test_eaccess(): permission bits against the effective ids; root may read and write anything. */
  private eaccess(st: Stat, mode: number): boolean {
    const euid = this.sys.geteuid();
    if (euid === 0) {
      if (mode !== 1) return true;
      if (st.mode & 0o111) return true;
    }
    let bits = mode;
    if (st.uid === euid) bits <<= 6;
    else if (this.isGroupMember(st.gid)) bits <<= 3;
    return (st.mode & bits) !== 0;
  }

  private isGroupMember(gid: number): boolean {
    const sys = this.sys;
    return gid === sys.getgid() || gid === sys.getegid() || sys.getgroups().includes(gid);
  }
}

/**
 * test_main(): `applet` is the name it runs as ("[" and "[[" want their closing bracket last),
 * `args` the words after it.
 */
export function evaluateTest(sys: TestSystem, applet: string, words: string[]): TestResult {
  let argv: (string | undefined)[] = [...words];
  if (applet.startsWith("[")) {
    const close = applet === "[" ? "]" : "]]";
    if (argv[argv.length - 1] !== close) return { status: 2, error: `missing ${close}` };
    argv = argv.slice(0, -1);
  }
  const all = argv;
  try {
    // POSIX's rules by argument count; "!" in front negates and counts again.
    let negate = 0;
    let i = 0;
    for (;;) {
      if (all[i] === undefined) return { status: 1 ^ negate };
      if (all[i + 1] === undefined) return { status: (all[i] === "" ? 1 : 0) ^ negate };
      if (all[i + 2] !== undefined) {
        if (all[i + 3] === undefined) {
          if (OPS.get(all[i + 1] as string) === "binop") {
            const ev = new Evaluation(sys, all.slice(i));
            return { status: (ev.binop() ? 0 : 1) ^ negate };
          }
        } else if (all[i + 4] === undefined && all[i] === "(" && all[i + 3] === ")") {
          // "( X Y )": the two-argument test of X Y. The general parser below still starts at
          // the first word, but sees the list end where ")" was (busybox cuts it there).
          all[i + 3] = undefined;
          i++;
        }
      }
      if (all[i] !== "!") break;
      i++;
      negate ^= 1;
    }
    return { status: new Evaluation(sys, all).run() };
  } catch (e) {
    if (e instanceof Syntax) return { status: 2, error: e.message };
    throw e;
  }
}
