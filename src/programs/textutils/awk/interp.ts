/** Runs a parsed awk program: records and fields, variables and arrays, statements, builtins, I/O. */
import type { Gen, Sys } from "../../../kernel/api";
import { signalNumber } from "../../../kernel/proc/signals";
import { asErrno } from "../../lib/io";
import { compilePosix, RegexSyntaxError } from "../../lib/posixregex";
import { BufferedOut } from "../../lib/stdio";
import type { Expr, Func, Program, Stmt } from "./parse";
import { GlibcRandom } from "./random";
import { RecordReader } from "./records";
import { type AwkArray, BusyboxArray, MawkArray, type Subscript } from "./arrays";
import { compare, MAWK_INT_MAX, MissingArgument, numToStr, sprintf, StrNum, toBool, toNum, toStr, UNINIT, type Val } from "./values";

export type Flavour = "mawk" | "busybox";
type Cell = Val | AwkArray;
const isArray = (c: Cell | undefined): c is AwkArray => c instanceof BusyboxArray || c instanceof MawkArray;

class NextRecord {}
class NextFile {}
class LoopBreak {}
class LoopContinue {}
class ExitProgram {
  constructor(readonly code: number | undefined) {}
}
class ReturnValue {
  constructor(readonly v: Val) {}
}
/** Cells of mawk's evaluation stack that calls may hold (1024 less its own reserve). */
const MAWK_STACK_CELLS = 1006;
/** busybox recurses on the C stack until it overflows; this deep, the process dies of SIGSEGV. */
const BUSYBOX_CALL_DEPTH = 20000;
/** busybox's recursion ran out of stack. */
export class StackExhausted extends Error {}

/** A fatal runtime error: the message after the program's name. */
export class AwkRuntimeError extends Error {
  constructor(
    message: string,
    /** busybox prints it without the "cmd. line:N:" position (input files that cannot be opened). */
    readonly bare = false,
  ) {
    super(message);
  }
}

interface OutStream {
  buf: BufferedOut;
  fd: number;
  pid?: number;
}

export class Interpreter {
  private readonly globals = new Map<string, Cell>();
  private frame: Map<string, Cell> | null = null;
  private record = "";
  private fields: string[] | null = [];
  private nf = 0;
  private readonly stdout: BufferedOut;
  private readonly outputs = new Map<string, OutStream>();
  private readonly inputs = new Map<string, { reader: RecordReader; pid?: number }>();
  private readonly regexes = new Map<string, RegExp>();
  private readonly rangeActive: boolean[] = [];
  private main: RecordReader | null = null;
  private argIndex = 1;
  /** What srand() returns next: the seed in use (busybox reports 1 before any srand()). */
  private prevSeed: Val = 0;
  private rng: GlibcRandom;
  exitCode = 0;
  private stackCells = 0;
  private callDepth = 0;

  constructor(
    private readonly sys: Sys,
    private readonly prog: Program,
    readonly flavour: Flavour,
  ) {
    this.stdout = new BufferedOut(sys, 1);
    const g = this.globals;
    for (const [k, v] of Object.entries({ FS: " ", OFS: " ", ORS: "\n", RS: "\n", SUBSEP: "\x1c", CONVFMT: "%.6g", OFMT: "%.6g" })) g.set(k, v);
    for (const k of ["NR", "FNR", "RSTART"]) g.set(k, 0);
    g.set("RLENGTH", -1);
    g.set("FILENAME", "");
    const env = this.newArray();
    for (const [k, v] of Object.entries(sys.env)) env.set({ s: k }, this.strnum(v));
    g.set("ENVIRON", env);
    // Both seed from the clock at start; mawk's srand() then reports that seed, busybox's 1.
    const now = Math.floor(sys.now() / 1e6);
    this.rng = new GlibcRandom(now);
    this.prevSeed = flavour === "mawk" ? now : 1;
  }

  setArgv(args: string[]) {
    const argv = this.newArray();
    for (const [i, a] of args.entries()) argv.set({ s: String(i), ival: i }, i === 0 ? a : this.strnum(a));
    this.globals.set("ARGV", argv);
    this.globals.set("ARGC", args.length);
  }

  /** Input text as a value: numeric when it looks like a number (each awk has its own idea of that). */
  private strnum(s: string): StrNum {
    return new StrNum(s, false, this.flavour === "busybox");
  }

  /** -v and var=value operands: escapes processed, the value a strnum. */
  assignVar(name: string, raw: string) {
    this.setVar(name, this.strnum(processEscapes(raw)));
  }

