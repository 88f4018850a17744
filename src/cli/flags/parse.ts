/**
 * The docker command line as the real client (cobra + pflag, docker 28.2.2) reads it: global options
 * before the command, command groups, aliases, --help, argument-count checks, and every error text
 * and exit status (125 for flag errors, 1 for usage errors, 0 for help).
 */
import { type FlagParseResult, FlagValues, parseFlags } from "./flagset";
import { type ArgRule, type CommandSpec, canonicalId, childCommand, ROOT, errorUsageLine } from "./spec";
import type { Validator } from "./values";

export const CLIENT_VERSION = "28.2.2";
export const CLIENT_BUILD = "e6534b4";

export type CommandLine =
  /** Run the command: `id` is the same for all aliases ("container ls" for `docker ps`). */
  | {
      kind: "run";
      id: string;
      /** The cobra command reached ("ps" or "container ls"): names its usage and help text. */
      key: string;
      globals: FlagValues;
      flags: FlagValues;
      args: string[];
      /** Notes already due (deprecated -h), to print before anything else. */
      stdout: string;
      stderr: string;
    }
  /** Print the help text of `key` (see help.ts) after `stdout`/`stderr`, on stdout or stderr. */
  | { kind: "help"; key: string; stdout: string; stderr: string; toStderr: boolean; exitCode: 0 }
  /** Print and exit. */
  | { kind: "exit"; stdout: string; stderr: string; exitCode: number };

export interface ParseOptions {
  /** Checks for flag types the commands understand themselves (e.g. "mount", "port"). */
  extraValidators?: Record<string, Validator>;
}

const LOG_LEVELS = ["panic", "fatal", "error", "warn", "warning", "info", "debug", "trace"];

const plural = (n: number) => (n === 1 ? "argument" : "arguments");

/** docker's cli/required.go messages (including the stray "S" of RequiresMaxArgs). */
function argError(spec: CommandSpec, rule: ArgRule, got: number): string | undefined {
  const path = `docker ${spec.key}`;
  const [kind, a = 0, b = 0] = rule;
  const usage = `\n\nUsage:  ${errorUsageLine(spec)}\n\n`;
  switch (kind) {
    case "none":
      if (got === 0) return undefined;
      return `docker: '${path}' accepts no arguments${usage}Run '${path} --help' for more information\n`;
    case "min":
      if (got >= a) return undefined;
      return `docker: '${path}' requires at least ${a} ${plural(a)}${usage}See '${path} --help' for more information\n`;
    case "max":
      if (got <= a) return undefined;
      return `docker: '${path}' requires at most ${a} ${plural(a)}${usage}SRun '${path} --help' for more information\n`;
    case "exact":
      if (got === a) return undefined;
      return `docker: '${path}' requires ${a} ${plural(a)}${usage}Run '${path} --help' for more information\n`;
    case "range":
      if (got >= a && got <= b) return undefined;
      return `docker: '${path}' requires at least ${a} and at most ${b} ${plural(b)}${usage}Run '${path} --help' for more information\n`;
    case "cobraExact":
      if (got === a) return undefined;
      return `accepts ${a} arg(s), received ${got}\n`;
    default:
      return undefined;
  }
}

function flagError(spec: CommandSpec, message: string, notes: Notes): CommandLine {
  return {
    kind: "exit",
    stdout: notes.stdout,
    stderr: `${notes.stderr}${message}\n\nUsage:  ${errorUsageLine(spec)}\n\nRun '${spec.key === "docker" ? "docker" : `docker ${spec.key}`} --help' for more information\n`,
    exitCode: 125,
  };
}

interface Notes {
  stdout: string;
  stderr: string;
}

/** Deprecation notes go to stdout for subcommands and to stderr for the root, as the real client does. */
function addNotes(notes: Notes, r: FlagParseResult, spec: CommandSpec): void {
  const text = r.notes.join("");
  if (spec.key === "docker") notes.stderr += text;
  else notes.stdout += text;
}

const help = (key: string, notes: Notes, toStderr = false): CommandLine => ({
  kind: "help",
  key,
  stdout: notes.stdout,
  stderr: notes.stderr,
  toStderr,
  exitCode: 0,
});

/** Flags annotated `ostype: windows` in docker/cli (run/create's Windows resource controls). */
const WINDOWS_ONLY_FLAGS = ["cpu-count", "cpu-percent", "io-maxbandwidth", "io-maxiops"];

