/** mv: busybox 1.35 mv [-finTv] [-t DIR]; across filesystems (EXDEV) it copies, then removes. */
import { missingDestination } from "../gnu/messages";
import type { ProgramDef } from "../../kernel/api";
import { asErrno, err, warn } from "../lib/io";
import { flagOrder, joinPath, lastComponentStrip, lastFlag, parseOpts, usage } from "./common";
import { CopyContext, copyFile } from "./copy";
import { statKind } from "./cp";
import { askYes, removeFile } from "./remove";

const SPEC = {
  flags: "finvT",
  withArg: "t",
  long: {
    interactive: { short: "i" },
    force: { short: "f" },
    "no-clobber": { short: "n" },
    "no-target-directory": { short: "T" },
    "target-directory": { short: "t", arg: true },
    verbose: { short: "v" },
  },
};

export const mv: ProgramDef = {
  name: "mv",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "mv", SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    const fin = lastFlag(flagOrder(sys.argv, SPEC), "fin");
    const sources = [...parsed.operands];
    let last: string;
    // The destination of a lone SOURCE DEST pair that is not a directory.
    let directDest: string | null = null;
    if (parsed.args.t) {
      if (sources.length < 1) return yield* usage(sys, "mv");
      last = parsed.args.t[parsed.args.t.length - 1];
    } else {
      if (sources.length < 2) return yield* usage(sys, "mv", missingDestination(sys, sources[0]));
      last = sources.pop() as string;
      if (sources.length !== 1) {
        if (f.T) {
          yield* warn(sys, "too many arguments");
          return 1;
        }
      } else if (f.T) {
        const srcKind = yield* statKind(sys, sources[0], true);
        const destKind = yield* statKind(sys, last, true);
        if (srcKind < 0 || destKind < 0) return 1;
        if (!(srcKind & 2) && destKind & 2) {
          yield* warn(sys, `'${last}' is a directory`);
          return 1;
        }
        directDest = last;
      } else {
        const kind = yield* statKind(sys, last, true);
        if (kind < 0) return 1;
        if (!(kind & 2)) directDest = last;
      }
    }
    let status = 0;
    for (const src of sources) {
      const dest = directDest ?? joinPath(last, lastComponentStrip(src));
      const destKind = yield* statKind(sys, dest, true);
      if (destKind < 0) {
        status = 1;
        continue;
      }
      if (destKind) {
        if (fin === "n") continue;
        if (fin !== "f" && (fin === "i" || (!writable(sys, dest) && sys.isatty(0)))) {
          yield* err(sys, `mv: overwrite '${dest}'? `);
          if (!(yield* askYes(sys))) continue;
        }
      }
      try {
        sys.rename(src, dest);
      } catch (e) {
        const er = asErrno(e);
        const srcKind = er.code === "EXDEV" ? yield* statKind(sys, src, false) : 0;
        if (er.code !== "EXDEV" || srcKind < 1) {
          yield* warn(sys, `can't rename '${src}': ${er.message}`);
          status = 1;
        } else if (!(yield* moveAcross(sys, src, dest, srcKind, destKind))) {
          status = 1;
        }
      }
      if (f.v) yield* sys.write(1, `'${src}' -> '${dest}'\n`);
    }
    return status;
  },
};

function writable(sys: import("../../kernel/api").Sys, path: string): boolean {
  try {
    sys.access(path, 2);
    return true;
  } catch (e) {
    asErrno(e);
    return false;
  }
}

/** The EXDEV fallback: copy with everything preserved, then delete the source. */
function* moveAcross(sys: import("../../kernel/api").Sys, src: string, dest: string, srcKind: number, destKind: number) {
  if (destKind) {
    if (destKind === 3 && srcKind !== 3) {
      yield* warn(sys, "can't overwrite directory with non-directory");
      return false;
    }
    if (destKind !== 3 && srcKind === 3) {
      yield* warn(sys, "can't overwrite non-directory with directory");
      return false;
    }
    try {
      sys.unlink(dest);
    } catch (e) {
      yield* warn(sys, `can't remove '${dest}': ${asErrno(e).message}`);
      return false;
    }
  }
  const ctx = new CopyContext(sys);
  if (!(yield* copyFile(ctx, src, dest, { recursive: true, preserve: true }))) return false;
  return yield* removeFile(sys, src, { recursive: true, force: true });
}
