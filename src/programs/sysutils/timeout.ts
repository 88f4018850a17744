/**
 * timeout [-s SIG] [-k SECS] SECS PROG ARGS: as busybox does it, a forked watcher signals the original
 * process, which has meanwhile become PROG (so the caller sees PROG's own status, or death by SIG).
 */
import type { ProgramDef, Signal } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { execFailureStatus, execOnPath } from "../lib/runcommand";
import { parseSignal as parseKernelSignal } from "../../kernel/proc/signals";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, warn } from "../lib/io";
import { parseDuration } from "./sleep";
import { USAGE } from "./usage";

/** busybox's get_signum: a number or a name, with or without "SIG". */
export function parseSignal(text: string): Signal | null {
  return parseKernelSignal(text) ?? null;
}

export const timeout: ProgramDef = {
  name: "timeout",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { withArg: "sk", permute: false });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.timeout, e.message);
      throw e;
    }
    const [secsText, ...command] = opts.operands;
    if (secsText === undefined || command.length === 0) return yield* usageError(sys, USAGE.timeout);
    let sig: Signal = "TERM";
    if (opts.args.s) {
      const s = parseSignal(opts.args.s.at(-1)!);
      if (!s) {
        yield* warn(sys, `unknown signal '${opts.args.s.at(-1)}'`);
        return 1;
      }
      sig = s;
    }
    const secs = parseDuration(secsText);
    const killText = opts.args.k?.at(-1);
    const killSecs = killText === undefined ? 0 : parseDuration(killText);
    if (secs === null || killSecs === null) {
      yield* warn(sys, `invalid number '${secs === null ? secsText : killText}'`);
      return 1;
    }
    const target = sys.getpid();
    sys.fork(
      function* (w) {
        // Poll once a second, like busybox, so the watcher goes away soon after PROG ends.
        let left = secs * 1000;
        while (left > 0) {
          const step = Math.min(1000, left);
          yield* w.sleep(step);
          left -= step;
          if (w.getppid() !== target) return 0;
        }
        try {
          w.kill(target, sig);
          if (killSecs > 0) {
            yield* w.sleep(killSecs * 1000);
            w.kill(target, "KILL");
          }
        } catch (e) {
          asErrno(e);
        }
        return 0;
      },
      { comm: "timeout" },
    );
    try {
      return execOnPath(sys, command[0], command);
    } catch (e) {
      const err = asErrno(e);
      yield* warn(sys, `can't execute '${command[0]}': ${err.message}`);
      return execFailureStatus(err);
    }
  },
};
