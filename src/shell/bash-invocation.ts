/**
 * bash's own invocation: the GNU long options it takes before any single-letter option
 * (--version, --help, --norc, --rcfile FILE, ...), with bash 5.2.15's texts and errors.
 */

/** bash 5.2 of Debian 12 (Ubuntu 24.04 has 5.2.21; one version serves both). */
export const BASH_VERSION = "5.2.15(1)-release";
export const BASH_MACHTYPE = "x86_64-pc-linux-gnu";

/** $BASH_VERSINFO: major, minor, patch level, build, release status, machine type. */
export const BASH_VERSINFO = ["5", "2", "15", "1", "release", BASH_MACHTYPE];

const LONG_OPTIONS = [
  "debug",
  "debugger",
  "dump-po-strings",
  "dump-strings",
  "help",
  "init-file",
  "login",
  "noediting",
  "noprofile",
  "norc",
  "posix",
  "pretty-print",
  "rcfile",
  "restricted",
  "verbose",
  "version",
];

const USAGE =
  "Usage:\tbash [GNU long option] [option] ...\n\tbash [GNU long option] [option] script-file ...\nGNU long options:\n" +
  LONG_OPTIONS.map((o) => `\t--${o}\n`).join("") +
  "Shell options:\n\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n\t-abefhkmnptuvxBCEHPT or -o option\n";

export const BASH_HELP =
  `GNU bash, version ${BASH_VERSION}-(${BASH_MACHTYPE})\n${USAGE}` +
  "Type `bash -c \"help set\"' for more information about shell options.\n" +
  "Type `bash -c help' for more information about shell builtin commands.\n" +
  "Use the `bashbug' command to report bugs.\n\n" +
  "bash home page: <http://www.gnu.org/software/bash>\n" +
  "General help using GNU software: <http://www.gnu.org/gethelp/>\n";

export const BASH_VERSION_TEXT =
  `GNU bash, version ${BASH_VERSION} (${BASH_MACHTYPE})\n` +
  "Copyright (C) 2022 Free Software Foundation, Inc.\n" +
  "License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\n" +
  "This is free software; you are free to change and redistribute it.\n" +
  "There is NO WARRANTY, to the extent permitted by law.\n";

export interface BashLongOptions {
  /** Index of the first argument that is not a long option. */
  next: number;
  login: boolean;
  norc: boolean;
  noprofile: boolean;
  rcfile?: string;
  verbose: boolean;
  /** Print this on stdout and exit 0 (--version, --help). */
  output?: string;
  /** Print this on stderr and exit 2 (an unknown option, a missing argument). */
  error?: string;
}

/** Parses the long options at the start of bash's arguments (bash reads them only there). */
export function parseBashLongOptions(args: string[]): BashLongOptions {
  const r: BashLongOptions = { next: 0, login: false, norc: false, noprofile: false, verbose: false };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--") || a === "--") break;
    const name = a.slice(2);
    if (!LONG_OPTIONS.includes(name)) {
      r.error = `bash: ${a}: invalid option\n${USAGE}`;
      return r;
    }
    if (name === "version") r.output = BASH_VERSION_TEXT;
    else if (name === "help") r.output = BASH_HELP;
    if (r.output) return r;
    if (name === "login") r.login = true;
    else if (name === "norc") r.norc = true;
    else if (name === "noprofile") r.noprofile = true;
    else if (name === "verbose") r.verbose = true;
    else if (name === "rcfile" || name === "init-file") {
      if (i + 1 >= args.length) {
        r.error = `bash: ${name}: option requires an argument\n`;
        return r;
      }
      r.rcfile = args[++i];
    }
  }
  r.next = i;
  return r;
}
