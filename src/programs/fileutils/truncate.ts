/** truncate: busybox 1.35 truncate [-c] -s SIZE FILE... */
import type { ProgramDef } from "../../kernel/api";
import { asErrno, warn } from "../lib/io";
import { parseOpts, usage } from "./common";

/** kmg_i_suffixes: K/M/G in powers of 1024 (also KiB...), kB/MB/GB in powers of 1000. */
const SUFFIXES: Record<string, number> = {
  "": 1,
  k: 1024,
  K: 1024,
  KiB: 1024,
  kiB: 1024,
  m: 1024 ** 2,
  M: 1024 ** 2,
  MiB: 1024 ** 2,
  g: 1024 ** 3,
  G: 1024 ** 3,
  GiB: 1024 ** 3,
  KB: 1000,
  kB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
};

export const truncate: ProgramDef = {
  name: "truncate",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "truncate", { flags: "c", withArg: "s" });
    if (typeof parsed === "number") return parsed;
    if (!parsed.args.s || parsed.operands.length === 0) return yield* usage(sys, "truncate");
    const sizeStr = parsed.args.s[parsed.args.s.length - 1];
    const m = sizeStr.match(/^(\d+)([A-Za-z]*)$/);
    if (!m || !(m[2] in SUFFIXES)) {
      yield* warn(sys, `invalid number '${sizeStr}'`);
      return 1;
    }
    const size = Number(m[1]) * SUFFIXES[m[2]];
    const noCreate = !!parsed.flags.c;
    let status = 0;
    for (const path of parsed.operands) {
      let fd: number;
      try {
        fd = sys.open(path, { write: true, nonblock: true, create: !noCreate }, 0o666);
      } catch (e) {
        const er = asErrno(e);
        if (er.code !== "ENOENT" || !noCreate) {
          yield* warn(sys, `${path}: open: ${er.message}`);
          status = 1;
        }
        continue;
      }
      try {
        sys.truncate(path, size);
      } catch (e) {
        yield* warn(sys, `${path}: truncate: ${asErrno(e).message}`);
        status = 1;
      }
      sys.close(fd);
    }
    return status;
  },
};
