/**
 * GNU find (findutils 4.9) command line: the leading -H/-L/-P/-D/-O options, and the expression as
 * build_expression_tree() reads it: a list of predicates with implicit -a, wrapped in "( ... ) -print"
 * when nothing prints, then turned into a tree by precedence (get_expr/scan_rest), with GNU's
 * diagnostics for each way that can fail.
 */
import type { Gen, Stat, Sys } from "../../kernel/api";
import { asErrno, err, LineReader } from "../lib/io";
import { compilePosix, RegexSyntaxError } from "../lib/posixregex";
import { gnuProgramName } from "../gnu/flavour";
import { parseDatetime } from "../gnu/parse-datetime";
import { type Ctx, FindError, flushText, type Globals, runTest, type Test } from "./find-expr";
import { compileFormat, lsLine, renderFormat } from "./find-format";
import { execTest, fileTypes, type ParseEnv, positiveInt, sharedPredicate } from "./find-predicates";
import { fnmatchRegExp } from "./fnmatch";

const DEBUG_FLAGS: [string, string][] = [
  ["exec", "Show diagnostic information relating to -exec, -execdir, -ok and -okdir"],
  ["opt", "Show diagnostic information relating to optimisation"],
  ["rates", "Indicate how often each predicate succeeded"],
  ["search", "Navigate the directory tree verbosely"],
  ["stat", "Trace calls to stat(2) and lstat(2)"],
  ["time", "Show diagnostic information relating to time-of-day and timestamp comparisons"],
  ["tree", "Display the expression tree"],
  ["all", "Set all of the debug flags (but help)"],
  ["help", "Explain the various -D options"],
];

export interface Leading {
  /** "P" (never follow), "H" (command line only) or "L" (always). */
  follow: "P" | "H" | "L";
  /** Index of the first path or expression argument. */
  next: number;
}

/** GNU find's own diagnostic, printed as is. */
export function* gnuError(sys: Sys, msg: string): Gen<void> {
  yield* err(sys, `${gnuProgramName(sys)}: ${msg}\n`);
}

/** The options before the paths; a number is the exit status when they end the run. */
export function* gnuLeadingOptions(sys: Sys): Gen<Leading | number> {
  const argv = sys.argv;
  let follow: Leading["follow"] = "P";
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-H" || a === "-L" || a === "-P") follow = a[1] as Leading["follow"];
    else if (a === "-D") {
      if (i + 1 >= argv.length) {
        yield* gnuError(sys, "Missing argument after the -D option.");
        return 1;
      }
      const arg = argv[++i];
      const tokens = arg.split(",").filter((t) => t !== "");
      if (tokens.length === 0) {
        yield* gnuError(sys, "Empty argument to the -D option.");
        return 1;
      }
      for (const t of tokens) {
        // strtok has cut the argument at its first comma by the time it is quoted.
        if (!DEBUG_FLAGS.some(([name]) => name === t)) yield* gnuError(sys, `Ignoring unrecognised debug flag '${arg.split(",")[0]}'`);
      }
      if (tokens.includes("help")) {
        const lines = DEBUG_FLAGS.map(([name, text]) => `${name.padEnd(10)} ${text}\n`).join("");
        yield* sys.write(1, `Valid arguments for -D:\n${lines}`);
        return 0;
      }
    } else if (a.startsWith("-O")) {
      if (a.length === 2) {
        yield* gnuError(sys, "The -O option must be immediately followed by a decimal integer");
        return 1;
      }
      if (!/^\d+$/.test(a.slice(2))) {
        yield* gnuError(sys, "Please specify a decimal number immediately after -O");
        return 1;
      }
    } else if (a === "--") {
      i++;
      break;
    } else break;
  }
  return { follow, next: i };
}

/** looks_like_expression(): whether an argument starts the expression rather than naming a path. */
export function looksLikeExpression(arg: string, leading: boolean): boolean {
  if (arg[0] === "-") return arg.length > 1;
  if (arg === ")" || arg === ",") return !leading;
  return arg === "(" || arg === "!";
}

const NO_PREC = 0;
const PRECEDENCE: Record<string, number> = { ",": 1, "-o": 2, "-or": 2, "-a": 3, "-and": 3 };
const NEGATE_PREC = 4;

