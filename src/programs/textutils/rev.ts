/** rev [FILE]...: reverse each line (characters in a UTF-8 locale, else bytes). */
import type { ProgramDef } from "../../kernel/api";
import { utf8Decode, utf8Encode } from "../../kernel/bytes";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { closeInput, openInput } from "../lib/inputs";
import { asErrno, LineReader, out, warn } from "../lib/io";
import { unicodeLocale } from "../lib/locale";
import { USAGE } from "./usage";

export const rev: ProgramDef = {
  name: "rev",
  *main(sys) {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, {});
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.rev, e.message);
      throw e;
    }
    const unicode = unicodeLocale(sys.env);
    const reverse = (s: string) =>
      unicode ? utf8Encode([...utf8Decode(s)].reverse().join("")) : s.split("").reverse().join("");
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
      try {
        for (;;) {
          const line = yield* reader.next();
          if (line === null) break;
          const nl = line.endsWith("\n");
          yield* out(sys, reverse(nl ? line.slice(0, -1) : line) + (nl ? "\n" : ""));
        }
      } catch (e) {
        asErrno(e);
      }
      closeInput(sys, fd);
    }
    return status;
  },
};
