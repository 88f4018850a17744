/** basename: busybox 1.35 basename FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE... */
import { extraOperand } from "../gnu/messages";
import type { ProgramDef } from "../../kernel/api";
import { out } from "../lib/io";
import { lastComponentStrip, parseOpts, usage } from "./common";

export const basename: ProgramDef = {
  name: "basename",
  *main(sys) {
    // Options end at the first operand, so "basename -x -y" style names need "--".
    const parsed = yield* parseOpts(sys, "basename", { flags: "a", withArg: "s", permute: false });
    if (typeof parsed === "number") return parsed;
    const args = parsed.operands;
    if (args.length === 0) return yield* usage(sys, "basename");
    const all = !!(parsed.flags.a || parsed.args.s);
    let suffix = parsed.args.s?.at(-1);
    let files = args;
    if (!all) {
      if (args.length > 2) return yield* usage(sys, "basename", extraOperand(sys, args[2]));
      if (args.length === 2) suffix = args[1];
      files = [args[0]];
    }
    let text = "";
    for (const file of files) {
      let s = lastComponentStrip(file);
      if (suffix !== undefined && suffix.length < s.length && s.endsWith(suffix)) s = s.slice(0, s.length - suffix.length);
      text += `${s}\n`;
    }
    yield* out(sys, text);
    return 0;
  },
};