  *run(): Gen<number> {
    try {
      try {
        for (const b of this.prog.begin) yield* this.block(b);
        if (this.prog.rules.length || this.prog.end.length) yield* this.mainLoop();
      } catch (e) {
        if (!(e instanceof ExitProgram)) throw e;
        if (e.code !== undefined) this.exitCode = e.code;
      }
      try {
        for (const b of this.prog.end) yield* this.block(b);
      } catch (e) {
        if (!(e instanceof ExitProgram)) throw e;
        if (e.code !== undefined) this.exitCode = e.code;
      }
    } finally {
      yield* this.closeAll();
    }
    return this.exitCode;
  }

  private ended = false;
  private *mainLoop(): Gen<void> {
    for (;;) {
      const rec = yield* this.nextMainRecord();
      if (rec === null) return;
      this.setRecord(rec);
      this.incr("NR");
      this.incr("FNR");
      try {
        yield* this.rules();
      } catch (e) {
        if (e instanceof NextRecord) continue;
        if (e instanceof NextFile) {
          this.main = null;
          continue;
        }
        throw e;
      }
    }
  }

  private incr(name: string) {
    this.globals.set(name, toNum(this.globals.get(name) as Val) + 1);
  }

  private *rules(): Gen<void> {
    const rules = this.prog.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      let hit: boolean;
      if (r.end) {
        if (this.rangeActive[i]) {
          hit = true;
          if (toBool(yield* this.eval(r.end))) this.rangeActive[i] = false;
        } else if (toBool(yield* this.eval(r.pattern!))) {
          hit = true;
          this.rangeActive[i] = !toBool(yield* this.eval(r.end));
        } else hit = false;
      } else hit = !r.pattern || toBool(yield* this.eval(r.pattern));
      if (!hit) continue;
      if (r.body) yield* this.block(r.body);
      else yield* this.stdout.put(this.record + this.str(this.globals.get("ORS") as Val));
    }
  }

  /** The next record of the main input: the file operands in turn (assignments among them), or stdin. */
  private *nextMainRecord(): Gen<string | null> {
    for (;;) {
      if (this.ended) return null;
      if (!this.main) {
        const argc = toNum(this.globals.get("ARGC") as Val);
        const argv = this.globals.get("ARGV") as AwkArray;
        let name: string | null = null;
        while (this.argIndex < argc) {
          const i = this.argIndex++;
          const a = argv.get({ s: String(i), ival: i });
          const s = a === undefined ? "" : this.str(a);
          if (s === "") continue;
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(s);
          if (m) {
            this.assignVar(m[1], m[2]);
            continue;
          }
          name = s;
          break;
        }
        if (name === null) {
          if (this.usedFile) {
            this.ended = true;
            return null;
          }
          name = "-";
        }
        this.usedFile = true;
        let fd: number;
        try {
          fd = name === "-" || name === "/dev/stdin" ? 0 : this.sys.open(name, { read: true });
        } catch (e) {
          const err = asErrno(e);
          if (this.flavour === "mawk") throw new AwkRuntimeError(`cannot open ${name} (${err.message})`);
          throw new AwkRuntimeError(`${name}: ${err.message}`, true);
        }
        this.main = new RecordReader(this.sys, fd);
        this.globals.set("FILENAME", name === "-" && this.flavour === "mawk" ? "" : name);
        this.globals.set("FNR", 0);
      }
      let rec: string | null;
      try {
        rec = yield* this.main.next(this.str(this.globals.get("RS") as Val));
      } catch (e) {
        if (e instanceof RegexSyntaxError) throw this.badSeparator(e);
        const message = asErrno(e).message;
        throw new AwkRuntimeError(this.flavour === "mawk" ? `read error (${message})` : message);
      }
      if (rec !== null) return rec;
      if (this.main.fd !== 0) this.sys.close(this.main.fd);
      this.main = null;
    }
  }
  private usedFile = false;

  // --- records and fields ---

  private setRecord(text: string) {
    this.record = text;
    this.fields = null;
  }

  private split() {
    if (this.fields) return;
    this.fields = this.splitText(this.record, this.str(this.globals.get("FS") as Val));
    this.nf = this.fields.length;
  }

  private splitText(text: string, fs: string): string[] {
    if (text === "") return [];
    if (fs === " ") {
      const t = text.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
      return t === "" ? [] : t.split(/[ \t\n]+/);
    }
    if (this.str(this.globals.get("RS") as Val) === "") {
      const re = fs.length === 1 && fs !== "\\" ? escapeRe(fs) : this.regexSource(fs);
      return text.split(new RegExp(`(?:${re})|\\n`));
    }
    if (fs.length === 1 && fs !== "\\") return text.split(fs);
    return text.split(this.regex(fs));
  }

  private getField(i: number): Val {
    if (i === 0) return this.strnum(this.record);
    this.split();
    return i <= this.nf ? this.strnum(this.fields![i - 1]) : UNINIT;
  }

  private setField(i: number, v: string) {
    if (i === 0) {
      this.setRecord(v);
      return;
    }
    this.split();
    while (this.fields!.length < i) this.fields!.push("");
    this.fields![i - 1] = v;
    this.nf = Math.max(this.nf, i);
    this.rebuild();
  }

  private rebuild() {
    this.record = this.fields!.slice(0, this.nf).join(this.str(this.globals.get("OFS") as Val));
  }

  private setNF(n: number) {
    this.split();
    while (this.fields!.length < n) this.fields!.push("");
    this.fields!.length = n;
    this.nf = n;
    this.rebuild();
  }

  // --- variables ---

  private str(v: Val): string {
    return toStr(v, this.convfmt(), this.intMax);
  }
  /** The largest integral value printed as an integer (mawk: C int; busybox: long long). */
  private get intMax(): number {
    return this.flavour === "mawk" ? MAWK_INT_MAX : 2 ** 63;
  }
  /** busybox's Debian build has no libm: ^ and the math functions stop the program (Alpine's has it). */
  private needMath() {
    if (this.flavour === "busybox" && !this.alpine) throw new AwkRuntimeError("Math support is not compiled in");
  }
  private get alpine(): boolean {
    if (this.onAlpine === undefined) {
      try {
        this.sys.stat("/etc/alpine-release");
        this.onAlpine = true;
      } catch {
        this.onAlpine = false;
      }
    }
    return this.onAlpine;
  }
  private onAlpine?: boolean;
  private convfmt(): string {
    return toStr(this.globals.get("CONVFMT") as Val);
  }

  private scopeOf(name: string): Map<string, Cell> {
    return this.frame?.has(name) ? this.frame : this.globals;
  }

  private getVar(name: string): Val {
    if (name === "NF") {
      this.split();
      return this.nf;
    }
    const c = this.scopeOf(name).get(name);
    if (isArray(c)) {
      if (this.flavour === "busybox") return UNINIT;
      throw new AwkRuntimeError(`line 1: illegal reference to array ${name}`);
    }
    return c ?? UNINIT;
  }

  private setVar(name: string, v: Val) {
    if (name === "NF") {
      this.setNF(Math.trunc(toNum(v)));
      return;
    }
    const scope = this.scopeOf(name);
    // busybox lets a name change kind; mawk refuses (when it compiles the program; here when it runs).
    if (isArray(scope.get(name)) && this.flavour === "mawk") throw new AwkRuntimeError(`line 1: illegal reference to array ${name}`);
    scope.set(name, v);
  }

  private array(name: string): AwkArray {
    const scope = this.scopeOf(name);
    let a = scope.get(name);
    if (!isArray(a)) {
      if (a !== undefined && a !== UNINIT && this.flavour === "mawk") throw new AwkRuntimeError(`line 1: illegal reference to variable ${name}`);
      a = this.newArray();
      scope.set(name, a);
    }
    return a;
  }

  private newArray(): AwkArray {
    return this.flavour === "mawk" ? new MawkArray() : new BusyboxArray();
  }

  /** A subscript; mawk files a single integral number (within C int) by its value. */
  private *key(keys: Expr[]): Gen<Subscript> {
    if (keys.length === 1) {
      const v = yield* this.eval(keys[0]);
      const s = this.str(v);
      if (typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= 2147483647) return { s, ival: v };
      return { s };
    }
    const parts: string[] = [];
    for (const k of keys) parts.push(this.str(yield* this.eval(k)));
    return { s: parts.join(this.str(this.globals.get("SUBSEP") as Val)) };
  }

  private *assignTo(lv: Expr, v: Val): Gen<void> {
    if (lv.t === "var") this.setVar(lv.name, v);
    else if (lv.t === "field") this.setField(yield* this.fieldIndex(lv.e), this.str(v));
    else if (lv.t === "index") {
      const k = yield* this.key(lv.keys);
      this.array(lv.name).set(k, v);
    } else if (lv.t === "group") yield* this.assignTo(lv.e, v);
  }

  private *fieldIndex(e: Expr): Gen<number> {
    const n = Math.trunc(toNum(yield* this.eval(e)));
    if (n < 0) throw this.flavour === "mawk" ? this.runtimeError(`negative field index $${n}`) : new AwkRuntimeError("Access to negative field");
    return n;
  }

  // --- statements ---

  private *block(body: Stmt[]): Gen<void> {
    for (const s of body) yield* this.stmt(s);
  }

  private *stmt(s: Stmt): Gen<void> {
    switch (s.t) {
      case "expr":
        yield* this.eval(s.e);
        return;
      case "print":
      case "printf": {
        let text: string;
        if (s.t === "print") {
          const ofmt = toStr(this.globals.get("OFMT") as Val);
          const parts: string[] = [];
          if (s.args.length === 0) parts.push(this.record);
          for (const a of s.args) {
            const v = yield* this.eval(a);
            parts.push(typeof v === "number" ? numToStr(v, ofmt, this.intMax) : this.str(v));
          }
          text = parts.join(this.str(this.globals.get("OFS") as Val)) + this.str(this.globals.get("ORS") as Val);
        } else {
          const vals: Val[] = [];
          for (const a of s.args) vals.push(yield* this.eval(a));
          text = yield* this.format("printf", vals, s.to ? undefined : this.stdout);
        }
        if (!s.to) yield* this.stdout.put(text);
        else {
          const dest = this.str(yield* this.eval(s.to.dest));
          const o = yield* this.output(dest, s.to.op);
          yield* o.put(text);
        }
        return;
      }
      case "block":
        yield* this.block(s.body);
        return;
      case "if":
        if (toBool(yield* this.eval(s.c))) yield* this.stmt(s.then);
        else if (s.else) yield* this.stmt(s.else);
        return;
      case "while":
        while (toBool(yield* this.eval(s.c))) {
          if (yield* this.loopBody(s.body)) break;
        }
        return;
      case "do":
        do {
          if (yield* this.loopBody(s.body)) break;
        } while (toBool(yield* this.eval(s.c)));
        return;
      case "for":
        if (s.init) yield* this.stmt(s.init);
        while (!s.c || toBool(yield* this.eval(s.c))) {
          if (yield* this.loopBody(s.body)) break;
          if (s.step) yield* this.stmt(s.step);
        }
        return;
      case "forin": {
        const keys = this.array(s.name).walkKeys();
        for (const k of keys) {
          yield* this.assignTo(s.v, k);
          if (yield* this.loopBody(s.body)) break;
        }
        return;
      }
      case "break":
        throw new LoopBreak();
      case "continue":
        throw new LoopContinue();
      case "next":
        throw new NextRecord();
      case "nextfile":
        throw new NextFile();
      case "exit":
        throw new ExitProgram(s.e ? Math.trunc(toNum(yield* this.eval(s.e))) & 255 : undefined);
      case "return":
        throw new ReturnValue(s.e ? yield* this.eval(s.e) : UNINIT);
      case "delete": {
        const a = this.array(s.name);
        if (s.keys) a.delete(yield* this.key(s.keys));
        else a.clear();
        return;
      }
    }
  }

  /** printf/sprintf; mawk stops the program when arguments run out, after printing what was formatted. */
  private *format(fn: string, vals: Val[], partialTo?: BufferedOut): Gen<string> {
    const fmt = this.str(vals[0] ?? "");
    try {
      return sprintf(fmt, vals.slice(1), this.convfmt(), this.intMax, this.flavour === "mawk");
    } catch (e) {
      if (!(e instanceof MissingArgument)) throw e;
      if (partialTo) yield* partialTo.put(e.partial);
      throw this.runtimeError(`not enough arguments passed to ${fn}("${fmt}")`);
    }
  }

  /** An RS that does not compile stops both awks, each in its words. */
  private badSeparator(e: RegexSyntaxError): AwkRuntimeError {
    const rs = this.str(this.globals.get("RS") as Val);
    if (this.flavour === "busybox") return new AwkRuntimeError(`bad regex '${rs}': ${e.message}`, true);
    return this.runtimeError(`regular expression compile failed (${mawkRegexReason(e.message)})\n${rs}`);
  }

  /** mawk's run time errors name where the input was. */
  private runtimeError(msg: string): AwkRuntimeError {
    const g = (n: string) => this.str(this.globals.get(n) as Val);
    return new AwkRuntimeError(`run time error: ${msg}\n\tFILENAME="${g("FILENAME")}" FNR=${g("FNR")} NR=${g("NR")}`);
  }

  /** Runs a loop body; true when it broke out. */
  private *loopBody(body: Stmt): Gen<boolean> {
    try {
      yield* this.stmt(body);
    } catch (e) {
      if (e instanceof LoopBreak) return true;
      if (e instanceof LoopContinue) return false;
      throw e;
    }
    return false;
  }

  // --- expressions ---

  *eval(e: Expr): Gen<Val> {
    switch (e.t) {
      case "num":
        return e.v;
      case "str":
        return e.v;
      case "re":
        return this.regex(e.src).test(this.record) ? 1 : 0;
      case "group":
        return yield* this.eval(e.e);
      case "var":
        return this.getVar(e.name);
      case "field":
        return this.getField(yield* this.fieldIndex(e.e));
      case "index": {
        const k = yield* this.key(e.keys);
        const a = this.array(e.name);
        let v = a.get(k);
        if (v === undefined) {
          v = UNINIT;
          a.set(k, v);
        }
        return v;
      }
      case "in": {
        const k = yield* this.key(e.keys);
        return this.array(e.name).has(k) ? 1 : 0;
      }
      case "assign": {
        let v = yield* this.eval(e.e);
        if (e.op !== "=") v = this.arith(e.op.slice(0, -1), toNum(yield* this.eval(e.lv)), toNum(v));
        else if (v instanceof StrNum && v.uninit) v = UNINIT;
        // busybox assigns a user function's result as a plain string (input text loses its numeric look).
        else if (v instanceof StrNum && e.e.t === "call" && this.flavour === "busybox") v = v.s;
        yield* this.assignTo(e.lv, v);
        return v;
      }
      case "cond":
        return toBool(yield* this.eval(e.c)) ? yield* this.eval(e.a) : yield* this.eval(e.b);
      case "and":
        return toBool(yield* this.eval(e.a)) && toBool(yield* this.eval(e.b)) ? 1 : 0;
      case "or":
        return toBool(yield* this.eval(e.a)) || toBool(yield* this.eval(e.b)) ? 1 : 0;
      case "match": {
        const s = this.str(yield* this.eval(e.a));
        const re = yield* this.regexOf(e.re);
        return re.test(s) !== e.neg ? 1 : 0;
      }
      case "cat":
        return this.str(yield* this.eval(e.a)) + this.str(yield* this.eval(e.b));
      case "bin": {
        const a = yield* this.eval(e.a);
        const b = yield* this.eval(e.b);
        switch (e.op) {
          case "<":
            return compare(a, b, this.convfmt(), this.intMax) < 0 ? 1 : 0;
          case "<=":
            return compare(a, b, this.convfmt(), this.intMax) <= 0 ? 1 : 0;
          case ">":
            return compare(a, b, this.convfmt(), this.intMax) > 0 ? 1 : 0;
          case ">=":
            return compare(a, b, this.convfmt(), this.intMax) >= 0 ? 1 : 0;
          case "==":
            return compare(a, b, this.convfmt(), this.intMax) === 0 ? 1 : 0;
          case "!=":
            return compare(a, b, this.convfmt(), this.intMax) !== 0 ? 1 : 0;
        }
        return this.arith(e.op, toNum(a), toNum(b));
      }
      case "un": {
        const v = yield* this.eval(e.e);
        if (e.op === "!") return toBool(v) ? 0 : 1;
        return e.op === "-" ? -toNum(v) : toNum(v);
      }
      case "incdec": {
        const old = toNum(yield* this.eval(e.lv));
        const now = e.op === "++" ? old + 1 : old - 1;
        yield* this.assignTo(e.lv, now);
        return e.pre ? now : old;
      }
      case "call":
        return yield* this.call(e.name, e.args);
      case "builtin":
        return yield* this.builtin(e.name, e.args);
      case "getline":
        return yield* this.getline(e);
    }
  }

  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        if (b === 0 && this.flavour === "busybox") throw new AwkRuntimeError("Division by zero");
        return a / b;
      case "%":
        if (b === 0 && this.flavour === "busybox") throw new AwkRuntimeError("Division by zero");
        return a % b;
      default:
        this.needMath();
        return a ** b;
    }
  }

  // --- regular expressions ---

  private regexSource(src: string): string {
    try {
      const ere = awkRegex(src);
      return compilePosix(this.flavour === "mawk" ? literalBraces(ere) : ere, true).source;
    } catch (e) {
      if (!(e instanceof RegexSyntaxError)) throw e;
      // busybox's regcomp failure leaves a pattern that matches nothing; mawk stops.
      if (this.flavour === "busybox") return "(?!)";
      throw new AwkRuntimeError(`line 1: regular expression compile failed (${mawkRegexReason(e.message)})\n${src}`);
    }
  }

  regex(src: string, flags = ""): RegExp {
    const key = `${flags}/${src}`;
    let re = this.regexes.get(key);
    if (!re) {
      try {
        re = new RegExp(this.regexSource(src), flags);
      } catch (e) {
        // A translation JavaScript cannot compile: treated as a pattern that matches nothing.
        if (!(e instanceof SyntaxError)) throw e;
        re = /(?!)/;
      }
      this.regexes.set(key, re);
    }
    re.lastIndex = 0;
    return re;
  }

  private *regexOf(e: Expr, flags = ""): Gen<RegExp> {
    if (e.t === "re") return this.regex(e.src, flags);
    return this.regex(this.str(yield* this.eval(e)), flags);
  }

  // --- functions ---

  private *call(name: string, args: Expr[]): Gen<Val> {
    const f: Func | undefined = this.prog.funcs.get(name);
    if (!f) throw new AwkRuntimeError(this.flavour === "mawk" ? `function ${name} never defined` : `Call to undefined function`);
    const frame = new Map<string, Cell>();
    for (let i = 0; i < f.params.length; i++) {
      const a = args[i];
      if (!a) frame.set(f.params[i], UNINIT);
      else if (a.t === "var" && isArray(this.scopeOf(a.name).get(a.name))) frame.set(f.params[i], this.array(a.name));
      else if (a.t === "var" && !this.scopeOf(a.name).has(a.name) && usesAsArray(f, f.params[i])) frame.set(f.params[i], this.array(a.name));
      else frame.set(f.params[i], yield* this.eval(a));
    }
    const saved = this.frame;
    // Each active call holds its parameters on mawk's evaluation stack of 1024 cells.
    const cells = Math.max(f.params.length, 1);
    if (this.flavour === "mawk" && this.stackCells + cells > MAWK_STACK_CELLS) {
      throw new AwkRuntimeError("program limit exceeded: eval stack size=1024");
    }
    if (this.flavour === "busybox" && this.callDepth >= BUSYBOX_CALL_DEPTH) throw new StackExhausted();
    this.stackCells += cells;
    this.callDepth++;
    this.frame = frame;
    try {
      yield* this.block(f.body);
    } catch (e) {
      if (e instanceof ReturnValue) return e.v;
      throw e;
    } finally {
      this.frame = saved;
      this.stackCells -= cells;
      this.callDepth--;
    }
    return UNINIT;
  }

  private *builtin(name: string, args: Expr[]): Gen<Val> {
    const arg = (i: number) => this.eval(args[i]);
    switch (name) {
      case "length":
        if (args.length === 0) return this.record.length;
        if (args[0].t === "var" && isArray(this.scopeOf(args[0].name).get(args[0].name))) return this.array(args[0].name).size;
        return this.str(yield* arg(0)).length;
      case "substr": {
        const s = this.str(yield* arg(0));
        const m = Math.trunc(toNum(yield* arg(1)));
        const n = args.length > 2 ? Math.trunc(toNum(yield* arg(2))) : Number.POSITIVE_INFINITY;
        // Both take LENGTH characters from the first position when START is below 1 (mawk even
        // LENGTH - START of them), where POSIX would count the positions before 1.
        const from = Math.max(m, 1) - 1;
        const count = m < 1 && this.flavour === "mawk" ? n - m : n;
        return count <= 0 ? "" : s.slice(from, from + count);
      }
      case "index": {
        const s = this.str(yield* arg(0));
        const t = this.str(yield* arg(1));
        // busybox finds an empty string nowhere, mawk at the start.
        return t === "" && this.flavour === "busybox" ? 0 : s.indexOf(t) + 1;
      }
      case "split": {
        const s = this.str(yield* arg(0));
        const target = args[1];
        if (target.t !== "var") throw new AwkRuntimeError("split: second argument must be an array");
        let parts: string[];
        if (args.length > 2) {
          const sep = args[2];
          if (sep.t === "re") parts = s === "" ? [] : s.split(this.regex(sep.src));
          else parts = this.splitText(s, this.str(yield* this.eval(sep)));
        } else parts = this.splitText(s, this.str(this.globals.get("FS") as Val));
        const a = this.array(target.name);
        a.load(parts.map((p) => this.strnum(p)));
        return parts.length;
      }
      case "sub":
      case "gsub":
        return yield* this.substitute(name === "gsub", args);
      case "match": {
        const s = this.str(yield* arg(0));
        const m = (yield* this.regexOf(args[1])).exec(s);
        this.globals.set("RSTART", m ? m.index + 1 : 0);
        this.globals.set("RLENGTH", m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case "sprintf": {
        const vals: Val[] = [];
        for (const a of args) vals.push(yield* this.eval(a));
        return yield* this.format("sprintf", vals);
      }
      case "tolower":
        return this.str(yield* arg(0)).replace(/[A-Z]+/g, (c) => c.toLowerCase());
      case "toupper":
        return this.str(yield* arg(0)).replace(/[a-z]+/g, (c) => c.toUpperCase());
      case "int":
        return Math.trunc(toNum(yield* arg(0)));
      case "sqrt":
        this.needMath();
        return Math.sqrt(toNum(yield* arg(0)));
      case "exp":
        this.needMath();
        return Math.exp(toNum(yield* arg(0)));
      case "log":
        this.needMath();
        return Math.log(toNum(yield* arg(0)));
      case "sin":
        this.needMath();
        return Math.sin(toNum(yield* arg(0)));
      case "cos":
        this.needMath();
        return Math.cos(toNum(yield* arg(0)));
      case "atan2":
        this.needMath();
        return Math.atan2(toNum(yield* arg(0)), toNum(yield* arg(1)));
      case "rand":
        return this.rand();
      case "srand": {
        const prev = this.prevSeed;
        const seed = args.length ? yield* arg(0) : Math.floor(this.sys.now() / 1e6);
        this.prevSeed = seed;
        this.rng = new GlibcRandom(Math.trunc(toNum(seed)));
        return prev;
      }
      case "system": {
        const cmd = this.str(yield* arg(0));
        yield* this.flushAll();
        return yield* this.runShell(cmd);
      }
      case "close":
        return yield* this.close(this.str(yield* arg(0)));
      case "fflush":
        yield* this.flushAll();
        return 0;
    }
    return UNINIT;
  }

  /** random() / RAND_MAX, as mawk computes it (busybox mixes several random() values; not reproduced). */
  private rand(): number {
    return this.rng.next() / 2147483647;
  }

  private *substitute(global: boolean, args: Expr[]): Gen<Val> {
    const re = yield* this.regexOf(args[0], "g");
    const repl = this.str(yield* this.eval(args[1]));
    const target: Expr = args[2] ?? { t: "field", e: { t: "num", v: 0 } };
    const s = this.str(yield* this.eval(target));
    let count = 0;
    let out = "";
    let pos = 0;
    re.lastIndex = 0;
    while (pos <= s.length) {
      re.lastIndex = pos;
      const m = re.exec(s);
      if (!m) break;
      count++;
      out += s.slice(pos, m.index) + expandReplacement(repl, m[0]);
      if (m[0].length === 0) {
        if (m.index < s.length) out += s[m.index];
        pos = m.index + 1;
      } else pos = m.index + m[0].length;
      if (!global) break;
    }
    if (count === 0) return 0;
    if (pos < s.length) out += s.slice(pos);
    yield* this.assignTo(target, out);
    return count;
  }

  // --- I/O ---

  private *output(dest: string, op: ">" | ">>" | "|"): Gen<BufferedOut> {
    if (dest === "/dev/stdout" || (dest === "-" && this.flavour === "mawk")) return this.stdout;
    let o = this.outputs.get(dest);
    if (o) return o.buf;
    if (dest === "/dev/stderr") {
      o = { buf: new BufferedOut(this.sys, 2), fd: 2 };
    } else if (op === "|") {
      yield* this.stdout.flush();
      const [r, w] = this.sys.pipe();
      const spawned = this.shell(dest, { 0: r, 1: 1, 2: 2 });
      const pid = spawned < 0 ? undefined : spawned;
      this.sys.close(r);
      o = { buf: new BufferedOut(this.sys, w), fd: w, pid };
    } else {
      let fd: number;
      try {
        fd = this.sys.open(dest, { write: true, create: true, trunc: op === ">", append: op === ">>" });
      } catch (e) {
        const err = asErrno(e);
        if (this.flavour === "mawk") throw new AwkRuntimeError(`cannot open "${dest}" for output (${err.message})`);
        throw new AwkRuntimeError(`can't open '${dest}': ${err.message}`, true);
      }
      o = { buf: new BufferedOut(this.sys, fd), fd };
    }
    this.outputs.set(dest, o);
    return o.buf;
  }

  /** sh -c CMD with the given fds; a machine without /bin/sh cannot run it (-1). */
  private shell(cmd: string, fds: Record<number, number>): number {
    try {
      return this.sys.spawn("/bin/sh", ["sh", "-c", cmd], { fds });
    } catch (e) {
      asErrno(e);
      return -1;
    }
  }

  private *runShell(cmd: string): Gen<number> {
    const pid = this.shell(cmd, { 0: 0, 1: 1, 2: 2 });
    if (pid < 0) return 127;
    const st = yield* this.sys.wait(pid);
    return st?.code ?? 256;
  }

  private *flushAll(): Gen<void> {
    yield* this.stdout.flush();
    for (const o of this.outputs.values()) yield* o.buf.flush();
  }

  /**
   * close(): a command's status, as each awk reports it (mawk: its exit code; busybox: the raw wait
   * status). busybox flushes all its output first, so what was printed before reaches the terminal
   * before the command's own output.
   */
  private *close(name: string): Gen<number> {
    const o = this.outputs.get(name);
    const i = this.inputs.get(name);
    if (!o && !i) return this.flavour === "mawk" ? -1 : 0;
    if (this.flavour === "busybox") yield* this.flushAll();
    let pid: number | undefined;
    if (o) {
      this.outputs.delete(name);
      yield* o.buf.flush();
      if (o.fd !== 2) this.sys.close(o.fd);
      pid = o.pid;
    } else if (i) {
      this.inputs.delete(name);
      if (i.reader.fd !== 0) this.sys.close(i.reader.fd);
      pid = i.pid;
    }
    if (pid === undefined) return 0;
    const st = yield* this.sys.wait(pid);
    const code = st?.code ?? 0;
    if (this.flavour === "busybox") return st?.signal !== undefined ? signalNumber(st.signal) : code << 8;
    return st?.signal !== undefined ? 256 + signalNumber(st.signal) : code;
  }

  /** At exit mawk closes its files and commands before flushing stdout; busybox flushes first. */
  private *closeAll(): Gen<void> {
    if (this.flavour === "busybox") yield* this.stdout.flush();
    for (const name of [...this.outputs.keys()]) yield* this.close(name);
    for (const name of [...this.inputs.keys()]) yield* this.close(name);
    yield* this.stdout.flush();
  }

  private *getline(e: Extract<Expr, { t: "getline" }>): Gen<Val> {
    const rs = this.str(this.globals.get("RS") as Val);
    let rec: string | null;
    if (!e.file && !e.cmd) {
      rec = yield* this.nextMainRecord();
      if (rec === null) return 0;
      this.incr("NR");
      this.incr("FNR");
    } else {
      const name = this.str(yield* this.eval((e.file ?? e.cmd)!));
      let input = this.inputs.get(name);
      if (!input) {
        if (e.cmd) {
          yield* this.flushAll();
          const [r, w] = this.sys.pipe();
          const spawned = this.shell(name, { 0: 0, 1: w, 2: 2 });
          const pid = spawned < 0 ? undefined : spawned;
          this.sys.close(w);
          input = { reader: new RecordReader(this.sys, r), pid };
        } else {
          let fd: number;
          try {
            fd = name === "-" || name === "/dev/stdin" ? 0 : this.sys.open(name, { read: true });
          } catch {
            return -1;
          }
          input = { reader: new RecordReader(this.sys, fd) };
        }
        this.inputs.set(name, input);
      }
      try {
        rec = yield* input.reader.next(rs);
      } catch (e) {
        if (e instanceof RegexSyntaxError) throw this.badSeparator(e);
        asErrno(e);
        return -1;
      }
      if (rec === null) return 0;
      if (e.cmd) this.incr("NR");
    }
    if (e.lv) yield* this.assignTo(e.lv, this.strnum(rec));
    else {
      this.setRecord(rec);
      if (e.cmd) this.incr("FNR");
    }
    return 1;
  }
}

/** Whether a function uses a parameter as an array (so an unset variable passed there becomes one). */
function usesAsArray(f: Func, param: string): boolean {
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (node === null || typeof node !== "object") return false;
    const n = node as { t?: string; name?: string; args?: { t: string; name?: string }[] };
    if ((n.t === "index" || n.t === "in" || n.t === "forin" || n.t === "delete") && n.name === param) return true;
    if (n.t === "builtin" && n.name === "split" && n.args?.[1]?.t === "var" && n.args[1].name === param) return true;
    return Object.values(node).some(visit);
  };
  return visit(f.body);
}

