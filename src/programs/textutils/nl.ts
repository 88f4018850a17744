/** nl [-b STYLE] [-i N] [-s STR] [-v N] [-w N] [FILE]...: number lines, busybox style. */
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { closeInput, openInput } from "../lib/inputs";
import { asErrno, LineReader, out, warn } from "../lib/io";
import { optionValuesInOrder } from "../lib/optorder";
import { USAGE } from "./usage";

export const nl: ProgramDef = {
  name: "nl",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { withArg: "bisvw" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.nl, e.message);
      throw e;
    }
    // "a": all lines, "t": non-empty ones, anything else: none.
    const style = (opts.args.b?.at(-1) ?? "t")[0];
    const numbers: Record<string, number> = { i: 1, v: 1, w: 6 };
    // Numbers are checked as getopt meets them, so the first bad one on the line is reported.
    for (const { opt: k, value: t } of optionValuesInOrder(sys.argv, "", "bisvw")) {
      if (k === "b" || k === "s") continue;
      if (!/^\d+$/.test(t)) {
        yield* warn(sys, `invalid number '${t}'`);
        return 1;
      }
      numbers[k] = Number(t);
    }
    const sep = opts.args.s?.at(-1) ?? "\t";
    const blank = " ".repeat(Math.max(0, numbers.w) + sep.length);
    let n = numbers.v;
    let status = 0;
    for (const name of opts.operands.length ? opts.operands : ["-"]) {
      let fd: number;
      try {
        fd = openInput(sys, name);
      } catch (e) {
        yield* warn(sys, `${name}: ${asErrno(e).message}`);
        status = 1;
        continue;
      }
      const reader = new LineReader(sys, fd);
      let text = "";
      try {
        for (;;) {
          const line = yield* reader.next();
          if (line === null) break;
          // Lines are read like getline: a last line without "\n" gets one.
          const body = line.endsWith("\n") ? line : `${line}\n`;
          const numbered = style === "a" || (style === "t" && body !== "\n");
          if (numbered) {
            text += `${String(n).padStart(numbers.w)}${sep}${body}`;
            n += numbers.i;
          } else text += blank + body;
          if (text.length >= 4096) {
            yield* out(sys, text);
            text = "";
          }
        }
      } catch (e) {
        // A read error ends the file quietly, as getline does.
        asErrno(e);
      }
      yield* out(sys, text);
      closeInput(sys, fd);
    }
    return status;
  },
};
