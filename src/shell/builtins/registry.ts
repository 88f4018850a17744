/** Every builtin by name. */
import { controlBuiltins } from "./control";
import { dirBuiltins } from "./dirs";
import { infoBuiltins } from "./info";
import { jobBuiltins } from "./jobctl";
import { programBuiltins } from "./programs";
import { readBuiltin } from "./read";
import { testBuiltins } from "./test";
import { trapBuiltin } from "./trap";
import type { Builtin } from "./types";
import { variableBuiltins } from "./variables";

export type { Builtin };

export const BUILTINS = new Map<string, Builtin>();
for (const b of [
  ...controlBuiltins,
  ...variableBuiltins,
  ...dirBuiltins,
  ...jobBuiltins,
  ...infoBuiltins,
  ...programBuiltins,
  ...testBuiltins,
  readBuiltin,
  trapBuiltin,
]) {
  BUILTINS.set(b.name, b);
}
