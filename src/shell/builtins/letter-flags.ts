/** Option letters of a bash builtin, as its internal_getopt takes them. */
import type { Gen } from "../../kernel/api";
import type { Shell } from "../shell";

/**
 * The flags among `letters` before the operands ("--" ends them), or null once an unknown one
 * was reported ("-x: invalid option" and the builtin's `usage`; the builtin returns 2).
 */
export function* letterFlags(sh: Shell, argv: readonly string[], letters: string, usage: string): Gen<{ flags: Set<string>; args: string[] } | null> {
  let args = argv.slice(1);
  const flags = new Set<string>();
  while (args[0]?.startsWith("-") && args[0].length > 1) {
    if (args[0] === "--") {
      args = args.slice(1);
      break;
    }
    for (const c of args[0].slice(1)) {
      if (!letters.includes(c)) {
        yield* sh.message(`-${c}: invalid option`);
        yield* sh.write(2, `${usage}\n`);
        return null;
      }
      flags.add(c);
    }
    args = args.slice(1);
  }
  return { flags, args };
}
