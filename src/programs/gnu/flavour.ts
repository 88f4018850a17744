/**
 * The GNU flavour of a program: Debian and Ubuntu images carry GNU coreutils, grep, sed, findutils
 * and hostname, whose messages and formats differ from busybox's. Their binaries name the program
 * as "gnu:PACKAGE:VERSION:NAME" (see dpkg-distro.ts); the shared implementation runs with the tool
 * attached to its Sys and asks `gnuTool(sys)` where the two differ.
 */
import type { Sys } from "../../kernel/api";

export interface GnuTool {
  /** Debian source package: coreutils, grep, sed, findutils, hostname. */
  pkg: string;
  /** Upstream version, e.g. "9.1". */
  version: string;
  /** The program's own name (what --version prints), e.g. "ls". */
  name: string;
}

const GNU = Symbol("gnu tool");

/** Parses a binary's program name "gnu:coreutils:9.1:ls"; undefined for any other name. */
export function parseGnuProg(prog: string): GnuTool | undefined {
  const m = /^gnu:([^:]+):([^:]+):(.+)$/.exec(prog);
  return m ? { pkg: m[1], version: m[2], name: m[3] } : undefined;
}

/** The Sys a GNU-flavoured program runs with. */
export function withGnuTool(sys: Sys, tool: GnuTool): Sys {
  return Object.create(sys, { [GNU]: { value: tool } });
}

/** The GNU tool this program runs as, or undefined when it runs as busybox (host, busybox, alpine). */
export function gnuTool(sys: Sys): GnuTool | undefined {
  return (sys as unknown as Record<symbol, GnuTool | undefined>)[GNU];
}

/** The program name GNU tools print in diagnostics: argv[0] as invoked (a path stays a path). */
export function gnuProgramName(sys: Sys): string {
  return sys.argv[0] ?? "";
}
