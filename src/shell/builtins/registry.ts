/** Every builtin by name. */
import { controlBuiltins } from "./control";
import { declareBuiltins } from "./declare";
import { dirBuiltins } from "./dirs";
import { helpBuiltin } from "./help";
import { infoBuiltins } from "./info";
import { jobBuiltins } from "./jobctl";
import { programBuiltins } from "./programs";
import { readBuiltin } from "./read";
import { shoptBuiltin } from "./shopt";
import { testBuiltins } from "./test";
import { trapBuiltin } from "./trap";
import type { Builtin } from "./types";
import { variableBuiltins } from "./variables";

export type { Builtin };

/** The builtin NAME means in this shell's dialect. */
export function findBuiltin(sh: { dialect: string }, name: string): Builtin | undefined {
  const b = BUILTINS.get(name);
  if (b?.bashOnly && sh.dialect !== "bash") return undefined;
  if (b?.notDash && sh.dialect === "dash") return undefined;
  return b?.ashOnly && sh.dialect !== "ash" ? undefined : b;
}

export const BUILTINS = new Map<string, Builtin>();
for (const b of [
  ...controlBuiltins,
  ...variableBuiltins,
  ...declareBuiltins,
  ...dirBuiltins,
  ...jobBuiltins,
  ...infoBuiltins,
  ...programBuiltins,
  ...testBuiltins,
  readBuiltin,
  trapBuiltin,
  shoptBuiltin,
  helpBuiltin,
]) {
  BUILTINS.set(b.name, b);
}
