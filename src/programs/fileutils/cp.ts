/** cp: busybox 1.35 cp [-arPLHpfinlsTuv] [-t DIR]. */
import { gnuTool } from "../gnu/flavour";
import { extraOperand, missingDestination } from "../gnu/messages";
import { checkTargetDirectory, lastOperandTarget } from "../gnu/target";
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { asErrno, warn } from "../lib/io";
import { flagOrder, joinPath, lastComponentStrip, lastFlag, parseOpts, usage } from "./common";
import { CopyContext, type CopyFlags, copyFile } from "./copy";

const SPEC = {
  flags: "pdRfinlsLHarPvTu",
  withArg: "t",
  long: {
    archive: { short: "a" },
    force: { short: "f" },
    interactive: { short: "i" },
    link: { short: "l" },
    dereference: { short: "L" },
    "no-dereference": { short: "P" },
    recursive: { short: "R" },
    "symbolic-link": { short: "s" },
    "no-clobber": { short: "n" },
    "target-directory": { short: "t", arg: true },
    "no-target-directory": { short: "T" },
    update: { short: "u" },
    verbose: { short: "v" },
  },
};

/** cp_mv_stat2: 0 missing, 1 exists, 3 directory, -1 error (reported). */
export function* statKind(sys: Sys, path: string, follow: boolean): Gen<number> {
  try {
    return (follow ? sys.stat(path) : sys.lstat(path)).type === "dir" ? 3 : 1;
  } catch (e) {
    const er = asErrno(e);
    if (er.code === "ENOENT") return 0;
    yield* warn(sys, `can't stat '${path}': ${er.message}`);
    return -1;
  }
}

export const cp: ProgramDef = {
  name: "cp",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "cp", SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    const order = flagOrder(sys.argv, SPEC);
    const recursive = !!(f.r || f.R || f.a);
    // cp dereferences symlinks unless recursing or told -d/-P; -L always does.
    let deref = !(f.d || f.P || f.a || recursive);
    if (f.L) deref = true;
    const fin = lastFlag(order, "fin");
    const flags: CopyFlags = {
      recursive,
      deref,
      derefTop: !!f.H,
      preserve: !!(f.p || f.a),
      force: !!f.f,
      interactive: fin === "i",
      noClobber: fin === "n",
      update: !!f.u,
      softLink: !!f.s,
      hardLink: !!f.l,
      verbose: !!f.v,
    };
    const operands = [...parsed.operands];
    let target: string;
    if (parsed.args.t) {
      if (operands.length < 1) return yield* usage(sys, "cp");
      target = parsed.args.t[parsed.args.t.length - 1];
      if (gnuTool(sys) && !(yield* checkTargetDirectory(sys, target))) return 1;
    } else {
      if (operands.length < 2) return yield* usage(sys, "cp", missingDestination(sys, operands[0]));
      if (gnuTool(sys)) {
        // GNU copies onto a last operand that is not a directory whatever the source is.
        if (f.T && operands.length > 2) return yield* usage(sys, "cp", extraOperand(sys, operands[2]));
        const kind = f.T ? "file" : yield* lastOperandTarget(sys, operands);
        if (typeof kind === "number") return kind;
        if (kind === "file") return (yield* copyFile(new CopyContext(sys), operands[0], operands[1], flags)) ? 0 : 1;
      }
      target = operands.pop() as string;
      if (operands.length === 1) {
        const s = yield* statKind(sys, operands[0], deref || flags.derefTop === true);
        if (s < 0) return 1;
        const d = yield* statKind(sys, target, true);
        if (d < 0) return 1;
        if (f.T) {
          if (s !== 3 && d === 3) {
            yield* warn(sys, `'${target}' is a directory`);
            return 1;
          }
          const ctx = new CopyContext(sys);
          return (yield* copyFile(ctx, operands[0], target, flags)) ? 0 : 1;
        }
        if (!((s | d) & 2) || (recursive && s & 2 && d === 0)) {
          const ctx = new CopyContext(sys);
          return (yield* copyFile(ctx, operands[0], target, flags)) ? 0 : 1;
        }
      } else if (f.T) {
        yield* warn(sys, "too many arguments");
        return 1;
      }
    }
    const ctx = new CopyContext(sys);
    let status = 0;
    for (const src of operands) {
      const dest = joinPath(target, lastComponentStrip(src));
      if (!(yield* copyFile(ctx, src, dest, flags))) status = 1;
    }
    return status;
  },
};
