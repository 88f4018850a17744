/**
 * UTF-8 over byte strings (one char per byte), the way Go's unicode/utf8 sees a Go string.
 * Chars above 0xff (a JS string that was never encoded) are taken as one rune each.
 */

export const RUNE_ERROR = 0xfffd;

/** Go's utf8.DecodeRuneInString at byte offset i: [rune, size]; invalid input gives [RUNE_ERROR, 1]. */
export function decodeRune(s: string, i: number): [number, number] {
  const b = s.charCodeAt(i);
  if (b < 0x80) return [b, 1];
  if (b > 0xff) return [b, 1];
  let len: number;
  let min: number;
  let rune: number;
  if (b >= 0xc2 && b <= 0xdf) [len, rune, min] = [2, b & 0x1f, 0x80];
  else if (b >= 0xe0 && b <= 0xef) [len, rune, min] = [3, b & 0x0f, 0x800];
  else if (b >= 0xf0 && b <= 0xf4) [len, rune, min] = [4, b & 0x07, 0x10000];
  else return [RUNE_ERROR, 1];
  if (i + len > s.length) return [RUNE_ERROR, 1];
  for (let k = 1; k < len; k++) {
    const c = s.charCodeAt(i + k);
    if (c < 0x80 || c > 0xbf) return [RUNE_ERROR, 1];
    rune = (rune << 6) | (c & 0x3f);
  }
  if (rune < min || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff)) return [RUNE_ERROR, 1];
  return [rune, len];
}

/** The runes of a byte string, as `for _, r := range s` yields them. */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; ) {
    const [r, n] = decodeRune(s, i);
    out.push(r);
    i += n;
  }
  return out;
}

export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; n++) i += decodeRune(s, i)[1];
  return n;
}

/** UTF-8 bytes of one rune (invalid runes become U+FFFD, as Go's utf8.AppendRune does). */
export function encodeRune(r: number): string {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = RUNE_ERROR;
  if (r < 0x80) return String.fromCharCode(r);
  if (r < 0x800) return String.fromCharCode(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
  if (r < 0x10000) return String.fromCharCode(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
  return String.fromCharCode(
    0xf0 | (r >> 18),
    0x80 | ((r >> 12) & 0x3f),
    0x80 | ((r >> 6) & 0x3f),
    0x80 | (r & 0x3f),
  );
}

/** A JS (UTF-16) string as a UTF-8 byte string. */
export function toBytes(s: string): string {
  let out = "";
  for (const ch of s) out += encodeRune(ch.codePointAt(0) ?? 0);
  return out;
}

/** The first `n` runes of a byte string. */
export function firstRunes(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) i += decodeRune(s, i)[1];
  return s.slice(0, i);
}
