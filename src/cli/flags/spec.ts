/**
 * The docker 28.2.2 command tree as data (../data/commands.json, generated from the real client's
 * help output and argument checks): usage lines, aliases, subcommands, flags with their pflag types,
 * argument-count rules, and whether flags may follow positional arguments.
 */
import data from "../data/commands.json";

/** [long name, shorthand ("" if none), pflag type, default as shown in help (or null)]. */
export type FlagTuple = [string, string, string, string | null];

/** none | any | min N | max N | exact N | range A B | cobraExact N (cobra's own ExactArgs message). */
export type ArgRule = [
  kind: "none" | "any" | "min" | "max" | "exact" | "range" | "cobraExact",
  a?: number,
  b?: number,
];

export interface CommandSpec {
  /** Key of the cobra command: "ps", "container ls", "docker" for the root. */
  key: string;
  /** The words after "docker" that name it. */
  path: string[];
  usage: string;
  description: string;
  /** Full alias commands, e.g. ["docker container ls", "docker container list", "docker ps"]. */
  aliases: string[];
  subcommands: string[];
  flags: FlagTuple[];
  args?: ArgRule;
  /** A group's cobra UseLine ("docker container", "docker stack [OPTIONS]"). */
  groupUseLine?: string;
  interspersed: boolean;
  /** Printed on stderr before anything else (the legacy builder's deprecation banner). */
  preamble?: string;
}

interface RawSpec {
  usage: string;
  description: string;
  aliases: string[];
  subcommands: string[];
  flags: FlagTuple[];
  args?: ArgRule;
  errorUsageLine?: string;
  interspersed?: boolean;
  preamble?: string;
}

const raw = data as unknown as Record<string, RawSpec>;

const specs = new Map<string, CommandSpec>();
for (const [key, r] of Object.entries(raw)) {
  specs.set(key, {
    key,
    path: key === "docker" ? [] : key.split(" "),
    usage: r.usage,
    description: r.description,
    aliases: r.aliases,
    subcommands: r.subcommands,
    flags: r.flags,
    args: r.args,
    groupUseLine: r.errorUsageLine,
    interspersed: r.interspersed ?? true,
    preamble: r.preamble,
  });
}

export const ROOT: CommandSpec = specs.get("docker") as CommandSpec;

export function commandSpec(key: string): CommandSpec | undefined {
  return specs.get(key);
}

export function allCommandKeys(): string[] {
  return [...specs.keys()];
}

/** The child of `parent` called `word`, by name or by cobra alias ("container list" -> "container ls"). */
export function childCommand(parent: CommandSpec, word: string): CommandSpec | undefined {
  if (word.startsWith("-")) return undefined;
  const prefix = parent.path.join(" ");
  const direct = specs.get(prefix ? `${prefix} ${word}` : word);
  if (direct && parent.subcommands.includes(word)) return direct;
  for (const sub of parent.subcommands) {
    const s = specs.get(prefix ? `${prefix} ${sub}` : sub);
    const fullAlias = `docker ${prefix ? `${prefix} ` : ""}${word}`;
    if (s?.aliases.includes(fullAlias) && s.aliases[0] === `docker ${s.key}`) return s;
  }
  return undefined;
}

/**
 * One id for a command however it is reached: `docker ps`, `docker container ps` and
 * `docker container ls` are all "container ls" (the first of its aliases).
 */
export function canonicalId(spec: CommandSpec): string {
  return spec.aliases.length > 0 ? spec.aliases[0].replace(/^docker /, "") : spec.key;
}

/** cobra's UseLine as shown in error messages: the root and groups differ from their help text. */
export function errorUsageLine(spec: CommandSpec): string {
  if (spec.key === "docker") return "docker [OPTIONS] COMMAND [ARG...]";
  if (spec.groupUseLine) return spec.groupUseLine;
  return spec.usage;
}
