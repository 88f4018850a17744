/** which: busybox 1.35 which [-a] COMMAND... */
import type { ProgramDef, Sys } from "../../kernel/api";
import { out } from "../lib/io";
import { joinPath, parseOpts, usage } from "./common";
import { isExecutableFile } from "./pathsearch";

/** What busybox falls back to when PATH is unset. */
const ROOT_PATH = "/sbin:/usr/sbin:/bin:/usr/bin";

/** find_executable(): each PATH entry in turn, an empty entry meaning ".". */
function* candidates(sys: Sys, name: string, path: string): Generator<string> {
  for (const dir of path.split(":")) {
    const p = joinPath(dir === "" ? "." : dir, name);
    if (isExecutableFile(sys, p)) yield p;
  }
}

export const which: ProgramDef = {
  name: "which",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "which", { flags: "a" });
    if (typeof parsed === "number") return parsed;
    if (parsed.operands.length === 0) return yield* usage(sys, "which");
    const all = !!parsed.flags.a;
    const path = sys.env.PATH ?? ROOT_PATH;
    let status = 0;
    let text = "";
    for (const name of parsed.operands) {
      let missing = true;
      if (name.includes("/")) {
        if (isExecutableFile(sys, name)) {
          missing = false;
          text += `${name}\n`;
        }
      } else {
        for (const p of candidates(sys, name, path)) {
          missing = false;
          text += `${p}\n`;
          if (!all) break;
        }
      }
      if (missing) status = 1;
    }
    yield* out(sys, text);
    return status;
  },
};
