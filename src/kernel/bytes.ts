/** Byte strings: one char per byte (0..255). File data and streams in the kernel are byte strings. */

// Hand-written UTF-8: TextEncoder/TextDecoder are not part of the ES library the kernel compiles with.

export function utf8Encode(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Decodes UTF-8 as the WHATWG decoder does: each maximal invalid subpart becomes one U+FFFD. */
export function utf8Decode(bytes: string): string {
  let out = "";
  let cp = 0;
  let need = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    if (need === 0) {
      if (b < 0x80) out += bytes[i];
      else if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        need = 2;
        cp = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        need = 3;
        cp = b & 0x7;
      } else out += "\ufffd";
      continue;
    }
    if (b < lower || b > upper) {
      cp = need = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      out += "\ufffd";
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === need) {
      out += String.fromCodePoint(cp);
      cp = need = seen = 0;
    }
  }
  if (need !== 0) out += "\ufffd";
  return out;
}

export function toUint8(bytes: string): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i) & 0xff;
  return out;
}

export function fromUint8(arr: Uint8Array): string {
  let out = "";
  for (let i = 0; i < arr.length; i += 8192) {
    out += String.fromCharCode(...arr.subarray(i, i + 8192));
  }
  return out;
}
