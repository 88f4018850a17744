/** printenv [NAME]...: not a busybox 1.35 applet; behaves as GNU coreutils printenv. */
import type { ProgramDef } from "../../kernel/api";
import { out } from "../lib/io";

export const printenv: ProgramDef = {
  name: "printenv",
  *main(sys) {
    const names = sys.argv.slice(1);
    if (names.length === 0) {
      yield* out(
        sys,
        Object.entries(sys.env)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(""),
      );
      return 0;
    }
    let missing = 0;
    let text = "";
    for (const n of names) {
      if (n.includes("=") || !(n in sys.env)) missing++;
      else text += `${sys.env[n]}\n`;
    }
    yield* out(sys, text);
    return missing ? 1 : 0;
  },
};
