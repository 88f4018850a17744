/**
 * GNU wording of diagnostics. The shared implementations report in busybox's words through
 * `warn()`; for a GNU tool each message is rewritten here by the rule for its program, with file
 * names quoted as GNU quotes them. Messages no rule matches are already worded alike.
 */
import type { Sys } from "../../kernel/api";
import { type GnuTool, gnuProgramName, gnuTool } from "./flavour";
import { quoteAlways as qa, quoteIfNeeded as qf } from "./quote";

type Rule = [RegExp, (m: RegExpExecArray) => string];

const cannotAccess: Rule = [/^(.*): ([A-Z][^:]*)$/s, (m) => `cannot access ${qa(m[1])}: ${m[2]}`];
const openForReading: Rule[] = [
  [/^can't open '(.*)': (.*)$/s, (m) => `cannot open ${qa(m[1])} for reading: ${m[2]}`],
  [/^(?!error reading )(.*): ([A-Z][^:]*)$/s, (m) => `cannot open ${qa(m[1])} for reading: ${m[2]}`],
];
const plainName: Rule = [/^can't open '(.*)': (.*)$/s, (m) => `${qf(m[1])}: ${m[2]}`];

const RULES: Record<string, Rule[]> = {
  ls: [[/^can't open '(.*)': (.*)$/s, (m) => `cannot open directory ${qa(m[1])}: ${m[2]}`], cannotAccess],
  rm: [
    [/^can't (?:remove|stat) '(.*)': (.*)$/s, (m) => `cannot remove ${qa(m[1])}: ${m[2]}`],
    [/^'(.*)' is a directory$/s, (m) => `cannot remove ${qa(m[1])}: Is a directory`],
  ],
  mkdir: [[/^can't create directory '(.*)': (.*)$/s, (m) => `cannot create directory ${qa(m[1])}: ${m[2]}`]],
  rmdir: [[/^'(.*)': (.*)$/s, (m) => `failed to remove ${qa(m[1])}: ${m[2]}`]],
  cp: [
    [/^can't stat '(.*)': (.*)$/s, (m) => `cannot stat ${qa(m[1])}: ${m[2]}`],
    [/^omitting directory '(.*)'$/s, (m) => `-r not specified; omitting directory ${qa(m[1])}`],
    [/^can't create '(.*)': (.*)$/s, (m) => `cannot create regular file ${qa(m[1])}: ${m[2]}`],
    [/^can't open '(.*)': (.*)$/s, (m) => `cannot open ${qa(m[1])} for reading: ${m[2]}`],
    [/^can't create directory '(.*)': (.*)$/s, (m) => `cannot create directory ${qa(m[1])}: ${m[2]}`],
  ],
  mv: [[/^can't remove '(.*)': (.*)$/s, (m) => `cannot remove ${qa(m[1])}: ${m[2]}`]],
  chown: [cannotAccess],
  chgrp: [cannotAccess],
  cat: [plainName],
  uniq: [plainName],
  head: openForReading,
  tail: [openForReading[0], [/^no files$/, () => ""]],
  sort: [[/^(.*): ([A-Z][^:]*)$/s, (m) => `cannot read: ${qf(m[1])}: ${m[2]}`]],
  find: [
    [/^unrecognized: (.*)$/s, (m) => `unknown predicate \`${m[1]}'`],
    [/^(-\w+) requires an argument$/s, (m) => `missing argument to \`${m[1]}'`],
    [/^invalid argument '(.*)' to '-type'$/s, (m) => `Unknown argument to -type: ${m[1]}`],
    [/^unpaired '\('$/, () => "invalid expression; I was expecting to find a ')' somewhere but did not see one."],
    [/^can't stat '(.*)': (.*)$/s, (m) => `${qa(m[1])}: ${m[2]}`],
    [/^(.*): ([A-Z][^:]*)$/s, (m) => `${qa(m[1])}: ${m[2]}`],
  ],
  stat: [
    [/^can't stat '(.*)': (.*)$/s, (m) => `cannot statx ${qa(m[1])}: ${m[2]}`],
    [/^can't read file system information for '(.*)': (.*)$/s, (m) => `cannot read file system information for ${qa(m[1])}: ${m[2]}`],
  ],
  readlink: [],
  id: [[/^unknown user (.*)$/s, (m) => `${qa(m[1])}: no such user`]],
};

/** Invalid numeric arguments, worded per program ("+" when GNU adds its "Try --help" line). */
const INVALID_NUMBER: Record<string, [string, boolean]> = {
  head: ["invalid number of lines: ", false],
  tail: ["invalid number of lines: ", false],
  sleep: ["invalid time interval ", true],
};

/**
 * The message a GNU tool prints instead of busybox's `msg` ("" when it prints nothing), or `msg`
 * unchanged when the program runs as busybox or GNU words it alike.
 */
export function gnuMessage(sys: Sys, msg: string): string {
  const tool = gnuTool(sys);
  if (!tool) return msg;
  return translate(tool, msg, gnuProgramName(sys));
}

function translate(tool: GnuTool, msg: string, prog: string): string {
  const num = /^invalid number '(.*)'$/s.exec(msg);
  const numberWords = INVALID_NUMBER[tool.name];
  if (num && numberWords) return `${numberWords[0]}${qa(num[1])}${numberWords[1] ? `\nTry '${prog} --help' for more information.` : ""}`;
  for (const [re, to] of RULES[tool.name] ?? []) {
    const m = re.exec(msg);
    if (m) return to(m);
  }
  return msg;
}

/** "extra operand 'x'" for a GNU tool given one operand too many; undefined for busybox (which prints its usage). */
export function extraOperand(sys: Sys, operand: string | undefined): string | undefined {
  return gnuTool(sys) && operand !== undefined ? `extra operand ${qa(operand)}` : undefined;
}

/** cp/mv given one operand: GNU names it ("missing destination file operand after 'x'"). */
export function missingDestination(sys: Sys, operand: string | undefined): string | undefined {
  return gnuTool(sys) && operand !== undefined ? `missing destination file operand after ${qa(operand)}` : undefined;
}

/** GNU's own wording of a line a program prints where busybox's differs, or `busybox` unchanged. */
export function gnuLine(sys: Sys, busybox: string, gnu: () => string): string {
  return gnuTool(sys) ? gnu() : busybox;
}
