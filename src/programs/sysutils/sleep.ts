/** sleep N[smhd]... and usleep N: pause on the virtual clock. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { warn } from "../lib/io";
import { USAGE } from "./usage";

const UNIT: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

/** A busybox duration ("1.5", "2m", ".5s"), in seconds, or null if invalid. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * UNIT[m[2]];
}

export const sleep: ProgramDef = {
  name: "sleep",
  *main(sys) {
    const args = sys.argv.slice(1);
    if (args[0] === "--") args.shift();
    if (args.length === 0) return yield* usageError(sys, USAGE.sleep);
    let total = 0;
    for (const a of args) {
      const secs = parseDuration(a);
      if (secs === null) {
        yield* warn(sys, `invalid number '${a}'`);
        return 1;
      }
      total += secs;
    }
    yield* sys.sleep(total * 1000);
    return 0;
  },
};

export const usleep: ProgramDef = {
  name: "usleep",
  *main(sys) {
    const a = sys.argv[1];
    if (a === undefined) return yield* usageError(sys, USAGE.usleep);
    if (!/^\d+$/.test(a)) {
      yield* warn(sys, `invalid number '${a}'`);
      return 1;
    }
    yield* sys.sleep(Number(a) / 1000);
    return 0;
  },
};
