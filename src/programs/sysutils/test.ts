/** test EXPR, [ EXPR ] and [[ EXPR ]]: busybox's test applets (the grammar is in lib/testexpr). */
import type { ProgramDef } from "../../kernel/api";
import { progName, warn } from "../lib/io";
import { evaluateTest } from "../lib/testexpr";

function makeTest(name: string): ProgramDef {
  return {
    name,
    *main(sys) {
      const r = evaluateTest(sys, progName(sys), sys.argv.slice(1));
      if (r.error !== undefined) yield* warn(sys, r.error);
      return r.status;
    },
  };
}

export const test: ProgramDef = makeTest("test");
export const bracket: ProgramDef = makeTest("[");
export const doubleBracket: ProgramDef = makeTest("[[");
