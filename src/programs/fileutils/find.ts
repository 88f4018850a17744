/** find: busybox 1.35 find [-HL] [PATH]... [EXPRESSION]: tests ANDed in groups, groups ORed. */
import { gnuTool } from "../gnu/flavour";
import type { Gen, ProgramDef, Stat, Sys } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { AccountNames } from "../lib/users";
import { joinPath, parseMode, showHelp, usage } from "./common";
import { breToRegExp, fnmatchRegExp } from "./fnmatch";
import { searchPath } from "./pathsearch";

/** What evaluating the expression on one file says. */
interface Outcome {
  match: boolean;
  prune: boolean;
  quit: boolean;
}

interface Ctx {
  sys: Sys;
  now: number;
  text: string;
}

type TestResult = boolean | "prune" | "quit";
/** Most tests answer at once; those that run commands or print are generators. */
type Test = (ctx: Ctx, path: string, st: Stat) => TestResult | Gen<TestResult>;

interface Action {
  test: Test;
  invert: boolean;
}

/** OR groups of AND lists, as busybox's parse_params builds them. */
type Expr = Action[][];

interface ExecPlus {
  argv: string[];
  files: string[];
  size: number;
}

class FindError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
    /** GNU find's own words, where they are not a rewording of busybox's (see gnu/messages.ts). */
    readonly gnu?: string,
  ) {
    super(message);
  }
}

interface Globals {
  needPrint: boolean;
  depthFirst: boolean;
  minDepth: number;
  maxDepth: number;
  xdev: boolean;
  execPlus: ExecPlus[];
  status: number;
}

const NUM = /^\d+$/;

function positiveInt(s: string, pred: string): number {
  if (!NUM.test(s)) {
    const depth = pred === "-maxdepth" || pred === "-mindepth";
    const gnu = depth ? `Expected a positive decimal integer argument to ${pred}, but got '${s}'` : `invalid argument \`${s}' to \`${pred}'`;
    throw new FindError(`invalid number '${s}'`, false, gnu);
  }
  return Number(s);
}

/** "+N", "-N" or "N" given to `pred`: the sign character and the number. */
function signedNum(s: string, pred: string, suffixes?: Record<string, number>): [string, number] {
  const sign = s[0] === "+" || s[0] === "-" ? s[0] : "";
  const rest = sign ? s.slice(1) : s;
  const m = rest.match(/^(\d+)([a-z]*)$/);
  const fail = () => {
    const gnu = suffixes ? `invalid -size type \`${rest.replace(/^\d+/, "")[0] ?? ""}'` : `invalid argument \`${s}' to \`${pred}'`;
    return new FindError(`invalid number '${rest}'`, false, gnu);
  };
  if (!m) throw fail();
  let mult = 1;
  if (suffixes) {
    if (!(m[2] in suffixes)) throw fail();
    mult = suffixes[m[2]];
  } else if (m[2] !== "") throw fail();
  return [sign, Number(m[1]) * mult];
}

function typeMatches(letter: string): (st: Stat) => boolean {
  const types: Record<string, Stat["type"]> = { f: "file", d: "dir", l: "symlink", b: "block", c: "char", s: "socket", p: "fifo" };
  const t = types[letter];
  if (t === undefined || letter.length !== 1) throw new FindError(`invalid argument '${letter}' to '-type'`);
  return (st) => st.type === t;
}

