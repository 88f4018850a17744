/** wc [-cmlwL] [FILE]...: busybox wc, with its column layout and its notion of words and line width. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { gnuTool } from "../gnu/flavour";
import { gnuWcWidth } from "../gnu/wc-width";
import { getopt, OptError } from "../lib/getopt";
import { closeInput, openInput } from "../lib/inputs";
import { asErrno, out, warn } from "../lib/io";
import { unicodeLocale } from "../lib/locale";
import { USAGE } from "./usage";

/** Counts in output order: lines, words, chars, bytes, longest line. */
type Counts = [number, number, number, number, number];

class Counter {
  counts: Counts = [0, 0, 0, 0, 0];
  private inWord = false;
  private linePos = 0;

  /** With a UTF-8 locale -m counts characters, else bytes. */
  constructor(private readonly unicode: boolean) {}

  add(data: string): void {
    const c = this.counts;
    c[3] += data.length;
    for (let i = 0; i < data.length; i++) {
      const b = data.charCodeAt(i);
      if (!this.unicode || (b & 0xc0) !== 0x80) c[2]++;
      // Only printable ASCII starts a word; other non-space bytes neither start nor end one.
      if (b === 32 || (b >= 9 && b <= 13)) this.inWord = false;
      else if (b > 32 && b < 127 && !this.inWord) {
        this.inWord = true;
        c[1]++;
      }
      if (b === 10 || b === 13 || b === 12) {
        if (b === 10) c[0]++;
        this.linePos = 0;
      } else if (b === 9) this.linePos = (this.linePos | 7) + 1;
      else if (b >= 32 && b < 127) this.linePos++;
      else continue;
      if (this.linePos > c[4]) c[4] = this.linePos;
    }
  }
}

export const wc: ProgramDef = {
  name: "wc",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "cmlwL" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.wc, e.message);
      throw e;
    }
    let show = [!!opts.flags.l, !!opts.flags.w, !!opts.flags.m, !!opts.flags.c, !!opts.flags.L];
    if (!show.some(Boolean)) show = [true, true, false, true, false];
    const files = opts.operands;
    const names = files.length ? files : ["-"];
    const columns = show.filter(Boolean).length;
    const padded = columns > 1 || files.length > 1;
    const width = gnuTool(sys) ? gnuWcWidth(sys, files, columns) : padded ? 9 : 0;
    const line = (counts: Counts, name: string) => {
      const cols = counts.filter((_, i) => show[i]).map((n) => String(n).padStart(width));
      return `${cols.join(" ")}${name ? ` ${name}` : ""}\n`;
    };
    const total: Counts = [0, 0, 0, 0, 0];
    let status = 0;
    for (const name of names) {
      let fd: number;
      try {
        fd = openInput(sys, name);
      } catch (e) {
        yield* warn(sys, `${name}: ${asErrno(e).message}`);
        status = 1;
        continue;
      }
      const counter = new Counter(unicodeLocale(sys.env));
      try {
        for (;;) {
          const chunk = yield* sys.read(fd);
          if (chunk === "") break;
          counter.add(chunk);
        }
      } catch (e) {
        yield* warn(sys, `${name}: ${asErrno(e).message}`);
        status = 1;
      }
      closeInput(sys, fd);
      for (let i = 0; i < 5; i++)
        total[i] = i === 4 ? Math.max(total[i], counter.counts[i]) : total[i] + counter.counts[i];
      yield* out(sys, line(counter.counts, files.length ? name : ""));
    }
    if (files.length > 1) yield* out(sys, line(total, "total"));
    return status;
  },
};
