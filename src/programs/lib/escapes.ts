/** Backslash escapes as busybox's bb_process_escape_sequence decodes them (echo -e, printf, tr). */

const MNEMONIC: Record<string, number> = {
  a: 7,
  b: 8,
  e: 27,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  "\\": 92,
};

/**
 * Decodes the escape whose text starts at `s[i]` (just after the backslash). Octal takes up to 3
 * digits without a leading 0 requirement, "\x" up to 2 hex digits; an unknown letter yields a
 * backslash and is not consumed. Returns the byte and the index after the escape.
 */
export function decodeEscape(s: string, i: number): [number, number] {
  let q = i;
  let base = 8;
  let digits = 0;
  let n = 0;
  if (s[q] === "x") {
    q++;
    base = 16;
    digits++;
  }
  do {
    const ch = s.charCodeAt(q);
    let d = ch - 48;
    if (d < 0 || d >= 10) d = ((ch | 0x20) - 97 + 10) >>> 0;
    if (Number.isNaN(ch) || d >= base) {
      // "\x" with no hex digit: the "x" is left as a literal.
      if (base === 16 && --digits === 0) q--;
      break;
    }
    const r = n * base + d;
    if (r > 255) break;
    n = r;
    q++;
  } while (++digits < 3);
  if (digits === 0) {
    const m = MNEMONIC[s[q]];
    if (m !== undefined) return [m, q + 1];
    return [92, q];
  }
  return [n, q];
}

/**
 * Expands escapes the way echo -e and printf %b do: "\0NNN" (a 0 then up to 3 octal digits) is
 * accepted besides "\NNN". Stops at "\c" and reports it, so the caller can end its output there.
 */
export function expandEscapes(s: string): { text: string; stop: boolean } {
  let text = "";
  for (let i = 0; i < s.length; ) {
    const c = s[i++];
    if (c !== "\\") {
      text += c;
      continue;
    }
    if (s[i] === "c") return { text, stop: true };
    if (s[i] === "0" && s[i + 1] >= "0" && s[i + 1] <= "7") i++;
    const [byte, next] = decodeEscape(s, i);
    text += String.fromCharCode(byte);
    i = next;
  }
  return { text, stop: false };
}
