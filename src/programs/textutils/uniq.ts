/** uniq [-cduiz] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]: busybox uniq. */
import { extraOperand } from "../gnu/messages";
import type { ProgramDef } from "../../kernel/api";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { closeInput, openInput, readToEnd } from "../lib/inputs";
import { asErrno, warn } from "../lib/io";
import { optionValuesInOrder } from "../lib/optorder";
import { USAGE } from "./usage";

const isBlank = (c: string | undefined) => c === " " || c === "\t";

export const uniq: ProgramDef = {
  name: "uniq",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "cduiz", withArg: "fsw" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.uniq, e.message);
      throw e;
    }
    const n: Record<string, number> = { f: 0, s: 0, w: Infinity };
    for (const { opt, value } of optionValuesInOrder(sys.argv, "cduiz", "fsw")) {
      if (!/^\d+$/.test(value)) {
        yield* warn(sys, `invalid number '${value}'`);
        return 1;
      }
      n[opt] = Number(value);
    }
    if (opts.operands.length > 2) return yield* usageError(sys, USAGE.uniq, extraOperand(sys, opts.operands[2]));
    const [input = "-", output] = opts.operands;
    let data: string;
    let fd: number;
    try {
      fd = openInput(sys, input);
    } catch (e) {
      yield* warn(sys, `can't open '${input}': ${asErrno(e).message}`);
      return 1;
    }
    try {
      data = yield* readToEnd(sys, fd);
    } catch (e) {
      // busybox notices the failed read only through ferror() at the end.
      asErrno(e);
      yield* warn(sys, `${input}: I/O error`);
      return 1;
    }
    closeInput(sys, fd);
    let outFd = 1;
    if (output !== undefined && output !== "-") {
      try {
        outFd = sys.open(output, { write: true, create: true, trunc: true });
      } catch (e) {
        yield* warn(sys, `can't open '${output}': ${asErrno(e).message}`);
        return 1;
      }
    }
    const term = opts.flags.z ? "\0" : "\n";
    const lines = data.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    const keyOf = (line: string): string => {
      let i = 0;
      for (let f = 0; f < n.f; f++) {
        while (isBlank(line[i])) i++;
        while (i < line.length && !isBlank(line[i])) i++;
      }
      i = Math.min(line.length, i + n.s);
      let key = line.slice(i, n.w === Infinity ? undefined : i + n.w);
      if (opts.flags.i) key = key.toLowerCase();
      return key;
    };
    let text = "";
    const emit = (line: string, count: number) => {
      if (opts.flags.d && count < 2) return;
      if (opts.flags.u && count > 1) return;
      text += `${opts.flags.c ? `${String(count).padStart(7)} ` : ""}${line}${term}`;
    };
    let i = 0;
    while (i < lines.length) {
      const key = keyOf(lines[i]);
      let j = i + 1;
      while (j < lines.length && keyOf(lines[j]) === key) j++;
      emit(lines[i], j - i);
      i = j;
    }
    if (text) yield* sys.write(outFd, text);
    if (outFd !== 1) sys.close(outFd);
    return 0;
  },
};
