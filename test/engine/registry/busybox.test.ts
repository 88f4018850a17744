import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FileEntry } from "../../../src/kernel/fs/entries";
import { catalog } from "../../../src/engine/registry";
import { BUSYBOX_GROUP, BUSYBOX_PASSWD } from "../../../src/engine/registry/images/busybox";

const TYPE_CHAR: Record<FileEntry["type"], string> = {
  file: "-",
  dir: "d",
  symlink: "l",
  hardlink: "h",
  char: "c",
  block: "b",
  fifo: "p",
};

function modeString(e: FileEntry): string {
  const m = e.mode;
  const rwx = (bits: number, special: boolean, ch: string) =>
    `${bits & 4 ? "r" : "-"}${bits & 2 ? "w" : "-"}${special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? "x" : "-"}`;
  return (
    TYPE_CHAR[e.type] +
    rwx(m >> 6, (m & 0o4000) !== 0, "s") +
    rwx(m >> 3, (m & 0o2000) !== 0, "s") +
    rwx(m, (m & 0o1000) !== 0, "t")
  );
}

/** The same listing as the fixture: tar -tv's mode, uid/gid, size, path (dirs end with "/"). */
function listing(entries: readonly FileEntry[]): string[] {
  return entries
    .map((e) => {
      const size = e.type === "file" ? (e.size ?? e.content?.length ?? 0) : 0;
      const path = e.type === "dir" ? `${e.path}/` : e.path;
      return `${modeString(e)} ${e.uid}/${e.gid} ${size} ${path}${e.type === "symlink" ? ` -> ${e.target}` : ""}`;
    })
    .sort((a, b) => {
      const pa = a.split(" ")[3];
      const pb = b.split(" ")[3];
      return pa < pb ? -1 : pa > pb ? 1 : 0;
    });
}

describe("busybox image", () => {
  const resolved = catalog.resolve("library/busybox", "latest");
  if (!resolved.ok) throw new Error(resolved.error);
  const img = resolved.image;
  const entries = img.layers[0].layer.entries();

  it("has exactly the tree of the reference image built by real-docker.sh", () => {
    const reference = readFileSync(new URL("./fixtures/busybox-reference-layer.txt", import.meta.url), "utf8")
      .split("\n")
      .filter((l) => l && !l.startsWith("#"));
    expect(listing(entries)).toEqual(reference);
  });

  it("carries the reference /etc/passwd and /etc/group byte for byte", () => {
    const file = (p: string) => entries.find((e) => e.path === p)?.content;
    expect(file("etc/passwd")).toBe(BUSYBOX_PASSWD);
    expect(BUSYBOX_PASSWD).toBe(
      "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\n" +
        "sys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\n" +
        "www-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\n" +
        "nobody:x:65534:65534:nobody:/home:/bin/false\n",
    );
    expect(file("etc/group")).toBe(BUSYBOX_GROUP);
    expect(BUSYBOX_GROUP.length).toBe(307);
    expect(BUSYBOX_GROUP.split("\n")[10]).toBe("wheel:x:10:root");
  });

  it("runs the busybox program for the binary and every applet link", () => {
    const bin = entries.find((e) => e.path === "bin/busybox")!;
    expect(bin).toMatchObject({ type: "file", prog: "busybox", size: 1982256, mode: 0o755 });
    const links = entries.filter((e) => e.type === "symlink");
    expect(links).toHaveLength(268);
    expect(links.every((l) => l.target === "busybox" && l.path.startsWith("bin/"))).toBe(true);
  });

  it("has the reference image's size and config", () => {
    // `docker image inspect busybox` on the reference: "Size": 1984779
    expect(img.size).toBe(1984779);
    const config = JSON.parse(img.configJson);
    expect(config.config).toEqual({
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
      Cmd: ["sh"],
    });
    expect(config.architecture).toBe("amd64");
    expect(config.os).toBe("linux");
  });
});
