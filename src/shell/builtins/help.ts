/**
 * help: bash 5.2's (the builtin list in two columns, `help NAME` with its long text, -d, -m, -s,
 * patterns) and busybox ash's (every builtin and applet name, in lines of about 60 columns). bash's
 * texts (60 kB) live in a chunk of their own, loaded at start so the first `help` finds them.
 */
import type { Gen } from "../../kernel/api";
import { BUSYBOX_APPLETS } from "../../programs/busyboxApplets";
import { BASH_MACHTYPE, BASH_VERSION } from "../bash-invocation";
import { matchPattern } from "../pattern";
import type { Shell } from "../shell";
import { letterFlags } from "./letter-flags";
import { type Builtin, builtin } from "./types";

/** [name, synopsis, long text lines] in bash's builtin table order. */
type HelpEntry = [string, string, string[]];

let entries: HelpEntry[] | undefined;
const loading = import("../data/bash-help.json").then((m) => {
  entries = ((m as { default?: unknown }).default ?? m) as HelpEntry[];
});

/** Waits for bash's help texts (for callers that must answer `help` at once, such as tests). */
export function loadBashHelp(): Promise<void> {
  return loading;
}

const VERSION_LINE = `GNU bash, version ${BASH_VERSION} (${BASH_MACHTYPE})`;
const BASE_INDENT = 4;

/**
 * dispcolumn(): " SYNOPSIS" copied into a buffer of n+1 characters whose last one is '>' (shown
 * only when the synopsis reaches it).
 */
function blurb(synopsis: string, n: number): string {
  const buf = [" ", ...synopsis.slice(0, n).padEnd(n, "\0")];
  buf[n] = ">";
  const s = buf.join("");
  const nul = s.indexOf("\0");
  return nul < 0 ? s : s.slice(0, nul);
}

function listing(all: HelpEntry[], columns: number): string {
  let width = Math.floor(columns / 2);
  if (width > 128) width = 128;
  if (width <= 3) width = 40;
  const n = all.length;
  const height = Math.floor((n + 1) / 2);
  let out = `${VERSION_LINE}
These shell commands are defined internally.  Type \`help' to see this list.
Type \`help name' to find out more about the function \`name'.
Use \`info bash' to find out more about the shell in general.
Use \`man -k' or \`info' to find out more about commands not in this list.

A star (*) next to a name means that the command is disabled.

`;
  for (let i = 0; i < height; i++) {
    const first = blurb(all[i][1], width - 2);
    if (i * 2 >= n || i + height >= n) {
      out += `${first}\n`;
      continue;
    }
    out += `${first.padEnd(width)}${blurb(all[i + height][1], width - 3)}\n`;
  }
  return out;
}

function longDoc(doc: string[], indent = BASE_INDENT): string {
  return doc.map((l) => `${" ".repeat(indent)}${l}\n`).join("");
}

function manpage(e: HelpEntry): string {
  const pad = " ".repeat(BASE_INDENT);
  return (
    `NAME\n${pad}${e[0]} - ${e[2][0] ?? ""}\n\nSYNOPSIS\n${pad}${e[1]}\n\nDESCRIPTION\n${longDoc(e[2])}\n` +
    `SEE ALSO\n${pad}bash(1)\n\nIMPLEMENTATION\n${pad}${VERSION_LINE}\n${pad}Copyright (C) 2022 Free Software Foundation, Inc.\n` +
    `${pad}License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\n`
  );
}

const hasGlob = (s: string) => /[*?[]/.test(s);

function* bashHelp(sh: Shell, argv: string[]): Gen<number> {
  const parsed = yield* letterFlags(sh, argv, "dms", "help: usage: help [-dms] [pattern ...]");
  if (!parsed) return 2;
  const { flags, args } = parsed;
  if (!entries) {
    yield* sh.message("the help texts have not loaded yet");
    return 1;
  }
  if (args.length === 0) {
    const columns = Number.parseInt(sh.vars.get("COLUMNS") ?? "", 10);
    yield* sh.write(1, listing(entries, columns > 0 ? columns : 80));
    return 0;
  }
  let out = "";
  if (hasGlob(args[0])) out += `Shell commands matching keyword${args.length > 1 ? "s" : ""} \`${args.join(", ")}'\n\n`;
  let found = 0;
  let last = "";
  for (const pattern of args) {
    last = pattern;
    for (let pass = 1; pass < 3; pass++) {
      let thisFound = false;
      for (const e of entries) {
        const m = pass === 1 ? pattern === e[0] || matchPattern(pattern, e[0]) : e[0].startsWith(pattern);
        if (!m) continue;
        thisFound = true;
        found++;
        if (flags.has("d")) out += `${e[0]} - ${e[2][0] ?? ""}\n`;
        else if (flags.has("m")) out += manpage(e);
        else out += `${e[0]}: ${e[1]}\n${flags.has("s") ? "" : longDoc(e[2])}`;
      }
      if (pass === 1 && thisFound) break;
    }
  }
  yield* sh.write(1, out);
  if (found === 0) {
    yield* sh.message(`no help topics match \`${last}'.  Try \`help help' or \`man -k ${last}' or \`info ${last}'.`);
    return 1;
  }
  return 0;
}

/** busybox ash's builtin table, as `help` lists it before the applets. */
const ASH_BUILTINS =
  ". : [ [[ alias bg break cd chdir command continue echo eval exec exit export false fg getopts hash help history jobs kill let local printf pwd read readonly return set shift source test times trap true type ulimit umask unalias unset wait".split(" ");

function* ashHelp(sh: Shell): Gen<number> {
  let out = "Built-in commands:\n------------------\n";
  let col = 0;
  for (const name of [...ASH_BUILTINS, ...BUSYBOX_APPLETS]) {
    const piece = `${col === 0 ? "\t" : " "}${name}`;
    out += piece;
    col += piece.length;
    if (col > 60) {
      out += "\n";
      col = 0;
    }
  }
  yield* sh.write(1, `${out}\n`);
  return 0;
}

/** dash has no help: there the word is looked up as a command. */
export const helpBuiltin: Builtin = {
  ...builtin("help", false, (sh, argv) => (sh.dialect === "bash" ? bashHelp(sh, argv) : ashHelp(sh))),
  notDash: true,
};
