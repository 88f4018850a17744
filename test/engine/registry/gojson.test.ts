import { describe, expect, it } from "vitest";
import {
  digestOf,
  goMarshal,
  goMarshalIndent,
  layerMeta,
  serializeLayer,
  sha256Hex,
} from "../../../src/engine/registry";
import type { FileEntry } from "../../../src/kernel/fs/entries";

describe("Go-compatible JSON", () => {
  it("escapes like encoding/json (HTML-safe, U+2028) and keeps field order", () => {
    expect(goMarshal({ b: 'a<b>&"c"\\\n\t\u0001\u2028', a: [1, true, null], e: [] })).toBe(
      '{"b":"a\\u003cb\\u003e\\u0026\\"c\\"\\\\\\n\\t\\u0001\\u2028","a":[1,true,null],"e":[]}',
    );
  });

  it("omits undefined members like omitempty and writes UTF-8 bytes", () => {
    expect(goMarshal({ x: undefined, y: "é" })).toBe('{"y":"\u00c3\u00a9"}');
  });

  it("indents like json.MarshalIndent", () => {
    expect(goMarshalIndent({ schemaVersion: 2, layers: [{ size: 1 }], m: {} }, "   ")).toBe(
      '{\n   "schemaVersion": 2,\n   "layers": [\n      {\n         "size": 1\n      }\n   ],\n   "m": {}\n}',
    );
  });
});

describe("content addressing", () => {
  const entries: FileEntry[] = [
    { path: "bin", type: "dir", mode: 0o755, uid: 0, gid: 0, mtime: 1 },
    { path: "bin/sh", type: "file", mode: 0o755, uid: 0, gid: 0, mtime: 1, prog: "busybox", size: 1000 },
    { path: "etc/hostname", type: "file", mode: 0o644, uid: 0, gid: 0, mtime: 1, content: "box\n" },
  ];

  it("hashes with sha256", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(digestOf("")).toBe("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("serializes entries canonically, whatever their order", () => {
    expect(serializeLayer([...entries].reverse())).toBe(serializeLayer(entries));
    expect(serializeLayer(entries)).toBe(
      "bin\0dir 755 0 0 1 0\nbin/sh\0file 755 0 0 1 1000 prog=busybox\netc/hostname\0file 644 0 0 1 4\nbox\n",
    );
  });

  it("gives a diffID, a distinct blob digest and a plausible compressed size", () => {
    const m = layerMeta(entries);
    expect(m.diffID).toBe(digestOf(serializeLayer(entries)));
    expect(m.digest).not.toBe(m.diffID);
    expect(m.size).toBe(1004);
    expect(m.compressedSize).toBeGreaterThan(450);
    expect(m.compressedSize).toBeLessThan(1004);
  });

  it("changes the diffID when metadata changes", () => {
    const chmod = entries.map((e) => (e.path === "bin/sh" ? { ...e, mode: 0o700 } : e));
    expect(layerMeta(chmod).diffID).not.toBe(layerMeta(entries).diffID);
  });
});
