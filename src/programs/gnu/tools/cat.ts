/**
 * GNU cat (coreutils 9.1): -A -b -e -E -n -s -t -T -u -v. Numbering, squeezing and the "at the start
 * of a line" state carry over from one file to the next, as cat.c keeps them (a file without a final
 * newline runs into the next one's first line).
 */
import type { ProgramDef } from "../../../kernel/api";
import { asErrno, out, warn } from "../../lib/io";
import { quoteIfNeeded } from "../quote";
import { gnuOptions } from "./options";

const SPEC = {
  flags: "AbeEnstTuv",
  long: {
    "show-all": { short: "A" },
    "number-nonblank": { short: "b" },
    "show-ends": { short: "E" },
    number: { short: "n" },
    "squeeze-blank": { short: "s" },
    "show-tabs": { short: "T" },
    "show-nonprinting": { short: "v" },
  },
};

interface Format {
  number: boolean;
  numberNonblank: boolean;
  squeeze: boolean;
  showEnds: boolean;
  showTabs: boolean;
  showNonprinting: boolean;
}

/** cat.c's state between files: the line counter and `newlines` (-1 in mid-line, else empty lines seen). */
class LineState {
  line = 0;
  newlines = 0;
}

export const gnuCat: ProgramDef = {
  name: "cat",
  *main(sys) {
    const parsed = yield* gnuOptions(sys, SPEC);
    if (typeof parsed === "number") return parsed;
    const f = parsed.flags;
    const fmt: Format = {
      number: !!(f.n || f.b),
      numberNonblank: !!f.b,
      squeeze: !!f.s,
      showEnds: !!(f.E || f.e || f.A),
      showTabs: !!(f.T || f.t || f.A),
      showNonprinting: !!(f.v || f.e || f.t || f.A),
    };
    const plain = !(fmt.number || fmt.squeeze || fmt.showEnds || fmt.showTabs || fmt.showNonprinting);
    const state = new LineState();
    let status = 0;
    for (const file of parsed.operands.length > 0 ? parsed.operands : ["-"]) {
      let fd = 0;
      if (file !== "-") {
        try {
          fd = sys.open(file, { read: true });
        } catch (e) {
          const er = asErrno(e);
          // Linux opens a directory for reading; the read then fails.
          yield* warn(sys, `${quoteIfNeeded(file)}: ${er.message}`);
          status = 1;
          continue;
        }
      }
      try {
        for (;;) {
          const chunk = yield* sys.read(fd, 65536);
          if (chunk === "") break;
          yield* out(sys, plain ? chunk : formatChunk(chunk, fmt, state));
        }
      } catch (e) {
        yield* warn(sys, `${quoteIfNeeded(file)}: ${asErrno(e).message}`);
        status = 1;
      }
      if (fd !== 0) sys.close(fd);
    }
    return status;
  },
};

function lineNumber(state: LineState): string {
  state.line++;
  return `${String(state.line).padStart(6)}\t`;
}

/** cat.c's cat() over one buffer. */
function formatChunk(chunk: string, fmt: Format, state: LineState): string {
  let text = "";
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c === 10) {
      if (++state.newlines > 0) {
        if (state.newlines >= 2) {
          state.newlines = 2;
          if (fmt.squeeze) continue;
        }
        if (fmt.number && !fmt.numberNonblank) text += lineNumber(state);
      }
      text += fmt.showEnds ? "$\n" : "\n";
      continue;
    }
    if (state.newlines >= 0) {
      if (fmt.number) text += lineNumber(state);
      state.newlines = -1;
    }
    text += visible(c, fmt);
  }
  return text;
}

function visible(c: number, fmt: Format): string {
  if (c === 9) return fmt.showTabs ? "^I" : "\t";
  if (!fmt.showNonprinting) return String.fromCharCode(c);
  if (c >= 32) {
    if (c < 127) return String.fromCharCode(c);
    if (c === 127) return "^?";
    if (c >= 128 + 32) return c < 128 + 127 ? `M-${String.fromCharCode(c - 128)}` : "M-^?";
    return `M-^${String.fromCharCode(c - 128 + 64)}`;
  }
  return `^${String.fromCharCode(c + 64)}`;
}
