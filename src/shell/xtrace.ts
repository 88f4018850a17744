/** `set -x` lines: "+ " then assignments and words, quoted the way ash's maybe_single_quote does. */
import { KEYWORDS } from "./parser";
import type { Shell } from "./shell";


/** ash's single_quote: runs of ' go in double quotes, so "it's" becomes 'it'"'"'s'. */
export function singleQuote(s: string): string {
  let out = "";
  let i = 0;
  do {
    let j = s.indexOf("'", i);
    if (j < 0) j = s.length;
    out += `'${s.slice(i, j)}'`;
    i = j;
    if (s[i] !== "'") break;
    let k = i;
    while (s[k] === "'") k++;
    out += `"${s.slice(i, k)}"`;
    i = k;
  } while (i < s.length);
  return out;
}

export function maybeSingleQuote(s: string): string {
  if (KEYWORDS.has(s)) return singleQuote(s);
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    // quote controls, space and !"#$%&'()*, ;<=>?, `[\, {|}~ DEL and high bytes
    if (c < 0x2b || (c >= 0x3b && c <= 0x3f) || ch === "`" || ch === "[" || ch === "\\" || c > 0x7a) {
      return singleQuote(s);
    }
  }
  return s;
}

export function xtraceLine(sh: Shell, assigns: [string, string][], argv: string[]): string {
  const ps4 = sh.vars.get("PS4") ?? "+ ";
  const words = [...assigns.map(([n, v]) => `${n}=${maybeSingleQuote(v)}`), ...argv.map(maybeSingleQuote)];
  return `${ps4}${words.join(" ")}\n`;
}
