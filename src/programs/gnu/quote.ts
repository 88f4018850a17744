/**
 * GNU's quoting of file names in diagnostics (gnulib quotearg, shell-escape styles, C locale):
 * 'name' when it holds shell-special characters, "name" when the only trouble is a single quote,
 * $'\n'-style escapes for control and non-ASCII bytes.
 */

/** Characters that make a name need quotes anywhere in it. */
const SPECIAL = /[ !"$&'()*:;<=>?[\\^`|\t\n\x00-\x1f\x7f-\xff]/;
/** Bytes that cannot appear inside quotes and are written as $'...' escapes. */
const ESCAPED = /[\x00-\x1f\x7f-\xff]/;
const NAMED: Record<string, string> = { "\x07": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v" };

function escapeByte(c: string): string {
  const named = NAMED[c];
  return `$'\\${named ?? c.charCodeAt(0).toString(8).padStart(3, "0")}'`;
}

function quoted(name: string): string {
  if (name.includes("'") && !/[$`"\\!]/.test(name) && !ESCAPED.test(name)) return `"${name}"`;
  let s = "'";
  for (const c of name) {
    if (c === "'") s += "'\\''";
    else if (ESCAPED.test(c)) s += `'${escapeByte(c)}'`;
    else s += c;
  }
  s += "'";
  // An escape at either end leaves an empty '' that gnulib does not print.
  if (s.startsWith("'''") || (s.startsWith("''$") && name.length > 0)) s = s.slice(2);
  if (s.endsWith("'''") && s.length > 3) s = s.slice(0, -2);
  return s;
}

/** quoteaf: always quoted ("cannot remove 'x'"). */
export function quoteAlways(name: string): string {
  return quoted(name);
}

/** quotef: quoted only when needed ("cat: x: No such file"). */
export function quoteIfNeeded(name: string): string {
  if (name !== "" && !SPECIAL.test(name) && !/^[#~]/.test(name)) return name;
  return quoted(name);
}
