/**
 * Option parsing in the style of busybox's getopt32 (on glibc): clustered short options ("-la"),
 * option arguments attached or separate ("-n5", "-n 5"), "--" ends options, and the first
 * non-option ends options unless `permute` (GNU-style reordering, which busybox on glibc does).
 */
export interface OptSpec {
  /** Short options that take no argument, e.g. "laR1". */
  flags?: string;
  /** Short options that take an argument, e.g. "nw". */
  withArg?: string;
  /** Long options: name -> short letter it stands for (or the name itself), and whether it takes an argument. */
  long?: Record<string, { short: string; arg?: boolean }>;
  /** Reorder: options may follow operands (default true, as with glibc getopt). */
  permute?: boolean;
}

export interface ParsedOpts {
  /** Count of each flag seen (so "-vv" gives 2). */
  flags: Record<string, number>;
  /** Argument of each option that takes one; repeated options keep every value in order. */
  args: Record<string, string[]>;
  operands: string[];
}

export class OptError extends Error {
  constructor(message: string) {
    super(message);
  }
}

export function getopt(argv: readonly string[], spec: OptSpec): ParsedOpts {
  const flags: Record<string, number> = {};
  const args: Record<string, string[]> = {};
  const operands: string[] = [];
  const shortFlags = spec.flags ?? "";
  const shortArgs = spec.withArg ?? "";
  const permute = spec.permute ?? true;
  let i = 1;
  const add = (name: string, value?: string) => {
    if (value === undefined) flags[name] = (flags[name] ?? 0) + 1;
    else (args[name] ??= []).push(value);
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      i++;
      break;
    }
    if (a.startsWith("--") && spec.long) {
      const eq = a.indexOf("=");
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const matches = Object.keys(spec.long).filter((k) => k === name || k.startsWith(name));
      const exact = matches.find((k) => k === name);
      const key = exact ?? (matches.length === 1 ? matches[0] : undefined);
      if (!key) {
        if (matches.length > 1) throw new OptError(`option '${a}' is ambiguous`);
        throw new OptError(`unrecognized option '${a}'`);
      }
      const def = spec.long[key];
      if (def.arg) {
        let value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new OptError(`option '--${key}' requires an argument`);
        value ??= "";
        add(def.short, value);
      } else {
        if (eq >= 0) throw new OptError(`option '--${key}' doesn't allow an argument`);
        add(def.short);
      }
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (shortArgs.includes(c)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (value === undefined) throw new OptError(`option requires an argument -- '${c}'`);
          add(c, value);
          break;
        }
        if (!shortFlags.includes(c)) throw new OptError(`invalid option -- '${c}'`);
        add(c);
      }
      continue;
    }
    operands.push(a);
    if (!permute) {
      i++;
      break;
    }
  }
  for (; i < argv.length; i++) operands.push(argv[i]);
  return { flags, args, operands };
}
