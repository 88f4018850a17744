/** pwd: busybox 1.35 pwd [-LP] (physical by default; -L trusts $PWD when it names the cwd). */
import type { ProgramDef, Sys } from "../../kernel/api";
import { asErrno, out, warn } from "../lib/io";
import { parseOpts } from "./common";

/** $PWD, if it is absolute, free of "." and ".." and the same directory as ".". */
function logicalCwd(sys: Sys): string | null {
  const pwd = sys.env.PWD;
  if (!pwd?.startsWith("/")) return null;
  if (pwd.split("/").some((c) => c === "." || c === "..")) return null;
  try {
    const a = sys.stat(pwd);
    const b = sys.stat(".");
    return a.dev === b.dev && a.ino === b.ino ? pwd : null;
  } catch (e) {
    asErrno(e);
    return null;
  }
}

export const pwd: ProgramDef = {
  name: "pwd",
  *main(sys) {
    const parsed = yield* parseOpts(sys, "pwd", { flags: "LP" });
    if (typeof parsed === "number") return parsed;
    if (parsed.flags.L) {
      const logical = logicalCwd(sys);
      if (logical !== null) {
        yield* out(sys, `${logical}\n`);
        return 0;
      }
    }
    try {
      yield* out(sys, `${sys.getcwd()}\n`);
      return 0;
    } catch (e) {
      yield* warn(sys, `getcwd: ${asErrno(e).message}`);
      return 1;
    }
  },
};
