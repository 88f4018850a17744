/** mknod and mkfifo: busybox 1.35 mknod [-m MODE] NAME TYPE [MAJOR MINOR], mkfifo [-m MODE] NAME... */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { S_IFBLK, S_IFCHR, S_IFIFO } from "../../kernel/api";
import { gnuTool } from "../gnu/flavour";
import { Errno } from "../../kernel/errno";
import { asErrno, warn } from "../lib/io";
import { parseOpts, usage } from "./common";
import { parseMode } from "./modechange";

/** getopt_mk_fifo_nod(): -m MODE is exact (umask cleared); default 0666 less the umask; -1 if invalid. */
function* modeOption(sys: Sys, name: string): Gen<{ mode: number; operands: string[] } | number> {
  const parsed = yield* parseOpts(sys, name, { withArg: "m" });
  if (typeof parsed === "number") return parsed;
  let mode = 0o666;
  const spec = parsed.args.m?.at(-1);
  if (spec !== undefined) {
    if (gnuTool(sys)) {
      // GNU: the umask limits clauses without a who-list, and only permission bits may result.
      const m = parseMode(spec, mode, sys.umask(), "gnu");
      if (m === null || m & ~0o777) {
        yield* warn(sys, m === null ? "invalid mode" : "mode must specify only file permission bits");
        return 1;
      }
      sys.umask(0);
      return { mode: m, operands: parsed.operands };
    }
    const m = parseMode(spec, mode);
    // busybox goes on with mode -1, which the system call then rejects (EINVAL).
    mode = m ?? -1;
    if (m !== null) sys.umask(0);
  }
  return { mode, operands: parsed.operands };
}

export const mkfifo: ProgramDef = {
  name: "mkfifo",
  *main(sys) {
    const r = yield* modeOption(sys, "mkfifo");
    if (typeof r === "number") return r;
    if (r.operands.length === 0) return yield* usage(sys, "mkfifo");
    let status = 0;
    for (const path of r.operands) {
      try {
        if (r.mode === -1) throw new Errno("EINVAL");
        sys.mknod(path, S_IFIFO | r.mode);
      } catch (e) {
        yield* warn(sys, `${path}: ${asErrno(e).message}`);
        status = 1;
      }
    }
    return status;
  },
};

const TYPES: Record<string, number> = { u: S_IFCHR, b: S_IFBLK, c: S_IFCHR, p: S_IFIFO };

export const mknod: ProgramDef = {
  name: "mknod",
  *main(sys) {
    const r = yield* modeOption(sys, "mknod");
    if (typeof r === "number") return r;
    const [path, typeArg, ...rest] = r.operands;
    if (path === undefined || typeArg === undefined) return yield* usage(sys, "mknod");
    const type = TYPES[typeArg[0]];
    if (type === undefined) return yield* usage(sys, "mknod");
    let rdev: [number, number] = [0, 0];
    let extra = rest;
    if (type !== S_IFIFO) {
      if (rest.length < 2) return yield* usage(sys, "mknod");
      const nums = rest.slice(0, 2);
      for (const n of nums) {
        if (!/^\d+$/.test(n)) {
          yield* warn(sys, `invalid number '${n}'`);
          return 1;
        }
      }
      rdev = [Number(nums[0]), Number(nums[1])];
      extra = rest.slice(2);
    }
    if (extra.length > 0) return yield* usage(sys, "mknod");
    try {
      if (r.mode === -1) throw new Errno("EINVAL");
      sys.mknod(path, type | r.mode, rdev);
    } catch (e) {
      yield* warn(sys, `${path}: ${asErrno(e).message}`);
      return 1;
    }
    return 0;
  },
};
