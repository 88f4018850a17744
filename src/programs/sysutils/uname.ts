/** uname [-amnrspvio]: fields in busybox's order; -a leaves out -p and -i (both "unknown"). */
import { extraOperand } from "../gnu/messages";
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { out } from "../lib/io";
import { USAGE } from "./usage";

export const uname: ProgramDef = {
  name: "uname",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "amnrspvio" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.uname, e.message);
      throw e;
    }
    if (opts.operands.length) return yield* usageError(sys, USAGE.uname, extraOperand(sys, opts.operands[0]));
    const f = opts.flags;
    const u = sys.uname();
    const all = !!f.a;
    const fields: string[] = [];
    if (all || f.s) fields.push(u.sysname);
    if (all || f.n) fields.push(u.nodename);
    if (all || f.r) fields.push(u.release);
    if (all || f.v) fields.push(u.version);
    if (all || f.m) fields.push(u.machine);
    if (!all && f.p) fields.push("unknown");
    if (!all && f.i) fields.push("unknown");
    if (all || f.o) fields.push("GNU/Linux");
    if (fields.length === 0) fields.push(u.sysname);
    yield* out(sys, `${fields.join(" ")}\n`);
    return 0;
  },
};
