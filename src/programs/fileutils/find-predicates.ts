/**
 * The tests and actions busybox find and GNU find share (each GNU difference asked of `env.gnu`).
 * Operators, and what only GNU find has, are parsed by find.ts (busybox) and find-gnu.ts (GNU).
 */
import type { Stat, Sys } from "../../kernel/api";
import { asErrno } from "../lib/io";
import type { AccountNames } from "../lib/users";
import { type ExecPlus, FindError, type Globals, runCommand, runExecPlus, type Test } from "./find-expr";
import { breToRegExp, fnmatchRegExp } from "./fnmatch";
import { adjustMode, compileMode, parseMode } from "./modechange";

export interface ParseEnv {
  sys: Sys;
  g: Globals;
  names: AccountNames;
  now: number;
  gnu: boolean;
  /** GNU -regex's syntax (-regextype); busybox always uses basic regexps. */
  regex: (pattern: string, icase: boolean) => RegExp;
  /** Warnings GNU find prints while it reads the expression. */
  warnings: string[];
}

const NUM = /^\d+$/;

export function positiveInt(s: string, pred: string): number {
  if (!NUM.test(s)) {
    const depth = pred === "-maxdepth" || pred === "-mindepth";
    const gnu = depth ? `Expected a positive decimal integer argument to ${pred}, but got '${s}'` : `invalid argument \`${s}' to \`${pred}'`;
    throw new FindError(`invalid number '${s}'`, false, gnu);
  }
  return Number(s);
}

/** "+N", "-N" or "N" given to `pred`: the sign character and the number (times the suffix's unit). */
export function signedNum(s: string, pred: string, suffixes?: Record<string, number>): [string, number, number] {
  const sign = s[0] === "+" || s[0] === "-" ? s[0] : "";
  const rest = sign ? s.slice(1) : s;
  const m = rest.match(/^(\d+)([a-zA-Z]*)$/);
  const fail = () => {
    const gnu = suffixes ? `invalid -size type \`${rest.replace(/^\d+/, "")[0] ?? ""}'` : `invalid argument \`${s}' to \`${pred}'`;
    return new FindError(`invalid number '${rest}'`, false, gnu);
  };
  if (!m) throw fail();
  let unit = 1;
  if (suffixes) {
    if (!(m[2] in suffixes)) throw fail();
    unit = suffixes[m[2]];
  } else if (m[2] !== "") throw fail();
  return [sign, Number(m[1]), unit];
}

/** sign "+": more than n, "-": less than n, "": exactly n. */
export function compareNum(sign: string, value: number, n: number): boolean {
  if (sign === "+") return value > n;
  if (sign === "-") return value < n;
  return value === n;
}

const TYPES: Record<string, Stat["type"]> = { f: "file", d: "dir", l: "symlink", b: "block", c: "char", s: "socket", p: "fifo" };

/** The -type (or GNU -xtype) letters; GNU takes a comma-separated list. */
export function fileTypes(arg: string, pred: string, gnu: boolean): Set<Stat["type"]> {
  if (!gnu) {
    const t = TYPES[arg];
    if (t === undefined || arg.length !== 1) throw new FindError(`invalid argument '${arg}' to '-type'`);
    return new Set([t]);
  }
  const set = new Set<Stat["type"]>();
  for (let i = 0; i < arg.length; ) {
    const t = TYPES[arg[i]];
    if (t === undefined) throw new FindError("", false, `Unknown argument to ${pred}: ${arg[i]}`);
    if (set.has(t)) throw new FindError("", false, `Duplicate file type '${arg[i]}' in the argument list to ${pred}.`);
    set.add(t);
    if (++i < arg.length) {
      if (arg[i] !== ",") throw new FindError("", false, `Must separate multiple arguments to ${pred} using: ','`);
      if (++i >= arg.length) throw new FindError("", false, `Last file type in list argument to ${pred} is missing, i.e., list is ending on: ','`);
    }
  }
  return set;
}

/** The last component of a path, trailing slashes ignored ("DIR/" names "DIR"). */
export function baseOf(path: string): string {
  let p = path;
  while (p.length > 1 && p.endsWith("/")) p = p.slice(0, -1);
  if (p === "/") return "/";
  return p.slice(p.lastIndexOf("/") + 1);
}

function statOf(sys: Sys, ref: string): Stat {
  try {
    return sys.stat(ref);
  } catch (e) {
    throw new FindError(`can't stat '${ref}': ${asErrno(e).message}`);
  }
}