/** mawk 1.3.4-20200120 has no {n,m} repetitions: braces outside brackets are plain characters. */
function literalBraces(re: string): string {
  let out = "";
  let inBracket = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (inBracket) {
      if (c === "]" && !(re[i - 1] === "[" || (re[i - 1] === "^" && re[i - 2] === "["))) inBracket = false;
      out += c;
    } else if (c === "\\" && i + 1 < re.length) {
      out += c + re[++i];
    } else if (c === "[") {
      inBracket = true;
      out += c;
    } else out += c === "{" || c === "}" ? `\\${c}` : c;
  }
  return out;
}

/** mawk's words for what is wrong with a regular expression. */
function mawkRegexReason(glibcMessage: string): string {
  if (glibcMessage.startsWith("Unmatched ( ")) return "missing ')'";
  if (glibcMessage.startsWith("Unmatched ) ")) return "missing '('";
  if (glibcMessage.startsWith("Unmatched [")) return "bad class -- [], [^] or [";
  return glibcMessage;
}

/** In a replacement, & is the match, \& a literal &, \\ a backslash. */
function expandReplacement(repl: string, matched: string): string {
  let out = "";
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === "\\" && (repl[i + 1] === "&" || repl[i + 1] === "\\")) out += repl[++i];
    else if (c === "&") out += matched;
    else out += c;
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");

/** awk's escapes inside regular expressions (\t, \n, \/, \") become the characters themselves. */
function awkRegex(src: string): string {
  return src.replace(/\\([tnrfv"/])/g, (_m, c: string) => ({ t: "\t", n: "\n", r: "\r", f: "\f", v: "\v", '"': '"', "/": "/" })[c] ?? c);
}

/** The escapes of -v and var=value assignments, as in string literals. */
export function processEscapes(s: string): string {
  const ESC: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "/": "/", a: "\x07", b: "\b", f: "\f", v: "\v" };
  return s.replace(/\\([0-7]{1,3}|.)/gs, (m, c: string) => {
    if (/^[0-7]+$/.test(c)) return String.fromCharCode(Number.parseInt(c, 8) & 255);
    return ESC[c] ?? m;
  });
}