/** The last component of a path, trailing slashes ignored ("DIR/" names "DIR"). */
function baseOf(path: string): string {
  let p = path;
  while (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  if (p === "/") return "/";
  return p.slice(p.lastIndexOf("/") + 1);
}

function parse(sys: Sys, args: string[], g: Globals, names: AccountNames, now: number): Expr {
  const groups: Expr = [[]];
  let invert = false;
  const add = (test: Test) => {
    groups[groups.length - 1].push({ test, invert });
    invert = false;
  };
  const sync = (fn: (ctx: Ctx, path: string, st: Stat) => boolean): Test => fn;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const arg1 = args[i + 1];
    const need = () => {
      if (arg1 === undefined) throw new FindError(`${a} requires an argument`);
      i++;
      return arg1;
    };
    switch (a) {
      case "-a":
      case "-and":
        break;
      case "-o":
      case "-or":
        groups.push([]);
        break;
      case "!":
      case "-not":
        invert = !invert;
        break;
      case "-print":
        g.needPrint = false;
        add(
          sync((ctx, path) => {
            ctx.text += `${path}\n`;
            return true;
          }),
        );
        break;
      case "-print0":
        g.needPrint = false;
        add(
          sync((ctx, path) => {
            ctx.text += `${path}\0`;
            return true;
          }),
        );
        break;
      case "-depth":
        g.depthFirst = true;
        break;
      case "-xdev":
        g.xdev = true;
        break;
      case "-follow":
        break;
      case "-prune":
        invert = false;
        add(() => "prune");
        break;
      case "-quit":
        add(() => "quit");
        break;
      case "-exec": {
        g.needPrint = false;
        const cmd: string[] = [];
        let j = i + 1;
        let plus = false;
        for (;;) {
          if (j >= args.length) throw new FindError("-exec requires an argument");
          if (args[j] === ";" || args[j] === "+") {
            plus = args[j] === "+";
            break;
          }
          cmd.push(args[j++]);
        }
        if (cmd.length === 0) throw new FindError("-exec requires an argument");
        i = j;
        if (plus) {
          const batch: ExecPlus = { argv: cmd, files: [], size: 0 };
          g.execPlus.push(batch);
          add(function* (ctx, path) {
            batch.files.push(path);
            batch.size += path.length + 1;
            // Keep each command line within ARG_MAX, as busybox does.
            if (batch.size >= 131072 - 2048) {
              if (!(yield* runExecPlus(ctx, batch))) g.status = 1;
            }
            return true;
          });
        } else {
          add(function* (ctx, path) {
            const argv = cmd.map((w) => w.split("{}").join(path));
            return (yield* runCommand(ctx, argv)) === 0;
          });
        }
        break;
      }
      case "(": {
        let depth = 1;
        let j = i;
        for (;;) {
          j++;
          if (j >= args.length) throw new FindError("unpaired '('");
          if (args[j] === "(") depth++;
          else if (args[j] === ")" && --depth === 0) break;
        }
        const sub = parse(sys, args.slice(i + 1, j), g, names, now);
        i = j;
        add(function* (ctx, path, st) {
          const r = yield* evaluate(ctx, sub, path, st);
          if (r.quit) return "quit";
          return r.match;
        });
        break;
      }
      case "-empty":
        add(
          sync((ctx, path, st) => {
            if (st.type === "dir") {
              try {
                return ctx.sys.readdir(path).filter((n) => n !== "." && n !== "..").length === 0;
              } catch (e) {
                asErrno(e);
                return false;
              }
            }
            return st.type === "file" && st.size === 0;
          }),
        );
        break;
      case "-executable":
        add(
          sync((ctx, path) => {
            try {
              ctx.sys.access(path, 1);
              return true;
            } catch (e) {
              asErrno(e);
              return false;
            }
          }),
        );
        break;
      case "-type": {
        const matches = typeMatches(need());
        add(sync((_c, _p, st) => matches(st)));
        break;
      }
      case "-name":
      case "-iname": {
        const re = fnmatchRegExp(need(), a === "-iname");
        add(sync((_c, path) => re.test(baseOf(path))));
        break;
      }
      case "-path":
      case "-wholename":
      case "-ipath": {
        const re = fnmatchRegExp(need(), a === "-ipath");
        add(sync((_c, path) => re.test(path)));
        break;
      }
      case "-regex": {
        const re = breToRegExp(need());
        add(
          sync((_c, path) => {
            const m = re.exec(path);
            return m !== null && m.index === 0 && m[0].length === path.length;
          }),
        );
        break;
      }
      case "-perm": {
        const spec = need();
        const kind = spec[0] === "-" || spec[0] === "+" || spec[0] === "/" ? spec[0] : "";
        const modeText = kind ? spec.slice(1) : spec;
        const mask = parseMode(modeText, 0);
        if (mask === null) throw new FindError(`invalid mode '${modeText}'`);
        add(
          sync((_c, _p, st) => {
            if (kind === "+" || kind === "/") return (st.mode & mask) !== 0;
            if (kind === "-") return (st.mode & mask) === mask;
            return (st.mode & 0o7777) === mask;
          }),
        );
        break;
      }
      case "-mtime":
      case "-atime":
      case "-ctime":
      case "-mmin":
      case "-amin":
      case "-cmin": {
        const [sign, n] = signedNum(need(), a);
        const unit = a.endsWith("min") ? 60 : 24 * 60 * 60;
        const which = a[1] as "m" | "a" | "c";
        add(
          sync((_c, _p, st) => {
            const t = which === "m" ? st.mtime : which === "a" ? st.atime : st.ctime;
            const age = now - t;
            const secs = n * unit;
            if (sign === "+") return age >= secs + unit;
            if (sign === "-") return age < secs;
            return age >= secs && age < secs + unit;
          }),
        );
        break;
      }
      case "-newer": {
        const ref = need();
        let refTime: number;
        try {
          refTime = sys.stat(ref).mtime;
        } catch (e) {
          throw new FindError(`can't stat '${ref}': ${asErrno(e).message}`);
        }
        add(sync((_c, _p, st) => refTime < st.mtime));
        break;
      }
      case "-inum": {
        const ino = positiveInt(need(), a);
        add(sync((_c, _p, st) => st.ino === ino));
        break;
      }
      case "-samefile": {
        const ref = need();
        let refSt: Stat;
        try {
          refSt = sys.stat(ref);
        } catch (e) {
          throw new FindError(`can't stat '${ref}': ${asErrno(e).message}`);
        }
        add(sync((_c, _p, st) => st.ino === refSt.ino && st.dev === refSt.dev));
        break;
      }
      case "-user": {
        const who = need();
        const uid = NUM.test(who) ? Number(who) : names.userByName(who)?.id;
        if (uid === undefined) throw new FindError(`unknown user ${who}`, false, `'${who}' is not the name of a known user`);
        add(sync((_c, _p, st) => st.uid === uid));
        break;
      }
      case "-group": {
        const who = need();
        const gid = NUM.test(who) ? Number(who) : names.groupByName(who)?.id;
        if (gid === undefined) throw new FindError(`unknown group ${who}`, false, `'${who}' is not the name of an existing group`);
        add(sync((_c, _p, st) => st.gid === gid));
        break;
      }
      case "-size": {
        const [sign, size] = signedNum(need(), a, { "": 512, b: 512, c: 1, w: 2, k: 1024 });
        add(
          sync((_c, _p, st) => {
            if (sign === "+") return st.size > size;
            if (sign === "-") return st.size < size;
            return st.size === size;
          }),
        );
        break;
      }
      case "-links": {
        const [sign, n] = signedNum(need(), a);
        add(
          sync((_c, _p, st) => {
            if (sign === "+") return st.nlink > n;
            if (sign === "-") return st.nlink < n;
            return st.nlink === n;
          }),
        );
        break;
      }
      case "-maxdepth":
        g.maxDepth = positiveInt(need(), a);
        break;
      case "-mindepth":
        g.minDepth = positiveInt(need(), a);
        break;
      default:
        throw new FindError(`unrecognized: ${a}`, true);
    }
  }
  return groups;
}