function permTest(env: ParseEnv, spec: string): Test {
  const kind = spec[0] === "-" || spec[0] === "+" || spec[0] === "/" ? spec[0] : "";
  if (env.gnu) {
    // GNU: "+" is no longer a prefix (a symbolic mode "+x"); the mode is applied to 0 for files and directories.
    const gkind = kind === "+" ? "" : kind;
    const changes = compileMode(gkind ? spec.slice(1) : spec);
    if (changes === null) throw new FindError("", false, `invalid mode '${spec}'`);
    const want = [adjustMode(0, false, 0, changes), adjustMode(0, true, 0, changes)];
    if (gkind === "/" && want[0] === 0 && want[1] === 0) {
      env.warnings.push(
        `warning: you have specified a mode pattern ${spec} (which is equivalent to /000). The meaning of -perm /000 has now been changed to be consistent with -perm -000; that is, while it used to match no files, it now matches all files.`,
      );
    }
    return (_c, _p, st) => {
      const mask = want[st.type === "dir" ? 1 : 0];
      if (gkind === "/") return mask === 0 || (st.mode & mask) !== 0;
      if (gkind === "-") return (st.mode & mask) === mask;
      return (st.mode & 0o7777) === mask;
    };
  }
  const modeText = kind ? spec.slice(1) : spec;
  const mask = parseMode(modeText, 0);
  if (mask === null) throw new FindError(`invalid mode '${modeText}'`);
  return (_c, _p, st) => {
    if (kind === "+" || kind === "/") return (st.mode & mask) !== 0;
    if (kind === "-") return (st.mode & mask) === mask;
    return (st.mode & 0o7777) === mask;
  };
}

/** -exec CMD ; and -exec CMD {} + (GNU -execdir runs it in the file's directory on "./NAME"). */
export function execTest(env: ParseEnv, args: string[], at: number, pred: string): [Test, number] {
  const cmd: string[] = [];
  let j = at;
  let plus = false;
  const missing = () => new FindError(`${pred} requires an argument`);
  for (;;) {
    if (j >= args.length) throw missing();
    // GNU ends a batch only at "{} +"; a lone "+" elsewhere is an argument.
    if (args[j] === ";" || (args[j] === "+" && (!env.gnu || args[j - 1] === "{}"))) {
      plus = args[j] === "+";
      break;
    }
    cmd.push(args[j++]);
  }
  if (cmd.length === 0 || (plus && env.gnu && cmd.length < 2)) throw missing();
  const inDir = pred === "-execdir" || pred === "-okdir";
  const where = (path: string): [string | undefined, string] => {
    if (!inDir) return [undefined, path];
    const slash = path.lastIndexOf("/");
    const dir = slash < 0 ? "." : slash === 0 ? "/" : path.slice(0, slash);
    return [dir, `./${baseOf(path)}`];
  };
  const g = env.g;
  if (plus) {
    let batch: ExecPlus | undefined;
    return [
      function* (ctx, path) {
        const [dir, name] = where(path);
        // -execdir runs what it has gathered whenever the directory changes, and for each start point.
        if (batch && inDir && (batch.dir !== dir || ctx.depth === 0)) {
          if (!(yield* runExecPlus(ctx, batch))) g.status = 1;
          batch = undefined;
        }
        if (!batch) {
          batch = { argv: cmd, files: [], size: 0, dir };
          g.execPlus.push(batch);
        }
        batch.files.push(name);
        batch.size += name.length + 1;
        // Keep each command line within ARG_MAX, as busybox does.
        if (batch.size >= 131072 - 2048) {
          if (!(yield* runExecPlus(ctx, batch))) g.status = 1;
        }
        return true;
      },
      j,
    ];
  }
  return [
    function* (ctx, path) {
      const [dir, name] = where(path);
      const argv = cmd.map((w) => w.split("{}").join(name));
      return (yield* runCommand(ctx, argv, dir)) === 0;
    },
    j,
  ];
}

/**
 * The test predicate `a` names, taking its arguments from args[at...]: the test and the index of
 * its last argument; "option" for options (no test); undefined when `a` is not shared.
 */
