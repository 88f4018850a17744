/** echo [-neE] [ARG]...: busybox's "fancy" echo. */
import type { ProgramDef } from "../../kernel/api";
import { expandEscapes } from "../lib/escapes";
import { out } from "../lib/io";

export const echo: ProgramDef = {
  name: "echo",
  *main(sys) {
    const argv = sys.argv;
    let newline = true;
    let escapes = false;
    let i = 1;
    // Options count only while every letter of the word is one of n, e, E; else it is text.
    for (; i < argv.length; i++) {
      const a = argv[i];
      if (a.length < 2 || a[0] !== "-" || !/^[neE]+$/.test(a.slice(1))) break;
      for (const c of a.slice(1)) {
        // As in busybox 1.35, -E is accepted but does not undo an earlier -e.
        if (c === "n") newline = false;
        else if (c === "e") escapes = true;
      }
    }
    let text = "";
    for (let j = i; j < argv.length; j++) {
      if (escapes) {
        const r = expandEscapes(argv[j]);
        text += r.text;
        if (r.stop) {
          yield* out(sys, text);
          return 0;
        }
      } else text += argv[j];
      if (j + 1 < argv.length) text += " ";
    }
    if (newline) text += "\n";
    yield* out(sys, text);
    return 0;
  },
};
