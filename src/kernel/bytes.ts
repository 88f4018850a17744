/** Byte strings: one char per byte (0..255). File data and streams in the kernel are byte strings. */

export function utf8Encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

export function utf8Decode(bytes: string): string {
  return new TextDecoder().decode(toUint8(bytes));
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