function* evaluate(ctx: Ctx, expr: Expr, path: string, st: Stat): Gen<Outcome> {
  let prune = false;
  for (const group of expr) {
    let ok = true;
    for (const action of group) {
      const raw = action.test(ctx, path, st);
      const r = typeof raw === "object" ? yield* raw : raw;
      if (r === "quit") return { match: false, prune, quit: true };
      let res = r === "prune" ? true : r;
      if (r === "prune") prune = true;
      if (action.invert) res = !res;
      if (!res) {
        ok = false;
        break;
      }
    }
    if (ok) return { match: true, prune, quit: false };
  }
  return { match: false, prune, quit: false };
}

function* flushText(ctx: Ctx): Gen<void> {
  if (ctx.text !== "") {
    yield* out(ctx.sys, ctx.text);
    ctx.text = "";
  }
}

/** Runs a command (found in PATH) with our stdio and waits; -1 if it could not be started. */
function* runCommand(ctx: Ctx, argv: string[]): Gen<number> {
  const sys = ctx.sys;
  yield* flushText(ctx);
  const found = searchPath(sys, argv[0]);
  try {
    // When PATH has no match, exec of the bare name reports why (ENOENT...).
    const pid = sys.spawn(found[0] ?? argv[0], argv, { fds: { 0: 0, 1: 1, 2: 2 } });
    const r = yield* sys.wait(pid);
    if (!r) return -1;
    return r.code ?? 128;
  } catch (e) {
    yield* warn(sys, `${argv[0]}: ${asErrno(e).message}`);
    return -1;
  }
}

function* runExecPlus(ctx: Ctx, batch: ExecPlus): Gen<boolean> {
  if (batch.files.length === 0) return true;
  const argv: string[] = [];
  for (const w of batch.argv) {
    if (w === "{}") argv.push(...batch.files);
    else argv.push(w);
  }
  batch.files = [];
  batch.size = 0;
  return (yield* runCommand(ctx, argv)) === 0;
}

