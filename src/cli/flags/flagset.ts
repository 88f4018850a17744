/**
 * pflag's parsing of one command's flags: --long, --long=value, --long value, -s, -svalue, -s value,
 * -s=value, clusters (-itd), bool flags with =true/false, repeated list flags, "--", and
 * interspersed or not. Errors carry pflag's texts.
 */
import type { FlagTuple } from "./spec";
import { NAME_VALIDATORS, splitCSV, TYPE_VALIDATORS, type Validator } from "./values";

export interface FlagParseResult {
  values: FlagValues;
  positional: string[];
  /** --help / -h was given (cobra's help flag). */
  help: boolean;
  /** "Flag shorthand -h has been deprecated, use --help" notes, in order. */
  notes: string[];
  error?: string;
}

/** Values given on the command line, with typed accessors that fall back to the documented defaults. */
export class FlagValues {
  private readonly byLong = new Map<string, FlagTuple>();

  constructor(
    specs: FlagTuple[],
    private readonly raw: Map<string, string[]> = new Map(),
  ) {
    for (const f of specs) this.byLong.set(f[0], f);
  }

  /** Record a value (already validated). */
  add(long: string, value: string): void {
    const list = this.raw.get(long) ?? [];
    list.push(value);
    this.raw.set(long, list);
  }

  /** Whether the flag appeared on the command line (pflag's Changed). */
  changed(long: string): boolean {
    return this.raw.has(long);
  }

  /** Every raw value given, in order (a scalar flag's value is the last one). */
  all(long: string): string[] {
    return [...(this.raw.get(long) ?? [])];
  }

  private spec(long: string): FlagTuple {
    const f = this.byLong.get(long);
    if (!f) throw new Error(`docker flag --${long} is not defined for this command`);
    return f;
  }

  private last(long: string): string | undefined {
    const list = this.raw.get(long);
    return list?.[list.length - 1];
  }

  bool(long: string): boolean {
    const f = this.spec(long);
    const v = this.last(long) ?? f[3] ?? "false";
    return ["1", "t", "T", "TRUE", "true", "True"].includes(v);
  }

  string(long: string): string {
    const f = this.spec(long);
    const v = this.last(long);
    if (v !== undefined) return v;
    const d = f[3];
    if (d === null) return "";
    return d.startsWith('"') && d.endsWith('"') ? d.slice(1, -1) : d;
  }

  int(long: string): number {
    const s = this.string(long);
    return s === "" ? 0 : Number(BigInt(s.replaceAll("_", "")));
  }

  /** A list flag's values; "strings" flags split each value as CSV, as pflag does. */
  list(long: string): string[] {
    const f = this.spec(long);
    const vals = this.all(long);
    return f[2] === "strings" ? vals.flatMap(splitCSV) : vals;
  }
}

export interface FlagSetOptions {
  interspersed: boolean;
  /** Extra checks by flag name or type, for types the command itself understands. */
  extraValidators?: Record<string, Validator>;
}

/** Go's %q of a single byte-rune (pflag quotes the shorthand character). */
const quoteChar = (c: string) => (c === "'" ? "'\\''" : c === "\\" ? "'\\\\'" : `'${c}'`);

export function parseFlags(specs: FlagTuple[], args: string[], options: FlagSetOptions): FlagParseResult {
  const values = new FlagValues(specs);
  const result: FlagParseResult = { values, positional: [], help: false, notes: [] };
  const byLong = new Map(specs.map((f) => [f[0], f]));
  const byShort = new Map(specs.filter((f) => f[1] !== "").map((f) => [f[1], f]));
  const isBool = (f: FlagTuple) => f[2] === "bool";

  const set = (f: FlagTuple | "help", value: string): string | undefined => {
    if (f === "help") {
      const bad = TYPE_VALIDATORS.bool(value);
      if (bad) return `invalid argument ${JSON.stringify(value)} for "-h, --help" flag: ${bad}`;
      result.help =
        TYPE_VALIDATORS.bool(value) === undefined && ["1", "t", "T", "TRUE", "true", "True"].includes(value);
      return undefined;
    }
    const check = options.extraValidators?.[f[0]] ?? options.extraValidators?.[f[2]] ??
      NAME_VALIDATORS[f[0]] ??
      TYPE_VALIDATORS[f[2]];
    const bad = check?.(value);
    if (bad) {
      const name = f[1] ? `-${f[1]}, --${f[0]}` : `--${f[0]}`;
      return `invalid argument ${JSON.stringify(value)} for ${JSON.stringify(name)} flag: ${bad}`;
    }
    values.add(f[0], value);
    return undefined;
  };

  const rest = [...args];
  while (rest.length > 0) {
    const s = rest.shift() as string;
    if (s.length < 2 || s[0] !== "-") {
      if (!options.interspersed) {
        result.positional.push(s, ...rest);
        break;
      }
      result.positional.push(s);
      continue;
    }
    if (s === "--") {
      result.positional.push(...rest);
      break;
    }
    if (s[1] === "-") {
      const body = s.slice(2);
      if (body.length === 0 || body[0] === "-" || body[0] === "=") {
        result.error = `bad flag syntax: ${s}`;
        return result;
      }
      const eq = body.indexOf("=");
      const name = eq < 0 ? body : body.slice(0, eq);
      const f: FlagTuple | "help" | undefined = name === "help" ? "help" : byLong.get(name);
      if (!f) {
        result.error = `unknown flag: --${name}`;
        return result;
      }
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (f === "help" || isBool(f)) value = "true";
      else if (rest.length > 0) value = rest.shift() as string;
      else {
        result.error = `flag needs an argument: ${s}`;
        return result;
      }
      const bad = set(f, value);
      if (bad) {
        result.error = bad;
        return result;
      }
      continue;
    }
    let shorthands = s.slice(1);
    while (shorthands.length > 0) {
      const c = shorthands[0];
      const f: FlagTuple | "help" | undefined = byShort.get(c) ?? (c === "h" ? "help" : undefined);
      if (!f) {
        result.error = `unknown shorthand flag: ${quoteChar(c)} in -${shorthands}`;
        return result;
      }
      let value: string;
      let next = shorthands.slice(1);
      if (shorthands.length > 2 && shorthands[1] === "=") {
        value = shorthands.slice(2);
        next = "";
      } else if (f === "help" || isBool(f)) value = "true";
      else if (shorthands.length > 1) {
        value = shorthands.slice(1);
        next = "";
      } else if (rest.length > 0) value = rest.shift() as string;
      else {
        result.error = `flag needs an argument: ${quoteChar(c)} in -${shorthands}`;
        return result;
      }
      if (f === "help") result.notes.push("Flag shorthand -h has been deprecated, use --help\n");
      const bad = set(f, value);
      if (bad) {
        result.error = bad;
        return result;
      }
      shorthands = next;
    }
  }
  return result;
}