export function sharedPredicate(env: ParseEnv, args: string[], at: number): [Test | "option", number] | undefined {
  const { sys, g, names, now } = env;
  const a = args[at];
  let i = at;
  const need = () => {
    if (i + 1 >= args.length) throw new FindError(`${a} requires an argument`);
    return args[++i];
  };
  const done = (t: Test | "option"): [Test | "option", number] => [t, i];
  switch (a) {
    case "-print":
      g.needPrint = false;
      return done((ctx, path) => {
        ctx.text += `${path}\n`;
        return true;
      });
    case "-print0":
      g.needPrint = false;
      return done((ctx, path) => {
        ctx.text += `${path}\0`;
        return true;
      });
    case "-depth":
      g.depthFirst = true;
      return done("option");
    case "-xdev":
      g.xdev = true;
      return done("option");
    case "-follow":
      return done("option");
    case "-maxdepth":
      g.maxDepth = positiveInt(need(), a);
      return done("option");
    case "-mindepth":
      g.minDepth = positiveInt(need(), a);
      return done("option");
    case "-exec":
      g.needPrint = false;
      return execTest(env, args, at + 1, a);
    case "-empty":
      return done((ctx, path, st) => {
        if (st.type === "dir") {
          try {
            return ctx.sys.readdir(path).filter((n) => n !== "." && n !== "..").length === 0;
          } catch (e) {
            asErrno(e);
            return false;
          }
        }
        return st.type === "file" && st.size === 0;
      });
    case "-executable":
      return done((ctx, path) => {
        try {
          ctx.sys.access(path, 1);
          return true;
        } catch (e) {
          asErrno(e);
          return false;
        }
      });
    case "-type": {
      const types = fileTypes(need(), a, env.gnu);
      return done((_c, _p, st) => types.has(st.type));
    }
    case "-name":
    case "-iname": {
      const re = fnmatchRegExp(need(), a === "-iname");
      return done((_c, path) => re.test(baseOf(path)));
    }
    case "-path":
    case "-wholename":
    case "-ipath":
    case "-iwholename": {
      const re = fnmatchRegExp(need(), a.startsWith("-i"));
      return done((_c, path) => re.test(path));
    }
    case "-regex": {
      const re = env.regex(need(), false);
      return done((_c, path) => {
        const m = re.exec(path);
        return m !== null && m.index === 0 && m[0].length === path.length;
      });
    }
    case "-perm":
      return done(permTest(env, need()));
    case "-mtime":
    case "-atime":
    case "-ctime":
    case "-mmin":
    case "-amin":
    case "-cmin": {
      const [sign, n] = signedNum(need(), a);
      const unit = a.endsWith("min") ? 60 : 24 * 60 * 60;
      const which = a[1] as "m" | "a" | "c";
      return done((_c, _p, st) => {
        const t = which === "m" ? st.mtime : which === "a" ? st.atime : st.ctime;
        const age = now - t;
        const secs = n * unit;
        if (sign === "+") return age >= secs + unit;
        if (sign === "-") return age < secs;
        return age >= secs && age < secs + unit;
      });
    }
    case "-newer": {
      const refTime = statOf(sys, need()).mtime;
      return done((_c, _p, st) => refTime < st.mtime);
    }
    case "-inum": {
      const ino = positiveInt(need(), a);
      return done((_c, _p, st) => st.ino === ino);
    }
    case "-samefile": {
      const refSt = statOf(sys, need());
      return done((_c, _p, st) => st.ino === refSt.ino && st.dev === refSt.dev);
    }
    case "-user": {
      const who = need();
      const uid = NUM.test(who) ? Number(who) : names.userByName(who)?.id;
      if (uid === undefined) throw new FindError(`unknown user ${who}`, false, `'${who}' is not the name of a known user`);
      return done((_c, _p, st) => st.uid === uid);
    }
    case "-group": {
      const who = need();
      const gid = NUM.test(who) ? Number(who) : names.groupByName(who)?.id;
      if (gid === undefined) throw new FindError(`unknown group ${who}`, false, `'${who}' is not the name of an existing group`);
      return done((_c, _p, st) => st.gid === gid);
    }
    case "-size": {
      const units: Record<string, number> = env.gnu ? { "": 512, b: 512, c: 1, w: 2, k: 1024, M: 1 << 20, G: 1 << 30 } : { "": 512, b: 512, c: 1, w: 2, k: 1024 };
      const [sign, n, unit] = signedNum(need(), a, units);
      // GNU counts whole units, rounding the size up; busybox compares bytes.
      if (env.gnu) return done((_c, _p, st) => compareNum(sign, Math.ceil(st.size / unit), n));
      return done((_c, _p, st) => compareNum(sign, st.size, n * unit));
    }
    case "-links": {
      const [sign, n] = signedNum(need(), a);
      return done((_c, _p, st) => compareNum(sign, st.nlink, n));
    }
    default:
      return undefined;
  }
}

/** busybox find's -regex: basic regular expressions. */
export function basicRegex(pattern: string): RegExp {
  return breToRegExp(pattern);
}
