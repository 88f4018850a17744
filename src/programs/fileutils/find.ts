/**
 * find: busybox 1.35 find [-HL] [PATH]... [EXPRESSION] (tests ANDed in groups, groups ORed) and, as
 * GNU findutils 4.9 (see find-gnu.ts), its expression with operators, options and actions.
 */
import type { Gen, ProgramDef, Stat, Sys } from "../../kernel/api";
import { gnuTool } from "../gnu/flavour";
import { asErrno, readAll, warn } from "../lib/io";
import { AccountNames } from "../lib/users";
import { joinPath, showHelp, usage } from "./common";
import { type Ctx, type Expr, evaluate, FindError, flushText, type Globals, runExecPlus, type Test } from "./find-expr";
import { GnuExpressionParser, gnuError, gnuLeadingOptions, gnuRegex, looksLikeExpression } from "./find-gnu";
import { basicRegex, type ParseEnv, sharedPredicate } from "./find-predicates";

function parse(env: ParseEnv, args: string[]): Expr {
  const groups: Expr = [[]];
  let invert = false;
  const add = (test: Test) => {
    groups[groups.length - 1].push({ test, invert });
    invert = false;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    switch (a) {
      case "-a":
      case "-and":
        continue;
      case "-o":
      case "-or":
        groups.push([]);
        continue;
      case "!":
      case "-not":
        invert = !invert;
        continue;
      case "-prune":
        invert = false;
        add(() => "prune");
        continue;
      case "-quit":
        add(() => "quit");
        continue;
      case "(": {
        let depth = 1;
        let j = i;
        for (;;) {
          j++;
          if (j >= args.length) throw new FindError("unpaired '('");
          if (args[j] === "(") depth++;
          else if (args[j] === ")" && --depth === 0) break;
        }
        const sub = parse(env, args.slice(i + 1, j));
        i = j;
        add(function* (ctx, path, st) {
          const r = yield* evaluate(ctx, sub, path, st);
          if (r.quit) return "quit";
          return r.match;
        });
        continue;
      }
    }
    const shared = sharedPredicate(env, args, i);
    if (!shared) throw new FindError(`unrecognized: ${a}`, true);
    if (shared[0] !== "option") add(shared[0]);
    i = shared[1];
  }
  return groups;
}

/** busybox's leading -H/-L/-P clusters; anything else starts the paths. */
function busyboxLeading(argv: readonly string[]): { follow: "P" | "H" | "L"; next: number } {
  let follow: "P" | "H" | "L" = "P";
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (!/^-[HLP]+$/.test(a)) break;
    for (const c of a.slice(1)) follow = c as "P" | "H" | "L";
  }
  return { follow, next: i };
}

/** The expression, paths and walk options from the command line; a number is the exit status. */
function* commandLine(sys: Sys, env: ParseEnv): Gen<{ expr: Expr; paths: string[]; follow: "P" | "H" | "L"; gnu?: GnuExpressionParser } | number> {
  const gnu = env.gnu;
  const leading = gnu ? yield* gnuLeadingOptions(sys) : busyboxLeading(sys.argv);
  if (typeof leading === "number") return leading;
  const rest = sys.argv.slice(leading.next);
  let firstOpt = 0;
  const startsExpression = (a: string) => (gnu ? looksLikeExpression(a, true) : a.startsWith("-") || a === "!" || a === "(");
  while (firstOpt < rest.length && !startsExpression(rest[firstOpt])) firstOpt++;
  const paths = firstOpt === 0 ? ["."] : rest.slice(0, firstOpt);
  let follow = leading.follow;
  try {
    if (gnu) {
      const parser = new GnuExpressionParser(env);
      const test = parser.parse(rest.slice(firstOpt));
      for (const w of env.warnings) yield* gnuError(sys, w);
      if (rest.slice(firstOpt).includes("-follow")) follow = "L";
      return { expr: [[{ test, invert: false }]], paths, follow, gnu: parser };
    }
    if (rest.includes("-follow")) follow = "L";
    return { expr: parse(env, rest.slice(firstOpt)), paths, follow };
  } catch (e) {
    if (!(e instanceof FindError)) throw e;
    for (const w of env.warnings) yield* gnuError(sys, w);
    if (!gnu) {
      if (e.showUsage) return yield* usage(sys, "find", e.message);
      yield* warn(sys, e.message);
    } else if (e.gnu !== undefined) yield* gnuError(sys, e.gnu);
    else yield* warn(sys, e.message);
    return 1;
  }
}

export const find: ProgramDef = {
  name: "find",
  *main(sys) {
    if (sys.argv[1] === "--help") return yield* showHelp(sys, "find");
    const g: Globals = { needPrint: true, depthFirst: false, minDepth: 0, maxDepth: Number.MAX_SAFE_INTEGER, xdev: false, execPlus: [], status: 0 };
    const gnu = gnuTool(sys) !== undefined;
    const env: ParseEnv = { sys, g, names: new AccountNames(sys), now: Math.floor(sys.now() / 1e6), gnu, regex: gnu ? gnuRegex : basicRegex, warnings: [] };
    const line = yield* commandLine(sys, env);
    if (typeof line === "number") return line;
    const { expr, follow } = line;
    let paths = line.paths;
    if (line.gnu?.filesFrom !== undefined) {
      const from = yield* startPoints(sys, line.gnu.filesFrom);
      if (typeof from === "number") return from;
      paths = from;
    }
    const followAll = follow === "L";
    const followTop = follow === "H";
    const ctx: Ctx = { sys, now: env.now, text: "", start: "", depth: 0, prune: false };
    let quit = false;

    /** fileAction(): depth limits, the expression, the implicit -print. "skip" stops descent. */
    const visit = function* (path: string, st: Stat, depth: number, topDev: number): Gen<"skip" | "go"> {
      const sameFs = !(g.xdev && st.type === "dir" && st.dev !== topDev);
      if (depth < g.minDepth) return sameFs ? "go" : "skip";
      if (depth > g.maxDepth) return "skip";
      ctx.depth = depth;
      ctx.prune = false;
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
      if (depth < g.maxDepth) {
        for (const name of entries) {
          if (name === "." || name === "..") continue;
          if (quit) break;
          if (!(yield* walk(joinPath(path, name), depth + 1, dev))) ok = false;
        }
      }
      if (g.depthFirst && !quit) yield* visit(path, st, depth, dev);
      return ok;
    };

    for (const p of paths) {
      if (quit) break;
      ctx.start = p;
      if (!(yield* walk(p, 0, 0))) g.status = 1;
    }
    for (const batch of g.execPlus) {
      if (!(yield* runExecPlus(ctx, batch))) g.status = 1;
    }
    yield* flushText(ctx);
    return g.status;
  },
};

/** -files0-from FILE: NUL-separated start points ("-" is standard input). */
function* startPoints(sys: Sys, file: string): Gen<string[] | number> {
  let fd = 0;
  try {
    if (file !== "-") fd = sys.open(file, { read: true });
  } catch (e) {
    yield* gnuError(sys, `cannot open '${file}' for reading: ${asErrno(e).message}`);
    return 1;
  }
  const data = yield* readAll(sys, fd);
  if (fd !== 0) sys.close(fd);
  return data.split("\0").filter((p) => p !== "");
}
