/** libbb recursive_action(): walk a path (and, with `recurse`, what is below it), calling back per file. */
import type { Gen, Stat, Sys } from "../../kernel/api";
import { asErrno, warn } from "../lib/io";
import { joinPath } from "./common";

export interface WalkFlags {
  recurse?: boolean;
  /** Follow symlinks at every depth. */
  followLinks?: boolean;
  /** Follow a symlink named on the command line (depth 0). */
  followTop?: boolean;
  /** Directory callback after its contents, not before. */
  depthFirst?: boolean;
  /** A dangling symlink is passed to the file callback instead of being an error. */
  danglingOk?: boolean;
}

/** true: go on; false: failed (caller reports); "skip": do not descend. */
export type WalkResult = boolean | "skip";
export type WalkAction = (path: string, st: Stat, depth: number) => Gen<WalkResult>;

/** Returns false if anything failed; stat and opendir failures are reported as "prog: path: error". */
export function* recursiveAction(
  sys: Sys,
  path: string,
  flags: WalkFlags,
  fileAction: WalkAction,
  dirAction: WalkAction,
  depth = 0,
): Gen<boolean> {
  const follow = flags.followLinks || (depth === 0 && flags.followTop);
  let st: Stat;
  try {
    st = follow ? sys.stat(path) : sys.lstat(path);
  } catch (e) {
    const er = asErrno(e);
    if (flags.danglingOk && er.code === "ENOENT") {
      try {
        const lst = sys.lstat(path);
        return (yield* fileAction(path, lst, depth)) !== false;
      } catch (e2) {
        asErrno(e2);
      }
    }
    yield* warn(sys, `${path}: ${er.message}`);
    return false;
  }
  if (st.type !== "dir") return (yield* fileAction(path, st, depth)) !== false;
  if (!flags.recurse) return (yield* dirAction(path, st, depth)) !== false;
  if (!flags.depthFirst) {
    const r = yield* dirAction(path, st, depth);
    if (r === false) {
      return false;
    }
    if (r === "skip") return true;
  }
  let entries: string[];
  try {
    entries = sys.readdir(path);
  } catch (e) {
    yield* warn(sys, `${path}: ${asErrno(e).message}`);
    return false;
  }
  let ok = true;
  for (const name of entries) {
    if (name === "." || name === "..") continue;
    if (!(yield* recursiveAction(sys, joinPath(path, name), flags, fileAction, dirAction, depth + 1))) ok = false;
  }
  if (flags.depthFirst && (yield* dirAction(path, st, depth)) === false) return false;
  return ok;
}
