/**
 * Pending directories (diskfs holdPending): entries described, made on the first look that needs
 * them, one directory level at a time, with the directory's time; until then a stat, or a lookup
 * of a name they do not have, makes nothing.
 */
import { describe, expect, it } from "vitest";
import { Errno } from "../../../src/kernel";
import { diskDriver, holdPending, newDiskFs } from "../../../src/kernel/fs/diskfs";
import type { FsHost } from "../../../src/kernel/fs/driver";
import type { FileEntry } from "../../../src/kernel/fs/entries";
import type { DiskFs } from "../../../src/kernel/world";

const T = 1_768_467_600_123_456;
/** When the directory was made (the host clock at setup), in seconds: the time its entries get. */
const MADE = Math.floor((T + 5_000_000) / 1e6);
const e = (path: string, type: FileEntry["type"], more: Partial<FileEntry> = {}): FileEntry => ({ path, type, mode: type === "dir" ? 0o755 : 0o644, uid: 0, gid: 0, mtime: 1, ...more });
const INIT_LAYER = { dirTimes: true, entries: Object.freeze([
  e("dev", "dir"),
  e("dev/pts", "dir"),
  e("etc", "dir"),
  e("etc/hostname", "file", { content: "" }),
  e("etc/mtab", "symlink", { mode: 0o777, target: "/proc/mounts" }),
  e(".dockerenv", "file", { content: "" }),
]) };

function setup() {
  const fs = newDiskFs("fs1", "ext4", 1, T) as DiskFs;
  const host = { w: { config: { diskSize: 2 ** 30 } }, now: () => T + 5_000_000, driver: () => diskDriver, layer: () => ({}) } as unknown as FsHost;
  const dir = diskDriver.create(host, fs, fs.rootIno, "diff", { type: "dir", perm: 0o755, uid: 0, gid: 0 }) as number;
  holdPending(fs, dir, INIT_LAYER);
  const count = () => Object.keys(fs.inodes).length;
  return { fs, host, dir, count, made: count() };
}

describe("pending directories", () => {
  it("answer a stat and a lookup of a name they lack without making anything", () => {
    const { fs, host, dir, count, made } = setup();
    expect(diskDriver.getattr(host, fs, dir).nlink).toBe(4);
    expect(diskDriver.tryLookup!(host, fs, dir, "bin")).toBeNull();
    expect(() => diskDriver.lookup(host, fs, dir, "bin")).toThrow(Errno);
    expect(count()).toBe(made);
  });

  it("make one level when a name they have is looked up, with the directory's time", () => {
    const { fs, host, dir, count, made } = setup();
    const etc = diskDriver.lookup(host, fs, dir, "etc");
    expect(count()).toBe(made + 3);
    expect(diskDriver.readdir(host, fs, dir).map((d) => d.name)).toEqual(["dev", "etc", ".dockerenv"]);
    expect(diskDriver.getattr(host, fs, etc).mtime).toBe(MADE);
    expect(diskDriver.getattr(host, fs, dir).nlink).toBe(4);
    expect(diskDriver.tryLookup!(host, fs, etc, "passwd")).toBeNull();
    expect(count()).toBe(made + 3);
    const mtab = diskDriver.lookup(host, fs, etc, "mtab");
    expect(diskDriver.readlink(host, fs, mtab)).toBe("/proc/mounts");
    expect(count()).toBe(made + 5);
  });

  it("keep their own times unless made with the directory", () => {
    const { fs, host, dir } = setup();
    const sub = diskDriver.create(host, fs, fs.rootIno, "tree", { type: "dir", perm: 0o755, uid: 0, gid: 0 }) as number;
    holdPending(fs, sub, { dirTimes: false, entries: INIT_LAYER.entries });
    expect(diskDriver.getattr(host, fs, diskDriver.lookup(host, fs, sub, "etc")).mtime).toBe(1);
    expect(diskDriver.getattr(host, fs, diskDriver.lookup(host, fs, dir, "etc")).mtime).toBe(MADE);
  });

  it("count as made for statfs", () => {
    const { fs, host, dir } = setup();
    const before = diskDriver.statfs!(host, fs);
    diskDriver.readdir(host, fs, diskDriver.lookup(host, fs, diskDriver.lookup(host, fs, dir, "etc"), "."));
    diskDriver.lookup(host, fs, diskDriver.lookup(host, fs, dir, "dev"), "pts");
    expect(diskDriver.statfs!(host, fs)).toEqual(before);
  });

  it("are not empty, and a change of the directory's time makes them first", () => {
    const { fs, host, dir } = setup();
    const dev = diskDriver.lookup(host, fs, dir, "dev");
    const code = (f: () => void) => {
      try {
        f();
        return "ok";
      } catch (err) {
        return (err as Errno).code;
      }
    };
    expect(code(() => diskDriver.rmdir(host, fs, dev, "nope"))).toBe("ENOENT");
    expect(code(() => diskDriver.rmdir(host, fs, fs.rootIno, "diff"))).toBe("ENOTEMPTY");
    diskDriver.setattr(host, fs, dev, { mtime: 0 });
    const pts = diskDriver.lookup(host, fs, dev, "pts");
    expect(diskDriver.getattr(host, fs, pts).mtime).toBe(MADE);
    expect(diskDriver.getattr(host, fs, dev).mtime).toBe(0);
  });
});
