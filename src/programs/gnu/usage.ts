/**
 * How GNU tools complain about their command line: "PROG: MESSAGE" then "Try 'PROG --help' for more
 * information." (grep, sed and hostname have their own shapes), with each program's usage status.
 */
import type { Gen, Sys } from "../../kernel/api";
import { err } from "../lib/io";
import { type GnuTool, gnuProgramName } from "./flavour";
import { HELP_TEXTS } from "./help-texts";

/** Exit status on a usage error where it is not 1 (EXIT_FAILURE). */
const USAGE_STATUS: Record<string, number> = { ls: 2, dir: 2, vdir: 2, sort: 2, grep: 2, egrep: 2, fgrep: 2, env: 125, timeout: 125, chroot: 125, nice: 125, stdbuf: 125, hostname: 255 };

/** What a program says when an operand it needs is missing (busybox just prints its usage). */
const MISSING: Record<string, string> = {
  cp: "missing file operand",
  mv: "missing file operand",
  ln: "missing file operand",
  touch: "missing file operand",
  cut: "you must specify a list of bytes, characters, or fields",
};

export function usageStatus(tool: GnuTool): number {
  return USAGE_STATUS[tool.name] ?? 1;
}

/**
 * A bad command line: `msg` (an option error, or "extra operand 'x'"), or when there is none the
 * program's missing-operand message. Returns the exit status.
 */
export function* gnuUsageError(sys: Sys, tool: GnuTool, msg?: string): Gen<number> {
  const prog = gnuProgramName(sys);
  const head = `${prog}: ${msg ?? MISSING[tool.name] ?? "missing operand"}\n`;
  if (tool.name === "sed") {
    const help = HELP_TEXTS.sed.replace(/E-mail bug reports to: .*\n$/, "");
    yield* err(sys, `${msg ? head : ""}${help}`);
  } else if (tool.name === "hostname") {
    yield* err(sys, `${msg ? head : ""}${HELP_TEXTS.hostname}`);
  } else if (tool.pkg === "grep") {
    yield* err(sys, `${msg ? head : ""}Usage: ${prog} [OPTION]... PATTERNS [FILE]...\nTry '${prog} --help' for more information.\n`);
  } else if (tool.name === "timeout" && !msg) {
    yield* err(sys, `Try '${prog} --help' for more information.\n`);
  } else {
    yield* err(sys, `${head}Try '${prog} --help' for more information.\n`);
  }
  return usageStatus(tool);
}
