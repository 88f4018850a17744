/** clear, reset and tty: the terminal escape sequences and name busybox prints. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { asErrno, out, warn } from "../lib/io";
import { USAGE } from "./usage";

export const clear: ProgramDef = {
  name: "clear",
  *main(sys) {
    // Home the cursor, erase the screen (busybox does not consult terminfo).
    yield* out(sys, "\x1b[H\x1b[J");
    return 0;
  },
};

export const reset: ProgramDef = {
  name: "reset",
  *main(sys) {
    if (sys.isatty(0) && sys.isatty(1)) {
      // Reset; G0 = US ASCII; attributes off; erase below; cursor visible. Then "stty sane".
      yield* out(sys, "\x1bc\x1b(B\x1b[m\x1b[J\x1b[?25h");
      try {
        sys.tcsetattr(0, { icanon: true, echo: true, isig: true, onlcr: true, icrnl: true });
      } catch (e) {
        asErrno(e);
      }
    }
    return 0;
  },
};

export const tty: ProgramDef = {
  name: "tty",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "s" });
    } catch (e) {
      if (e instanceof OptError) {
        yield* usageError(sys, USAGE.tty, e.message);
        return 2;
      }
      throw e;
    }
    if (opts.operands.length) yield* warn(sys, "ignoring all arguments");
    let name: string | null = null;
    try {
      if (sys.isatty(0)) name = sys.ttyname(0);
    } catch (e) {
      asErrno(e);
    }
    if (!opts.flags.s) yield* out(sys, `${name ?? "not a tty"}\n`);
    return name === null ? 1 : 0;
  },
};
