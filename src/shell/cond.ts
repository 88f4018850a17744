/**
 * bash's [[ ]]: operands expand without field splitting or globbing; == and != match the right
 * side as a pattern (its quoted parts literally), =~ as a POSIX extended regex whose match lands in
 * BASH_REMATCH; file and number tests are test(1)'s. Status 0 true, 1 false, 2 for a bad regex.
 */
import type { Gen } from "../kernel/api";
import { compilePosix, RegexSyntaxError } from "../programs/lib/posixregex";
import { IndexedArray } from "./arrays";
import type { CondExpr } from "./ast";
import { findBuiltin } from "./builtins/registry";
import { matchPattern } from "./pattern";
import type { Shell } from "./shell";

class BadRegex extends Error {}

function* truth(sh: Shell, e: CondExpr): Gen<boolean> {
  switch (e.kind) {
    case "and":
      return (yield* truth(sh, e.left)) && (yield* truth(sh, e.right));
    case "or":
      return (yield* truth(sh, e.left)) || (yield* truth(sh, e.right));
    case "not":
      return !(yield* truth(sh, e.expr));
    case "word":
      return (yield* sh.expander.string(e.word)) !== "";
    case "unary": {
      const arg = yield* sh.expander.string(e.arg);
      if (e.op === "-z") return arg === "";
      if (e.op === "-n") return arg !== "";
      if (e.op === "-v") return sh.vars.isSet(arg);
      return yield* viaTest(sh, [e.op === "-a" ? "-e" : e.op, arg]);
    }
    case "binary": {
      const left = yield* sh.expander.string(e.left);
      switch (e.op) {
        case "=":
        case "==":
        case "!=": {
          const matched = matchPattern(yield* sh.expander.pattern(e.right), left);
          return e.op === "!=" ? !matched : matched;
        }
        case "=~":
          return yield* regexMatch(sh, left, yield* sh.expander.regex(e.right));
        case "<":
          return left < (yield* sh.expander.string(e.right));
        case ">":
          return left > (yield* sh.expander.string(e.right));
        default:
          return yield* viaTest(sh, [left, e.op, yield* sh.expander.string(e.right)]);
      }
    }
  }
}

/** The right side of =~ as a POSIX extended regex (its quoted parts already escaped). */
function* regexMatch(sh: Shell, subject: string, source: string): Gen<boolean> {
  let re: RegExp;
  try {
    re = compilePosix(source, true);
  } catch (e) {
    if (e instanceof RegexSyntaxError) throw new BadRegex();
    throw e;
  }
  const m = re.exec(subject);
  // BASH_REMATCH: the whole match, then each group ("" for one that took no part); empty on failure.
  const groups = new IndexedArray();
  if (m) for (let i = 0; i < m.length; i++) groups.set(i, m[i] ?? "");
  sh.vars.replaceArray("BASH_REMATCH", groups);
  yield* [];
  return m !== null;
}

function* viaTest(sh: Shell, args: string[]): Gen<boolean> {
  return (yield* findBuiltin(sh, "test")!.run(sh, ["test", ...args], {})) === 0;
}

export function* evalCond(sh: Shell, expr: CondExpr): Gen<number> {
  try {
    return (yield* truth(sh, expr)) ? 0 : 1;
  } catch (e) {
    if (e instanceof BadRegex) return 2;
    throw e;
  }
}
