import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readTar, type TarItem, TarError, writeTar } from "../../../src/engine/images/tar";

/** Fixtures recorded from dockerd 20.10 (Go archive/tar): `docker cp c:/d -`, long names, a commit layer. */
function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url)).toString("latin1");
}

const asItems = (bytes: string): TarItem[] =>
  readTar(bytes).map((m) => ({
    name: m.name,
    entry: m.entry,
    uname: m.uname,
    gname: m.gname,
    // Whiteout files carry bare permission bits (Go's converter sets Mode = 0600 or perm only).
    mode: m.entry.path.split("/").pop()?.startsWith(".wh.") ? m.entry.mode : undefined,
  }));

describe("tar as Go's archive/tar writes it", () => {
  for (const name of ["cp-dir.tar", "cp-long-names.tar", "commit-layer.tar"]) {
    it(`reads ${name} and writes it back byte for byte`, () => {
      const bytes = fixture(name);
      expect(writeTar(asItems(bytes))).toBe(bytes);
    });
  }

  it("reads names, types, modes, links and devices", () => {
    const members = readTar(fixture("cp-long-names.tar"));
    expect(members.map((m) => [m.name, m.entry.type, m.entry.mode.toString(8), m.entry.target ?? "", m.entry.rdev?.join(",") ?? ""])).toEqual([
      ["long/", "dir", "755", "", ""],
      [`long/${"a".repeat(62)}/`, "dir", "755", "", ""],
      [`long/${"a".repeat(62)}/${"b".repeat(91)}/`, "dir", "755", "", ""],
      ["long/cdev", "char", "644", "", "1,3"],
      ["long/fifo", "fifo", "644", "", ""],
      ["long/sym", "symlink", "777", `/long/x${"0".repeat(150)}`, ""],
      [`long/x${"0".repeat(150)}`, "file", "644", "", ""],
    ]);
    expect(readTar(fixture("cp-dir.tar")).map((m) => [m.entry.path, m.entry.content ?? null, m.entry.mtime, m.uname])).toEqual([
      ["d", null, 1795815718, "root"],
      ["d/a.txt", "hi\n", 1795815714, "root"],
      ["d/hostname", "vm\n", 1795813089, "root"],
      ["d/link", null, 1795815714, "root"],
      ["d/sub", null, 1795815714, "root"],
      ["d/sub/b", "x\n", 1795815714, "root"],
    ]);
  });

  it("uses a PAX header for a name that cannot be split, and reads it back", () => {
    const long = `${"n".repeat(120)}.txt`;
    const bytes = writeTar([{ name: long, entry: { path: long, type: "file", mode: 0o644, uid: 0, gid: 0, mtime: 5, content: "x" } }]);
    expect(bytes.slice(0, 100).replace(/\0+$/, "")).toBe(`PaxHeaders.0/${"n".repeat(87)}`);
    expect(bytes[156]).toBe("x");
    expect(bytes.slice(512, 512 + 134)).toBe(`134 path=${long}\n`);
    expect(readTar(bytes).map((m) => m.entry.path)).toEqual([long]);
  });

  it("reports a cut-off archive and a block that is not a header as Go does", () => {
    const bytes = fixture("cp-dir.tar");
    expect(() => readTar(bytes.slice(0, 700))).toThrow(new TarError("unexpected EOF"));
    expect(() => readTar("hello\n".padEnd(1024, "\0").replace(/^/, "x".repeat(512)))).toThrow(new TarError("archive/tar: invalid tar header"));
    expect(readTar("")).toEqual([]);
  });
});
