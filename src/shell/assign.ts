/**
 * bash's assignment words: `name=value`, `name+=value`, `name[sub]=value` and `name=(...)` with
 * its `[key]=value` elements. Errors are bash's, with the line: "a[-4]: bad array subscript",
 * "ro: readonly variable".
 */
import type { Gen } from "../kernel/api";
import { ArithError, evalArith } from "./arith";
import { AssocArray, IndexedArray, type ShellArray } from "./arrays";
import type { Assign } from "./ast";
import type { Shell } from "./shell";
import { BadSubscript, elementKey } from "./subscript";
import { ReadonlyError } from "./vars";
import { maybeSingleQuote } from "./xtrace";

/** Performs one assignment; returns how `set -x` shows it. */
export function* performAssign(sh: Shell, a: Assign, kind?: "indexed" | "assoc"): Gen<string> {
  try {
    if (a.elements) return yield* assignCompound(sh, a, kind);
    const value = yield* sh.expander.string(a.value, { assignment: true });
    if (a.subscript) {
      const text = yield* sh.expander.string(a.subscript, { tilde: false });
      if (kind && !sh.vars.array(a.name)) sh.vars.makeArray(a.name, kind);
      let key: number | string;
      try {
        key = elementKey(sh.vars, a.name, text, sh.expander.arithVars());
      } catch (e) {
        if (e instanceof BadSubscript) return yield* failed(sh, `${a.name}[${text}]: bad array subscript`);
        throw e;
      }
      const arr = sh.vars.array(a.name);
      const old = arr
        ? arr.kind === "indexed"
          ? arr.get(Number(key))
          : arr.get(String(key))
        : sh.vars.get(a.name);
      sh.vars.setElement(a.name, key, a.append ? (old ?? "") + value : value);
      return `${a.name}[${text}]=${maybeSingleQuote(value)}`;
    }
    if (sh.vars.entry(a.name)?.integer) {
      // declare -i: the value is an expression; += adds.
      const n = evalArith(value, sh.expander.arithVars());
      const sum = a.append ? evalArith(sh.vars.get(a.name) || "0", sh.expander.arithVars()) + n : n;
      sh.vars.set(a.name, BigInt.asIntN(64, sum).toString());
      return `${a.name}=${sum}`;
    }
    sh.vars.set(a.name, a.append ? (sh.vars.get(a.name) ?? "") + value : value, {
      export: sh.options.has("a"),
    });
    return `${a.name}${a.append ? "+" : ""}=${maybeSingleQuote(value)}`;
  } catch (e) {
    if (e instanceof ReadonlyError) return yield* failed(sh, `${e.name}: readonly variable`);
    if (e instanceof ArithError) return yield* failed(sh, e.message);
    throw e;
  }
}

function* failed(sh: Shell, msg: string): Gen<never> {
  yield* sh.lineError(msg, 1);
  throw new Error("unreachable");
}

/** name=(...) and name+=(...), shown by `set -x` as written: the words expand first (split and globbed unless keyed), then replace the array. */
function* assignCompound(sh: Shell, a: Assign, kind?: "indexed" | "assoc"): Gen<string> {
  const existing = sh.vars.array(a.name);
  if (sh.vars.entry(a.name)?.readonly) throw new ReadonlyError(a.name);
  const assoc = (kind ?? existing?.kind) === "assoc";
  let arr: ShellArray;
  if (a.append && existing) arr = existing.clone();
  else {
    arr = assoc ? new AssocArray() : new IndexedArray();
    const scalar = a.append ? sh.vars.get(a.name) : undefined;
    if (scalar !== undefined) setIn(arr, 0, scalar);
  }
  let next = arr.kind === "indexed" ? arr.end() : 0;
  let pendingKey: string | undefined;
  for (const el of a.elements ?? []) {
    if (el.key) {
      const text = yield* sh.expander.string(el.key, { tilde: false });
      const value = yield* sh.expander.string(el.value, { assignment: true });
      if (arr.kind === "assoc") {
        if (text === "") return yield* failed(sh, `${a.name}[]: bad array subscript`);
        arr.set(text, value);
        continue;
      }
      let i = Number(evalArith(text, sh.expander.arithVars()));
      if (i < 0) i += arr.end();
      if (i < 0) return yield* failed(sh, `${a.name}[${text}]: bad array subscript`);
      arr.set(i, value);
      next = i + 1;
      continue;
    }
    for (const value of yield* sh.expander.fields([el.value])) {
      // bash 5.2: the plain words of an associative array's list are key, value, key, value...
      if (arr.kind === "indexed") arr.set(next++, value);
      else if (pendingKey === undefined) pendingKey = value;
      else {
        arr.set(pendingKey, value);
        pendingKey = undefined;
      }
    }
  }
  if (pendingKey !== undefined && arr.kind === "assoc") arr.set(pendingKey, "");
  sh.vars.replaceArray(a.name, arr);
  return `${a.name}${a.append ? "+" : ""}=(${(a.elements ?? []).map((el) => el.text).join(" ")})`;
}

function setIn(arr: ShellArray, key: number, value: string): void {
  if (arr.kind === "indexed") arr.set(key, value);
  else arr.set(String(key), value);
}
