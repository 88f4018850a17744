/**
 * watch: busybox 1.35 (procps/watch.c). Clears the screen, prints "Every N.Ns: CMD" with the
 * date at the right edge (width of stderr's terminal), a blank line, runs CMD with /bin/sh -c,
 * sleeps, forever.
 */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { out, warn } from "../lib/io";
import { terminalSize } from "./procscan";

const USAGE = "watch [-n SEC] [-t] PROG ARGS\n\nRun PROG periodically\n\n\t-n SEC\tPeriod (default 2)\n\t-t\tDon't print header";

/** strftime("%Y-%m-%d %H:%M:%S") of a UTC time in microseconds. */
function timestamp(usec: number): string {
  const d = new Date(Math.floor(usec / 1000));
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export const watch: ProgramDef = {
  name: "watch",
  *main(sys) {
    let parsed: ReturnType<typeof getopt>;
    try {
      parsed = getopt(sys.argv, { flags: "dt", withArg: "n", permute: false });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE, e.message);
      throw e;
    }
    if (parsed.operands.length === 0) return yield* usageError(sys, USAGE);
    const periodText = parsed.args.n?.at(-1) ?? "2";
    if (!/^(\d+\.?\d*|\.\d+)$/.test(periodText)) {
      yield* warn(sys, `invalid number '${periodText}'`);
      return 1;
    }
    const period = Number(periodText);
    // procps compatibility: the words are joined into one shell command.
    const cmd = parsed.operands.join(" ");
    const TIME_LEN = 20;
    for (;;) {
      let screen = "\x1b[H\x1b[J";
      if (!parsed.flags.t) {
        const width = terminalSize(sys, 2).cols;
        let header = `Every ${period.toFixed(1)}s: ${cmd.padEnd(width)}`;
        if (TIME_LEN < width) header = header.slice(0, width - TIME_LEN) + timestamp(sys.now());
        screen += `${header.slice(0, width)}\n\n`;
      }
      yield* out(sys, screen);
      try {
        const pid = sys.spawn("/bin/sh", ["sh", "-c", cmd]);
        yield* sys.wait(pid);
      } catch (e) {
        if (!(e instanceof Error) || !("code" in e)) throw e;
        // system() failing to start a shell shows nothing on the screen
      }
      yield* sys.sleep(period * 1000);
    }
  },
};
