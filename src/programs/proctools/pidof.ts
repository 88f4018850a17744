/** pidof: busybox 1.35 as Debian builds it (no -s, no -o); pids newest first, like GNU pidof. */
import type { ProgramDef } from "../../kernel/api";
import { getopt, OptError } from "../lib/getopt";
import { usageError } from "../lib/busybox";
import { out } from "../lib/io";
import { findPidsByName } from "./procscan";

const USAGE = "pidof [NAME]...\n\nList PIDs of all processes with names that match NAMEs";

export const pidof: ProgramDef = {
  name: "pidof",
  *main(sys) {
    let operands: string[];
    try {
      operands = getopt(sys.argv, {}).operands;
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE, e.message);
      throw e;
    }
    const found: number[] = [];
    for (const name of operands) found.push(...findPidsByName(sys, name).reverse());
    if (found.length === 0) return 1;
    yield* out(sys, `${found.join(" ")}\n`);
    return 0;
  },
};
