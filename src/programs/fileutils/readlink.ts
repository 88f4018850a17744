/** readlink: busybox 1.35 readlink [-fnv] FILE (errors are silent unless -v, as in coreutils). */
import type { ProgramDef, Sys } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { joinPath, parseOpts, usage } from "./common";

/**
 * xmalloc_realpath_coreutils(): realpath(3), except that a missing last component is fine when its
 * directory exists, and a dangling symlink resolves to where it points.
 */
export function realpathCoreutils(sys: Sys, path: string): string | null {
  try {
    return sys.realpath(path);
  } catch (e) {
    if (asErrno(e).code !== "ENOENT") return null;
  }
  // A dangling symlink: where it points (a relative target is taken from the cwd, as busybox does).
  let target: string | null = null;
  try {
    target = sys.readlink(path);
  } catch (e) {
    asErrno(e);
  }
  if (target !== null) {
    if (target.startsWith("/")) return realpathCoreutils(sys, target);
    return joinPath(sys.getcwd(), target);
  }
  const slash = path.lastIndexOf("/");
  if (slash < 0) return null;
  try {
    const dir = sys.realpath(path.slice(0, slash) === "" ? "/" : path.slice(0, slash));
    return joinPath(dir, path.slice(slash + 1));
  } catch (e) {
    asErrno(e);
    return null;
  }
}

export const readlink: ProgramDef = {
  name: "readlink",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "readlink", { flags: "fnvsq" });
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    if (parsed.operands.length !== 1) return yield* usage(sys, "readlink");
    const file = parsed.operands[0];
    let result: string | null;
    if (f.f) {
      result = realpathCoreutils(sys, file);
    } else {
      try {
        result = sys.readlink(file);
      } catch (e) {
        const er = asErrno(e);
        if (f.v) yield* warn(sys, `${file}: cannot read link: ${er.code === "EINVAL" ? "not a symlink" : er.message}`);
        result = null;
      }
    }
    if (result === null) return 1;
    yield* out(sys, f.n ? result : `${result}\n`);
    return 0;
  },
};