/** Reads `docker ARGS...` (argv without "docker"). */
export function parseDockerCommandLine(argv: string[], options: ParseOptions = {}): CommandLine {
  const notes: Notes = { stdout: "", stderr: "" };
  const root = parseFlags(ROOT.flags, argv, { interspersed: false });
  addNotes(notes, root, ROOT);
  if (root.error) return flagError(ROOT, root.error, notes);
  const globals = root.values;
  if (globals.changed("log-level") && !LOG_LEVELS.includes(globals.string("log-level").toLowerCase())) {
    return {
      kind: "exit",
      stdout: notes.stdout,
      stderr: `${notes.stderr}Unable to parse logging level: ${globals.string("log-level")}\n`,
      exitCode: 1,
    };
  }
  if (root.help) return help("docker", notes);
  let rest = root.positional;
  if (rest.length === 0) {
    if (globals.bool("version")) {
      return {
        kind: "exit",
        stdout: `${notes.stdout}Docker version ${CLIENT_VERSION}, build ${CLIENT_BUILD}\n`,
        stderr: notes.stderr,
        exitCode: 0,
      };
    }
    return help("docker", notes, true);
  }
  if (rest[0] === "help") return helpCommand(rest.slice(1), notes);

  let spec = ROOT;
  for (;;) {
    const word = rest[0];
    const child = childCommand(spec, word);
    if (!child) {
      if (rest.includes("--help") || rest.includes("-h")) return help(spec.key, notes);
      const where = spec.key === "docker" ? "" : `\n\nUsage:  ${errorUsageLine(spec)}`;
      const runHelp = spec.key === "docker" ? "docker" : `docker ${spec.key}`;
      return {
        kind: "exit",
        stdout: notes.stdout,
        stderr: `${notes.stderr}docker: unknown command: docker ${[...spec.path, word].join(" ")}${where}\n\nRun '${runHelp} --help' for more information\n`,
        exitCode: 1,
      };
    }
    spec = child;
    rest = rest.slice(1);
    if (spec.preamble && !notes.stderr.includes(spec.preamble)) notes.stderr += spec.preamble;
    if (spec.subcommands.length === 0) break;
    // A command group: only --help applies before the subcommand.
    const group = parseFlags([], rest, { interspersed: false });
    addNotes(notes, group, spec);
    if (group.error) return flagError(spec, group.error, notes);
    if (group.help) return help(spec.key, notes);
    rest = group.positional;
    if (rest.length === 0) return help(spec.key, notes, true);
  }

  const parsed = parseFlags(spec.flags, rest, {
    interspersed: spec.interspersed,
    extraValidators: options.extraValidators,
  });
  addNotes(notes, parsed, spec);
  if (parsed.error) return flagError(spec, parsed.error, notes);
  if (parsed.help) return help(spec.key, notes);
  // The client's isSupported check runs before the argument count (docker/cli setValidateArgs).
  const windowsOnly = WINDOWS_ONLY_FLAGS.find((f) => spec.flags.some((d) => d[0] === f) && parsed.values.changed(f));
  if (windowsOnly)
    return { kind: "exit", stdout: notes.stdout, stderr: `${notes.stderr}"--${windowsOnly}" is only supported on a Docker daemon running on windows, but the Docker daemon is running on linux\n`, exitCode: 1 };
  const bad = argError(spec, spec.args ?? ["any"], parsed.positional.length);
  if (bad) return { kind: "exit", stdout: notes.stdout, stderr: notes.stderr + bad, exitCode: 1 };
  return {
    kind: "run",
    id: canonicalId(spec),
    key: spec.key,
    globals,
    flags: parsed.values,
    args: parsed.positional,
    stdout: notes.stdout,
    stderr: notes.stderr,
  };
}

/** `docker help [COMMAND...]`. */
function helpCommand(words: string[], notes: Notes): CommandLine {
  let spec = ROOT;
  for (const w of words) {
    const child = childCommand(spec, w);
    if (!child)
      return {
        kind: "exit",
        stdout: notes.stdout,
        stderr: `${notes.stderr}unknown help topic: ${w}\n`,
        exitCode: 1,
      };
    spec = child;
  }
  return help(spec.key, notes);
}

export { FlagValues };
