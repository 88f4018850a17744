import { describe, expect, it } from "vitest";
import { utf8Decode, utf8Encode } from "../../src/kernel/bytes";

describe("UTF-8 byte strings", () => {
  it("encodes and decodes like TextEncoder/TextDecoder", () => {
    for (const s of ["", "abc", "año ñandú", "€", "𝄞 music", "日本語"]) {
      const bytes = utf8Encode(s);
      expect([...bytes].map((c) => c.charCodeAt(0))).toEqual([...new TextEncoder().encode(s)]);
      expect(utf8Decode(bytes)).toBe(s);
    }
  });
  it("replaces malformed sequences with U+FFFD", () => {
    for (const raw of ["\xff", "a\xc3", "\xe2\x82", "\xc0\xaf", "\xed\xa0\x80x"]) {
      const arr = Uint8Array.from([...raw].map((c) => c.charCodeAt(0)));
      expect(utf8Decode(raw)).toBe(new TextDecoder().decode(arr));
    }
  });
});
