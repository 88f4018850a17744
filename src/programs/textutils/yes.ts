/** yes [STRING]...: print the words (or "y") forever, yielding the CPU between writes. */
import type { ProgramDef } from "../../kernel/api";
import { asErrno } from "../lib/io";

/** Bytes written per write(2), and the CPU time one such round costs. */
const CHUNK = 8192;
const CPU_PER_CHUNK_USEC = 50;

export const yes: ProgramDef = {
  name: "yes",
  *main(sys) {
    const line = `${sys.argv.length > 1 ? sys.argv.slice(1).join(" ") : "y"}\n`;
    const chunk = line.repeat(Math.max(1, Math.floor(CHUNK / line.length)));
    for (;;) {
      try {
        // A closed pipe ends us by SIGPIPE (or EPIPE when that is ignored).
        yield* sys.write(1, chunk);
      } catch (e) {
        asErrno(e);
        return 1;
      }
      yield* sys.cpu(CPU_PER_CHUNK_USEC);
    }
  },
};
