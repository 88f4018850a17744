/** ln: busybox 1.35 ln [-sfnbTv] [-S SUF] TARGET... LINK|DIR. */
import type { ProgramDef, Sys } from "../../kernel/api";
import { asErrno, warn } from "../lib/io";
import { joinPath, lastComponentStrip, parseOpts, usage } from "./common";

export const ln: ProgramDef = {
  name: "ln",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "ln", { flags: "sfnbvT", withArg: "S" });
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    const suffix = parsed.args.S?.at(-1) ?? "~";
    const args = [...parsed.operands];
    if (args.length === 0) return yield* usage(sys, "ln");
    if (f.T && args.length > 2) {
      yield* warn(sys, "-T accepts 2 args max");
      return 1;
    }
    // "ln PATH/TO/FILE" links FILE in the current directory.
    if (args.length === 1) args.push(lastComponentStrip(args[0]));
    const last = args[args.length - 1];
    let status = 0;
    for (const target of args.slice(0, -1)) {
      let linkPath = last;
      if (!f.T && isDirectory(sys, last, !f.n)) linkPath = joinPath(last, lastComponentStrip(target));
      if (!f.s) {
        // A hard link to a dangling symlink is fine; to nothing at all is not.
        let ok = true;
        try {
          sys.stat(target);
        } catch (e) {
          try {
            ok = sys.lstat(target).type === "symlink";
          } catch {
            ok = false;
          }
          if (!ok) {
            yield* warn(sys, `${target}: ${asErrno(e).message}`);
            status = 1;
            continue;
          }
        }
      }
      if (f.b) {
        try {
          sys.rename(linkPath, linkPath + suffix);
        } catch (e) {
          const er = asErrno(e);
          if (er.code !== "ENOENT") {
            yield* warn(sys, `${linkPath}: ${er.message}`);
            status = 1;
            continue;
          }
        }
        tryUnlink(sys, linkPath);
      } else if (f.f) {
        tryUnlink(sys, linkPath);
      }
      if (f.v) yield* sys.write(1, `'${linkPath}' -> '${target}'\n`);
      try {
        if (f.s) sys.symlink(target, linkPath);
        else sys.link(target, linkPath);
      } catch (e) {
        yield* warn(sys, `${linkPath}: ${asErrno(e).message}`);
        status = 1;
      }
    }
    return status;
  },
};

function isDirectory(sys: Sys, path: string, follow: boolean): boolean {
  try {
    return (follow ? sys.stat(path) : sys.lstat(path)).type === "dir";
  } catch (e) {
    asErrno(e);
    return false;
  }
}

function tryUnlink(sys: Sys, path: string): void {
  try {
    sys.unlink(path);
  } catch (e) {
    asErrno(e);
  }
}
