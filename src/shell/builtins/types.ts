import type { Gen } from "../../kernel/api";
import type { EvalFlags, Shell } from "../shell";

export interface Builtin {
  name: string;
  /** POSIX special builtin: errors end a non-interactive shell, assignments before it persist. */
  special: boolean;
  run(sh: Shell, argv: string[], flags: EvalFlags): Gen<number>;
  /** Only bash has it (ash and dash say "not found"). */
  bashOnly?: boolean;
  /** Only busybox ash has it (bash parses the word itself, dash has no such command). */
  ashOnly?: boolean;
  /** bash and busybox ash have it, dash does not. */
  notDash?: boolean;
}

export function builtin(name: string, special: boolean, run: Builtin["run"]): Builtin {
  return { name, special, run };
}

/** ash's number(): a non-negative decimal, else "Illegal number: X" (aborts). */
export function* number(sh: Shell, s: string): Gen<number> {
  if (!/^\d+$/.test(s) || s.length > 10) return yield* sh.fail(`Illegal number: ${s}`);
  return Number(s);
}

/** A blocking-call-shaped value for code paths that happen not to block. */
export function* immediate<T>(value: T): Gen<T> {
  yield* [];
  return value;
}
