/** test and [ as builtins: busybox's test.c grammar (shared with the test program), on the shell's files. */
import type { Gen } from "../../kernel/api";
import { evaluateTest } from "../../programs/lib/testexpr";
import type { Shell } from "../shell";
import { type Builtin, builtin } from "./types";

function* runTest(sh: Shell, argv: string[]): Gen<number> {
  const r = evaluateTest(sh.sys, argv[0], argv.slice(1));
  // ash's builtin reports under the shell's own name.
  if (r.error !== undefined) yield* sh.write(2, `${sh.arg0.slice(sh.arg0.lastIndexOf("/") + 1)}: ${r.error}\n`);
  return r.status;
}

export const testBuiltins: Builtin[] = [
  builtin("test", false, runTest),
  builtin("[", false, runTest),
  // busybox ash's [[ is test wanting "]]" last; bash parses [[ ]] as a command of its own.
  { ...builtin("[[", false, runTest), ashOnly: true },
];
