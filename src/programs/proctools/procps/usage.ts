/** procps-ng's shared command-line behaviour: getopt_long's messages, then the usage on stderr. */
import type { Gen, Sys } from "../../../kernel/api";
import { err, out } from "../../lib/io";

export const PROCPS_VERSION = "procps-ng 4.0.2";

export interface ProcpsOption {
  short?: string;
  long?: string;
  /** Takes an argument. */
  arg?: boolean;
}

export class ProcpsUsage extends Error {}

/**
 * Parses argv as getopt_long does (permuting, "--" ends options); returns the options seen, in
 * order, with their arguments, and the operands. Throws ProcpsUsage with getopt's message.
 */
export function parseProcps(sys: Sys, spec: ProcpsOption[]): { opts: [string, string | undefined][]; operands: string[] } {
  const opts: [string, string | undefined][] = [];
  const operands: string[] = [];
  const argv = sys.argv;
  const name = argv[0]?.slice(argv[0].lastIndexOf("/") + 1) ?? "";
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const [lname, inline] = a.includes("=") ? [a.slice(2, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a.slice(2), undefined];
      const matches = spec.filter((o) => o.long?.startsWith(lname));
      const o = matches.find((m) => m.long === lname) ?? (matches.length === 1 ? matches[0] : undefined);
      if (!o) throw new ProcpsUsage(matches.length > 1 ? `${name}: option '${a}' is ambiguous\n` : `${name}: unrecognized option '${a}'\n`);
      let v = inline;
      if (o.arg && v === undefined) {
        v = argv[++i];
        if (v === undefined) throw new ProcpsUsage(`${name}: option '--${o.long}' requires an argument\n`);
      } else if (!o.arg && v !== undefined) throw new ProcpsUsage(`${name}: option '--${o.long}' doesn't allow an argument\n`);
      opts.push([o.short ?? `--${o.long}`, v]);
      continue;
    }
    if (a.startsWith("-") && a !== "-") {
      for (let j = 1; j < a.length; j++) {
        const o = spec.find((s) => s.short === a[j]);
        if (!o) throw new ProcpsUsage(`${name}: invalid option -- '${a[j]}'\n`);
        if (o.arg) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) throw new ProcpsUsage(`${name}: option requires an argument -- '${a[j]}'\n`);
          opts.push([a[j], v]);
          break;
        }
        opts.push([a[j], undefined]);
      }
      continue;
    }
    operands.push(a);
  }
  return { opts, operands };
}

export type ProcpsArgs = ReturnType<typeof parseProcps>;

/**
 * The options of a command that takes no operands, or null once the usage error is printed (the
 * command then exits 1).
 */
export function* optionsOrUsage(sys: Sys, spec: ProcpsOption[], usage: string): Gen<ProcpsArgs | null> {
  let parsed: ProcpsArgs;
  try {
    parsed = parseProcps(sys, spec);
  } catch (e) {
    if (!(e instanceof ProcpsUsage)) throw e;
    yield* usageFailure(sys, e.message, usage);
    return null;
  }
  if (parsed.operands.length === 0) return parsed;
  yield* usageFailure(sys, "", usage);
  return null;
}

/** getopt's message (if any) and the usage text on stderr, status 1, as procps's usage(stderr). */
export function* usageFailure(sys: Sys, message: string, usage: string): Gen<number> {
  yield* err(sys, `${message}${usage}`);
  return 1;
}

export function* versionOut(sys: Sys, name: string): Gen<number> {
  yield* out(sys, `${name} from ${PROCPS_VERSION}\n`);
  return 0;
}
