/** find's expression: tests, their evaluation, and the commands -exec runs (shared by both flavours). */
import type { Gen, Stat, Sys } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { searchPath } from "./pathsearch";

/** What evaluating the expression on one file says. */
export interface Outcome {
  match: boolean;
  prune: boolean;
  quit: boolean;
}

export interface Ctx {
  sys: Sys;
  now: number;
  /** Standard output waiting to be written. */
  text: string;
  /** The starting point the current file was reached from, and its depth below it (-printf %H %P %d). */
  start: string;
  depth: number;
  /** Set when -prune answered for the current file. */
  prune: boolean;
}

export type TestResult = boolean | "prune" | "quit";
/** Most tests answer at once; those that run commands or print are generators. */
export type Test = (ctx: Ctx, path: string, st: Stat) => TestResult | Gen<TestResult>;

export interface Action {
  test: Test;
  invert: boolean;
}

/** OR groups of AND lists, as busybox's parse_params builds them. */
export type Expr = Action[][];

export interface ExecPlus {
  argv: string[];
  files: string[];
  size: number;
  /** -execdir: the directory the files are in (one batch per directory). */
  dir?: string;
}

export class FindError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
    /** GNU find's own words, where they are not a rewording of busybox's (see gnu/messages.ts). */
    readonly gnu?: string,
  ) {
    super(message);
  }
}

export interface Globals {
  needPrint: boolean;
  depthFirst: boolean;
  minDepth: number;
  maxDepth: number;
  xdev: boolean;
  execPlus: ExecPlus[];
  status: number;
}

/** Runs one test; "prune" counts as true and is remembered in ctx. */
export function* runTest(ctx: Ctx, test: Test, path: string, st: Stat): Gen<boolean | "quit"> {
  const raw = test(ctx, path, st);
  const r = typeof raw === "object" ? yield* raw : raw;
  if (r === "prune") {
    ctx.prune = true;
    return true;
  }
  return r;
}

export function* evaluate(ctx: Ctx, expr: Expr, path: string, st: Stat): Gen<Outcome> {
  for (const group of expr) {
    let ok = true;
    for (const action of group) {
      const r = yield* runTest(ctx, action.test, path, st);
      if (r === "quit") return { match: false, prune: ctx.prune, quit: true };
      if (r === action.invert) {
        ok = false;
        break;
      }
    }
    if (ok) return { match: true, prune: ctx.prune, quit: false };
  }
  return { match: false, prune: ctx.prune, quit: false };
}

export function* flushText(ctx: Ctx): Gen<void> {
  if (ctx.text !== "") {
    yield* out(ctx.sys, ctx.text);
    ctx.text = "";
  }
}

/** Runs a command (found in PATH) with our stdio and waits; -1 if it could not be started. */
export function* runCommand(ctx: Ctx, argv: string[], cwd?: string): Gen<number> {
  const sys = ctx.sys;
  yield* flushText(ctx);
  const found = searchPath(sys, argv[0]);
  try {
    // When PATH has no match, exec of the bare name reports why (ENOENT...).
    const pid = sys.spawn(found[0] ?? argv[0], argv, { fds: { 0: 0, 1: 1, 2: 2 }, cwd });
    const r = yield* sys.wait(pid);
    if (!r) return -1;
    return r.code ?? 128;
  } catch (e) {
    yield* warn(sys, `${argv[0]}: ${asErrno(e).message}`);
    return -1;
  }
}

export function* runExecPlus(ctx: Ctx, batch: ExecPlus): Gen<boolean> {
  if (batch.files.length === 0) return true;
  const argv: string[] = [];
  for (const w of batch.argv) {
    if (w === "{}") argv.push(...batch.files);
    else argv.push(w);
  }
  batch.files = [];
  batch.size = 0;
  return (yield* runCommand(ctx, argv, batch.dir)) === 0;
}
