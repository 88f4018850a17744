/** GNU dirname (coreutils 9.1): any number of names, -z; gnulib dir_name rules ("//" is "/"). */
import type { ProgramDef } from "../../../kernel/api";
import { out } from "../../lib/io";
import { gnuOptions, usageFailure } from "./options";

/** gnulib mdir_name: the name without its last component and trailing slashes; "." when none. */
export function gnuDirname(name: string): string {
  let end = name.length;
  while (end > 1 && name[end - 1] === "/") end--;
  while (end > 0 && name[end - 1] !== "/") end--;
  while (end > 1 && name[end - 1] === "/") end--;
  if (end === 0) return name.startsWith("/") ? "/" : ".";
  return name.slice(0, end);
}

export const gnuDirnameProgram: ProgramDef = {
  name: "dirname",
  *main(sys) {
    const parsed = yield* gnuOptions(sys, { flags: "z", long: { zero: { short: "z" } } });
    if (typeof parsed === "number") return parsed;
    if (parsed.operands.length === 0) return yield* usageFailure(sys);
    const end = parsed.flags.z ? "\0" : "\n";
    yield* out(sys, parsed.operands.map((name) => gnuDirname(name) + end).join(""));
    return 0;
  },
};