type Token =
  | { kind: "primary"; name: string; test: Test }
  | { kind: "not"; name: string }
  | { kind: "bi"; name: string; prec: number }
  | { kind: "open"; name: string; artificial: boolean }
  | { kind: "close"; name: string; artificial: boolean };

/** Predicates that print or run something, so no -print is added. */
const PRINTING = new Set(["-delete", "-exec", "-execdir", "-ok", "-okdir", "-fls", "-fprint", "-fprint0", "-fprintf", "-ls", "-print", "-print0", "-printf", "-quit"]);

const REGEX_TYPES = ["findutils-default", "ed", "emacs", "gnu-awk", "grep", "posix-awk", "awk", "posix-basic", "posix-egrep", "egrep", "posix-extended", "posix-minimal-basic", "sed"];
const EXTENDED = new Set(["gnu-awk", "posix-awk", "awk", "posix-egrep", "egrep", "posix-extended"]);

/**
 * Emacs regexp syntax (findutils' default) as a GNU basic regexp: "+" and "?" are operators, "\{"
 * is literal, and brackets know no classes ("[[:alpha:]" is a set holding "[", so "[" moves last).
 */
function emacsToBasic(re: string): string {
  let outText = "";
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === "[") {
      let j = i + 1;
      let head = "[";
      if (re[j] === "^") head += re[j++];
      let body = re[j] === "]" ? re[j++] : "";
      while (j < re.length && re[j] !== "]") body += re[j++];
      if (j >= re.length) return outText + re.slice(i);
      if (body.includes("[")) body = `${body.replaceAll("[", "")}[`;
      outText += `${head}${body}]`;
      i = j;
    } else if (c === "\\" && i + 1 < re.length) {
      const n = re[++i];
      outText += n === "+" || n === "?" || n === "{" || n === "}" ? n : `\\${n}`;
    } else outText += c === "+" || c === "?" ? `\\${c}` : c;
  }
  return outText;
}

export function regexCompiler(type: string): ParseEnv["regex"] {
  return (pattern, icase) => {
    try {
      if (EXTENDED.has(type)) return compilePosix(pattern, true, icase ? "i" : "");
      const basic = type === "findutils-default" || type === "emacs" ? emacsToBasic(pattern) : pattern;
      return compilePosix(basic, false, icase ? "i" : "");
    } catch (e) {
      if (e instanceof RegexSyntaxError) throw new FindError("", false, e.message);
      throw e;
    }
  };
}

/** GNU -regex before any -regextype: emacs syntax. */
export const gnuRegex = regexCompiler("findutils-default");

function statTime(st: Stat, which: string): [number, number] {
  if (which === "a") return [st.atime, st.atimeNs];
  if (which === "c") return [st.ctime, st.ctimeNs];
  return [st.mtime, st.mtimeNs];
}

function newer(which: string, ref: [number, number]): Test {
  return (_c, _p, st) => {
    const [s, ns] = statTime(st, which);
    return s > ref[0] || (s === ref[0] && ns > ref[1]);
  };
}

/** Output files opened by -fprint and friends, one descriptor per name as GNU shares them. */
class OutputFiles {
  private fds = new Map<string, number>();
  constructor(private readonly sys: Sys) {}
  open(name: string): number {
    let fd = this.fds.get(name);
    if (fd === undefined) {
      try {
        fd = this.sys.open(name, { write: true, create: true, trunc: true }, 0o666);
      } catch (e) {
        throw new FindError(`${name}: ${asErrno(e).message}`);
      }
      this.fds.set(name, fd);
    }
    return fd;
  }
}

export class GnuExpressionParser {
  private readonly outputs: OutputFiles;
  private readonly ask: LineReader;
  /** Set by -delete (which implies -depth) and read by the walk. */
  deletes = false;
  /** -files0-from's start points, when given. */
  filesFrom?: string;

  constructor(private readonly env: ParseEnv) {
    this.outputs = new OutputFiles(env.sys);
    this.ask = new LineReader(env.sys, 0);
  }

