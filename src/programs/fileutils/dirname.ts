/** dirname: busybox 1.35 dirname FILENAME (glibc dirname(3) rules, "//" kept). */
import type { ProgramDef } from "../../kernel/api";
import { out } from "../lib/io";
import { parseOpts, usage } from "./common";

/** glibc dirname(): trailing slashes ignored, a leading "//" (exactly two) preserved. */
export function glibcDirname(path: string): string {
  let last = path.lastIndexOf("/");
  if (last > 0 && last === path.length - 1) {
    let runp = last;
    while (runp > 0 && path[runp - 1] === "/") runp--;
    if (runp > 0) last = path.lastIndexOf("/", runp - 1);
  }
  if (last < 0) return ".";
  let runp = last;
  while (runp > 0 && path[runp - 1] === "/") runp--;
  if (runp === 0) return last === 1 ? "//" : "/";
  return path.slice(0, runp);
}

export const dirname: ProgramDef = {
  name: "dirname",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "dirname", {});
    if (typeof parsed === "number") return parsed;
    if (parsed.operands.length !== 1) return yield* usage(sys, "dirname");
    yield* out(sys, `${glibcDirname(parsed.operands[0])}\n`);
    return 0;
  },
};