export const find: ProgramDef = {
  name: "find",
  *main(sys) {
    if (sys.argv[1] === "--help") return yield* showHelp(sys, "find");
    let i = 1;
    let followAll = false;
    let followTop = false;
    // Only -H, -L, -P clusters lead; anything else starts the paths.
    for (; i < sys.argv.length; i++) {
      const a = sys.argv[i];
      if (!/^-[HLP]+$/.test(a)) break;
      for (const c of a.slice(1)) {
        if (c === "L") {
          followAll = true;
          followTop = false;
        } else if (c === "H") {
          followTop = true;
          followAll = false;
        } else {
          followAll = followTop = false;
        }
      }
    }
    const rest = sys.argv.slice(i);
    let firstOpt = 0;
    while (firstOpt < rest.length && !rest[firstOpt].startsWith("-") && rest[firstOpt] !== "!" && rest[firstOpt] !== "(") firstOpt++;
    const paths = firstOpt === 0 ? ["."] : rest.slice(0, firstOpt);
    const g: Globals = { needPrint: true, depthFirst: false, minDepth: 0, maxDepth: Number.MAX_SAFE_INTEGER, xdev: false, execPlus: [], status: 0 };
    const names = new AccountNames(sys);
    const now = Math.floor(sys.now() / 1e6);
    if (rest.includes("-follow")) followAll = true;
    let expr: Expr;
    try {
      expr = parse(sys, rest.slice(firstOpt), g, names, now);
    } catch (e) {
      if (!(e instanceof FindError)) throw e;
      // GNU find names the problem and exits 1, with no usage.
      if (e.showUsage && !gnuTool(sys)) return yield* usage(sys, "find", e.message);
      yield* warn(sys, gnuTool(sys) && e.gnu ? e.gnu : e.message);
      return 1;
    }
    const ctx: Ctx = { sys, now, text: "" };
    let quit = false;

    /** fileAction(): depth limits, the expression, the implicit -print. "skip" stops descent. */
    const visit = function* (path: string, st: Stat, depth: number, topDev: number): Gen<"skip" | "go"> {
      const sameFs = !(g.xdev && st.type === "dir" && st.dev !== topDev);
      if (depth < g.minDepth) return sameFs ? "go" : "skip";
      if (depth > g.maxDepth) return "skip";
      const r = yield* evaluate(ctx, expr, path, st);
      if (r.quit) {
        quit = true;
        return "skip";
      }
      if (r.match && g.needPrint) ctx.text += `${path}\n`;
      if (ctx.text.length > 8192) yield* flushText(ctx);
      if (st.type === "dir" && depth === g.maxDepth) return "skip";
      if (!sameFs) return "skip";
      return r.prune ? "skip" : "go";
    };

    /** recursive_action(): false when something could not be read (already reported). */
    const walk = function* (path: string, depth: number, topDev: number): Gen<boolean> {
      if (quit) return true;
      const follow = followAll || (followTop && depth === 0);
      let st: Stat;
      try {
        st = follow ? sys.stat(path) : sys.lstat(path);
      } catch (e) {
        const er = asErrno(e);
        let dangling: Stat | null = null;
        if ((followAll || followTop) && er.code === "ENOENT") {
          try {
            dangling = sys.lstat(path);
          } catch {
            dangling = null;
          }
        }
        if (dangling) {
          yield* visit(path, dangling, depth, topDev);
          return true;
        }
        yield* flushText(ctx);
        yield* warn(sys, `${path}: ${er.message}`);
        return false;
      }
      const dev = depth === 0 ? st.dev : topDev;
      if (st.type !== "dir") {
        yield* visit(path, st, depth, dev);
        return true;
      }
      if (!g.depthFirst) {
        const r = yield* visit(path, st, depth, dev);
        if (r === "skip" || quit) return true;
      }
      let entries: string[];
      try {
        entries = sys.readdir(path);
      } catch (e) {
        yield* flushText(ctx);
        yield* warn(sys, `${path}: ${asErrno(e).message}`);
        return false;
      }
      let ok = true;
      for (const name of entries) {
        if (name === "." || name === "..") continue;
        if (quit) break;
        if (!(yield* walk(joinPath(path, name), depth + 1, dev))) ok = false;
      }
      if (g.depthFirst && !quit) yield* visit(path, st, depth, dev);
      return ok;
    };

    for (const p of paths) {
      if (quit) break;
      if (!(yield* walk(p, 0, 0))) g.status = 1;
    }
    for (const batch of g.execPlus) {
      if (!(yield* runExecPlus(ctx, batch))) g.status = 1;
    }
    yield* flushText(ctx);
    return g.status;
  },
};