  /** The expression as one test, or the GNU message that rejects it. */
  parse(args: string[]): Test {
    const tokens: Token[] = [{ kind: "open", name: "(", artificial: true }];
    const push = (t: Token) => {
      const prev = tokens[tokens.length - 1];
      const startsOperand = t.kind === "primary" || t.kind === "not" || t.kind === "open";
      if (startsOperand && (prev.kind === "primary" || prev.kind === "close")) tokens.push({ kind: "bi", name: "-a", prec: 3 });
      tokens.push(t);
    };
    let prints = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (!looksLikeExpression(a, false)) throw new FindError("", false, `paths must precede expression: \`${a}'`);
      if (a in PRECEDENCE) push({ kind: "bi", name: a, prec: PRECEDENCE[a] });
      else if (a === "!" || a === "-not") push({ kind: "not", name: a });
      else if (a === "(") push({ kind: "open", name: a, artificial: false });
      else if (a === ")") push({ kind: "close", name: a, artificial: false });
      else {
        const [test, last] = this.primary(args, i);
        if (PRINTING.has(a)) prints = true;
        push({ kind: "primary", name: a, test });
        i = last;
      }
    }
    const print: Test = (ctx, path) => {
      ctx.text += `${path}\n`;
      return true;
    };
    if (tokens.length === 1) tokens.splice(0, 1, { kind: "primary", name: "-print", test: print });
    else if (prints) tokens.shift();
    else {
      push({ kind: "close", name: ")", artificial: true });
      push({ kind: "primary", name: "-print", test: print });
    }
    this.env.g.needPrint = false;
    const input = { tokens, at: 0 };
    const tree = this.expr(input, NO_PREC, null);
    if (input.at < tokens.length) {
      const t = tokens[input.at];
      throw new FindError("", false, t.kind === "close" ? "you have too many ')'" : `unexpected extra predicate '${t.name}'`);
    }
    return tree;
  }

  /** get_expr(): one operand and the operators binding tighter than `prevPrec`. */
  private expr(input: { tokens: Token[]; at: number }, prevPrec: number, prev: Token | null): Test {
    const fail = (msg: string) => new FindError("", false, msg);
    const t = input.tokens[input.at];
    if (t === undefined) throw fail("invalid expression");
    let node: Test;
    switch (t.kind) {
      case "bi":
        throw fail(`invalid expression; you have used a binary operator '${t.name}' with nothing before it.`);
      case "close":
        if (prev === null) throw fail(`invalid expression; expected to find a ')' but didn't see one. Perhaps you need an extra predicate after '${t.name}'`);
        if ((prev.kind === "not" || prev.kind === "bi") && !t.artificial) throw fail(`expected an expression between '${prev.name}' and ')'`);
        if (t.artificial) throw fail(`expected an expression after '${prev.name}'`);
        throw fail("invalid expression; you have too many ')'");
      case "primary":
        node = t.test;
        input.at++;
        break;
      case "not": {
        input.at++;
        const operand = this.expr(input, NEGATE_PREC, t);
        node = function* (ctx, path, st) {
          const r = yield* runTest(ctx, operand, path, st);
          return r === "quit" ? r : !r;
        };
        break;
      }
      case "open": {
        const next = input.tokens[input.at + 1];
        if (next === undefined || ("artificial" in next && next.artificial)) {
          throw fail(`invalid expression; expected to find a ')' but didn't see one. Perhaps you need an extra predicate after '${t.name}'`);
        }
        input.at++;
        if (next.kind === "close") throw fail("invalid expression; empty parentheses are not allowed.");
        node = this.expr(input, NO_PREC, t);
        if (input.tokens[input.at]?.kind !== "close") throw fail("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
        input.at++;
        break;
      }
    }
    // scan_rest(): binary operators of higher precedence than the caller's take this operand as their left side.
    for (;;) {
      const op = input.tokens[input.at];
      if (op === undefined || op.kind !== "bi" || op.prec <= prevPrec) return node;
      input.at++;
      const left = node;
      const right = this.expr(input, op.prec, op);
      node = combine(op.prec, left, right);
    }
  }

  /** One test or action (GNU's own, else the shared ones); the index of its last argument. */
  private primary(args: string[], at: number): [Test, number] {
    const env = this.env;
    const a = args[at];
    let i = at;
    const need = () => {
      if (i + 1 >= args.length) throw new FindError("", false, `missing argument to \`${a}'`);
      return args[++i];
    };
    const invalid = (arg: string) => new FindError("", false, `invalid argument \`${arg}' to \`${a}'`);
    const always: Test = () => true;
    const done = (t: Test): [Test, number] => [t, i];
    if (/^-newer..$/.test(a)) return this.newerXY(args, at);
    switch (a) {
      case "-true":
      case "-false":
        return done(() => a === "-true");
      case "-daystart": {
        const day = 86400;
        env.now = Math.floor(env.now / day) * day + day;
        return done(always);
      }
      case "-warn":
      case "-nowarn":
      case "-noleaf":
      case "-ignore_readdir_race":
      case "-noignore_readdir_race":
        return done(always);
      case "-mount":
        env.g.xdev = true;
        return done(always);
      case "-regextype": {
        const type = need();
        if (!REGEX_TYPES.includes(type)) {
          const valid = REGEX_TYPES.map((t) => `'${t}'`).join(", ");
          throw new FindError("", false, `Unknown regular expression type '${type}'; valid types are ${valid}.`);
        }
        env.regex = regexCompiler(type);
        return done(always);
      }
      case "-iregex": {
        const re = env.regex(need(), true);
        return done((_c, path) => {
          const m = re.exec(path);
          return m !== null && m.index === 0 && m[0].length === path.length;
        });
      }
      case "-uid":
      case "-gid": {
        const arg = need();
        const m = /^([+-]?)(\d+)$/.exec(arg);
        if (!m) throw invalid(arg);
        const [sign, n] = [m[1], Number(m[2])];
        return done((_c, _p, st) => {
          const v = a === "-uid" ? st.uid : st.gid;
          return sign === "+" ? v > n : sign === "-" ? v < n : v === n;
        });
      }
      case "-nouser":
        return done((_c, _p, st) => env.names.user(st.uid) === undefined);
      case "-nogroup":
        return done((_c, _p, st) => env.names.group(st.gid) === undefined);
      case "-xtype": {
        const types = fileTypes(need(), a, true);
        return done((ctx, path, st) => {
          // With -L the walk already follows links; -xtype then looks at the link itself.
          let other: Stat | null;
          try {
            other = st.type === "symlink" ? ctx.sys.stat(path) : ctx.sys.lstat(path);
          } catch {
            other = st;
          }
          return types.has(other.type);
        });
      }
      case "-lname":
      case "-ilname": {
        const re = fnmatchRegExp(need(), a === "-ilname");
        return done((ctx, path, st) => {
          if (st.type !== "symlink") return false;
          try {
            return re.test(ctx.sys.readlink(path));
          } catch {
            return false;
          }
        });
      }
      case "-readable":
      case "-writable":
        return done((ctx, path) => {
          try {
            ctx.sys.access(path, a === "-readable" ? 4 : 2);
            return true;
          } catch {
            return false;
          }
        });
      case "-anewer":
      case "-cnewer":
      case "-newer": {
        const ref = this.refStat(need());
        return done(newer(a === "-newer" ? "m" : a[1], [ref.mtime, ref.mtimeNs]));
      }
      case "-used": {
        const arg = need();
        const m = /^([+-]?)(\d+(?:\.\d*)?)$/.exec(arg);
        if (!m) throw new FindError("", false, `Invalid argument ${arg} to -used`);
        const [sign, days] = [m[1], Number(m[2]) * 86400];
        return done((_c, _p, st) => {
          const delta = st.atime - st.ctime + (st.atimeNs - st.ctimeNs) / 1e9;
          if (sign === "+") return delta > days;
          if (sign === "-") return delta > 0 && delta < days;
          return delta > days - 86400 && delta <= days;
        });
      }
      case "-fstype": {
        const type = need();
        return done((ctx, path) => {
          try {
            return ctx.sys.statfs(path).type === type;
          } catch {
            return false;
          }
        });
      }
      case "-context":
        need();
        throw new FindError("", false, "invalid predicate -context: SELinux is not enabled.");
      case "-files0-from":
        this.filesFrom = need();
        return done(always);
      case "-printf":
      case "-fprintf": {
        const fd = a === "-fprintf" ? this.outputs.open(need()) : 1;
        const f = compileFormat(need());
        env.warnings.push(...f.warnings);
        return done(this.emit(fd, (ctx, path, st) => renderFormat(f, ctx, path, st, env.names)));
      }
      case "-fprint":
      case "-fprint0": {
        const fd = this.outputs.open(need());
        const end = a === "-fprint" ? "\n" : "\0";
        return done(this.emit(fd, (_c, path) => path + end));
      }
      case "-ls":
      case "-fls": {
        const fd = a === "-fls" ? this.outputs.open(need()) : 1;
        return done(this.emit(fd, (ctx, path, st) => lsLine(ctx, path, st, env.names)));
      }
      case "-delete":
        this.deletes = true;
        env.g.depthFirst = true;
        return done(deleteTest(env.g));
      case "-ok":
      case "-okdir":
      case "-execdir":
        return this.execIn(args, at, a);
      case "-prune":
        return done(() => "prune");
      case "-quit":
        return done(() => "quit");
      case "-maxdepth":
      case "-mindepth": {
        const n = positiveInt(need(), a);
        if (a === "-maxdepth") env.g.maxDepth = n;
        else env.g.minDepth = n;
        return done(always);
      }
    }
    const shared = sharedPredicate(env, args, at);
    if (!shared) throw new FindError("", false, `unknown predicate \`${a}'`);
    return [shared[0] === "option" ? always : shared[0], shared[1]];
  }

  /** -execdir, and -ok/-okdir: -exec/-execdir after asking on stderr (a "y" line on stdin says yes). */
  private execIn(args: string[], at: number, pred: string): [Test, number] {
    const [exec, last] = execTest(this.env, args, at + 1, pred);
    if (pred === "-execdir") return [exec, last];
    if (args[last] === "+") throw new FindError("", false, `missing argument to \`${pred}'`);
    const ask = this.ask;
    const program = args[at + 1];
    const run: Test = function* (ctx, path, st) {
      const shown = pred === "-okdir" ? `./${path.slice(path.lastIndexOf("/") + 1)}` : path;
      yield* flushText(ctx);
      yield* err(ctx.sys, `< ${program} ... ${shown} > ? `);
      const line = yield* ask.next();
      if (line === null || !/^[yY]/.test(line)) return false;
      return yield* runTest(ctx, exec, path, st);
    };
    return [run, last];
  }

  private refStat(ref: string): Stat {
    try {
      return this.env.sys.stat(ref);
    } catch (e) {
      throw new FindError(`can't stat '${ref}': ${asErrno(e).message}`);
    }
  }

  /** -newerXY REF: X's time of the file is later than REF's Y time (Y "t": REF is a date). */
  private newerXY(args: string[], at: number): [Test, number] {
    const a = args[at];
    const [x, y] = [a[6], a[7]];
    if (x === "B" || y === "B") {
      throw new FindError("", false, `This system does not provide a way to find the birth time of a file.\n${gnuProgramName(this.env.sys)}: invalid predicate \`${a}'`);
    }
    if (x === "t" || !"acmt".includes(x) || !"acmt".includes(y)) throw new FindError("", false, `invalid predicate \`${a}'`);
    const ref = args[at + 1];
    if (ref === undefined) throw new FindError("", false, `The ${a} test needs an argument`);
    let when: [number, number];
    if (y === "t") {
      const now = this.env.sys.now();
      const t = parseDatetime(ref, { sec: Math.floor(now / 1e6), nsec: (now % 1e6) * 1000 });
      if (!t) throw new FindError("", false, `I cannot figure out how to interpret '${ref}' as a date or time`);
      when = [t.sec, t.nsec];
    } else when = statTime(this.refStat(ref), y);
    return [newer(x, when), at + 1];
  }

  /** An action writing what `text` makes of each file to fd (standard output goes through ctx). */
  private emit(fd: number, text: (ctx: Ctx, path: string, st: Stat) => string): Test {
    if (fd === 1) {
      return (ctx, path, st) => {
        ctx.text += text(ctx, path, st);
        return true;
      };
    }
    return function* (ctx, path, st) {
      yield* ctx.sys.write(fd, text(ctx, path, st));
      return true;
    };
  }
}

function combine(prec: number, left: Test, right: Test): Test {
  return function* (ctx, path, st) {
    const l = yield* runTest(ctx, left, path, st);
    if (l === "quit") return l;
    if (prec === 3 && !l) return false;
    if (prec === 2 && l) return true;
    return yield* runTest(ctx, right, path, st);
  };
}

/** -delete: unlink, or rmdir for directories; "." is never removed. */
function deleteTest(g: Globals): Test {
  return function* (ctx, path, st) {
    if (path === ".") return true;
    try {
      if (st.type === "dir") ctx.sys.rmdir(path);
      else ctx.sys.unlink(path);
      return true;
    } catch (e) {
      yield* gnuError(ctx.sys, `cannot delete '${path}': ${asErrno(e).message}`);
      g.status = 1;
      return false;
    }
  };
}
