/** bash's array subscripts: which element `name[text]` means, in expansions, assignments and arithmetic. */
import { ArithError, type ArithVars, evalArith } from "./arith";
import type { Vars } from "./vars";

/** A subscript that names no element (negative past the start, or empty). */
export class BadSubscript extends ArithError {
  constructor(readonly name: string) {
    super(`${name}: bad array subscript`);
  }
}

/**
 * The key `text` names in NAME: itself for an associative array, else its arithmetic value, a
 * negative one counting back from the end.
 */
export function elementKey(vars: Vars, name: string, text: string, arith: ArithVars): number | string {
  const arr = vars.array(name);
  if (text === "") throw new BadSubscript(name);
  if (arr?.kind === "assoc") return text;
  let i = Number(evalArith(text, arith));
  if (i < 0) {
    i += arr ? arr.end() : vars.isSet(name) ? 1 : 0;
    if (i < 0) throw new BadSubscript(name);
  }
  return i;
}

const ELEMENT = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/s;

/** Arithmetic variables that also read and assign array elements (`a[i+1]`). */
export function subscriptVars(vars: Vars, plain: ArithVars): ArithVars {
  const self: ArithVars = {
    subscripts: true,
    get(name) {
      const m = ELEMENT.exec(name);
      if (!m) return plain.get(name);
      const key = elementKey(vars, m[1], m[2], self);
      const arr = vars.array(m[1]);
      if (!arr) return key === 0 ? vars.get(m[1]) : undefined;
      return arr.kind === "indexed" ? arr.get(Number(key)) : arr.get(String(key));
    },
    set(name, value) {
      const m = ELEMENT.exec(name);
      if (!m) return plain.set(name, value);
      vars.setElement(m[1], elementKey(vars, m[1], m[2], self), value);
    },
  };
  return self;
}
