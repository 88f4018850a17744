/**
 * The overlay driver through the VFS, on a small hand-built machine: image-like layers (immutable)
 * or plain directories as lowers, an upper and a work directory on an ext4-like disk.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { FileEntry } from "../../../src/kernel/fs/entries";
import { overlayDriver } from "../../../src/kernel/fs/overlay";
import { simView } from "../../differential/overlay-compare";
import {
  attempt,
  mountLayer,
  mountOverlay,
  newSimHost,
  type Sim,
  writeTree,
} from "../../differential/overlay-sim";

const T = 1_000_000_000;
const dir = (path: string, mode = 0o755, xattrs?: Record<string, string>): FileEntry => ({
  path,
  type: "dir",
  mode,
  uid: 0,
  gid: 0,
  mtime: T,
  xattrs,
});
const file = (path: string, content: string, mode = 0o644, uid = 0): FileEntry => ({
  path,
  type: "file",
  mode,
  uid,
  gid: uid,
  mtime: T + 1,
  content,
});
const whiteout = (path: string): FileEntry => ({
  path,
  type: "char",
  mode: 0,
  uid: 0,
  gid: 0,
  mtime: T,
  rdev: [0, 0],
});
const symlink = (path: string, target: string): FileEntry => ({
  path,
  type: "symlink",
  mode: 0o777,
  uid: 0,
  gid: 0,
  mtime: T,
  target,
});
const OPAQUE = { "trusted.overlay.opaque": "y" };

/** Two image layers (top first) and an empty upper, mounted at /merged. */
function setup(layers: FileEntry[][], opts: { upper?: boolean } = {}): Sim {
  const sim = newSimHost();
  layers.forEach((entries, i) => {
    sim.posix.mkdirs(`/l${i}`);
    mountLayer(sim, `/l${i}`, entries);
  });
  const lowerdir = `lowerdir=${layers.map((_, i) => `/l${i}`).join(":")}`;
  if (opts.upper === false) {
    sim.posix.mkdirs("/merged");
    mountOverlay(sim, "/merged", lowerdir);
    return sim;
  }
  writeTree(sim, "/upper", [{ path: "", kind: "dir", mode: 0o755, uid: 0, mtime: T }]);
  sim.posix.mkdirs("/work");
  sim.posix.mkdirs("/merged");
  mountOverlay(sim, "/merged", `${lowerdir},upperdir=/upper,workdir=/work`);
  return sim;
}

const merged = (sim: Sim) => simView(sim, "/merged", null, false).entries;
const upper = (sim: Sim) => simView(sim, "/upper", null, true).entries;
const tick = (sim: Sim) => {
  sim.h.clockUsec += 1e6;
};

describe("overlay lookup and readdir", () => {
  let sim: Sim;
  beforeEach(() => {
    sim = setup([
      [
        dir("etc"),
        file("etc/hostname", "top\n"),
        whiteout("etc/motd"),
        dir("opt", 0o755, OPAQUE),
        file("opt/new", "n"),
      ],
      [
        dir("etc"),
        file("etc/hostname", "bottom\n"),
        file("etc/motd", "hello\n"),
        file("etc/passwd", "root:x:0:0\n"),
        dir("opt"),
        file("opt/old", "o"),
        dir("var"),
        file("var/log", "a file below"),
        symlink("bin", "usr/bin"),
      ],
    ]);
  });

  it("merges directories top-down: whiteouts hide, opaque directories stop the merge", () => {
    expect(merged(sim)).toEqual([
      "bin symlink 777 0:0 n=1 s=7 t=1000000000 -> usr/bin",
      "etc dir 755 0:0 n=1 s=0 t=1000000000",
      'etc/hostname file 644 0:0 n=1 s=4 t=1000000001 "top\\n"',
      'etc/passwd file 644 0:0 n=1 s=11 t=1000000001 "root:x:0:0\\n"',
      "opt dir 755 0:0 n=2 s=0 t=1000000000",
      'opt/new file 644 0:0 n=1 s=1 t=1000000001 "n"',
      "var dir 755 0:0 n=2 s=0 t=1000000000",
      'var/log file 644 0:0 n=1 s=12 t=1000000001 "a file below"',
    ]);
    expect(attempt(() => sim.posix.stat("/merged/etc/motd"))).toBe("ENOENT");
    expect(attempt(() => sim.posix.stat("/merged/opt/old"))).toBe("ENOENT");
  });

  it("lists the bottom layer's names first, then the upper's, then the middle layers' (as Linux)", () => {
    sim.posix.writeFile("/merged/etc/issue", "upper\n");
    expect(sim.posix.readdir("/merged/etc")).toEqual(["passwd", "issue", "hostname"]);
    expect(sim.posix.readdir("/merged")).toEqual(["bin", "var", "etc", "opt"]);
  });

  it("lets a non-directory hide a lower directory, and ignores a lower non-directory under a directory", () => {
    const s = setup([
      [file("a", "file on top"), dir("b"), file("b/x", "x")],
      [dir("a"), file("a/inner", "i"), file("b", "plain")],
    ]);
    expect(merged(s)).toEqual([
      'a file 644 0:0 n=1 s=11 t=1000000001 "file on top"',
      "b dir 755 0:0 n=2 s=0 t=1000000000",
      'b/x file 644 0:0 n=1 s=1 t=1000000001 "x"',
    ]);
    expect(attempt(() => s.posix.stat("/merged/a/inner"))).toBe("ENOTDIR");
  });

  it("reports one st_dev, distinct inode numbers across layers, and nlink 1 for merged directories", () => {
    const st = (p: string) => sim.posix.stat(`/merged/${p}`);
    const devs = new Set(["", "etc", "etc/hostname", "etc/passwd", "var/log", "bin"].map((p) => st(p).dev));
    expect([...devs]).toEqual([0x2a]);
    // Both layers number their inodes from 1; the overlay keeps them apart (layer index << 24).
    expect(st("etc/hostname").ino).not.toBe(st("etc/passwd").ino);
    expect(st("etc/passwd").ino >= 2 ** 24 * 2).toBe(true);
    expect([st("").nlink, st("etc").nlink, st("var").nlink]).toEqual([1, 1, 2]);
    // d_ino matches st_ino, as it does on Linux with all layers on one filesystem.
    const entries = sim.vfs.readdir(sim.vfs.walk(sim.w, "/merged/etc", true));
    expect(entries.map((e) => e.ino)).toEqual(["passwd", "hostname"].map((n) => st(`etc/${n}`).ino));
  });
});

describe("copy-up", () => {
  let sim: Sim;
  beforeEach(() => {
    sim = setup([
      [dir("usr", 0o755), dir("usr/share", 0o700), file("usr/share/doc", "lower data", 0o640, 1000)],
    ]);
  });

  it("copies the file and its parents up with their attributes, and leaves the parents' times", () => {
    tick(sim);
    sim.posix.writeFile("/merged/usr/share/doc", "+more", true);
    expect(upper(sim)).toEqual([
      "usr dir 755 0:0 n=3 s=0 t=1000000000",
      "usr/share dir 700 0:0 n=2 s=0 t=1000000000",
      'usr/share/doc file 640 1000:1000 n=1 s=15 t=new "lower data+more"',
    ]);
    expect(merged(sim)).toEqual([
      "usr dir 755 0:0 n=1 s=0 t=1000000000",
      "usr/share dir 700 0:0 n=1 s=0 t=1000000000",
      'usr/share/doc file 640 1000:1000 n=1 s=15 t=new "lower data+more"',
    ]);
  });

  it("happens on open for writing, on chmod and on utimes, and keeps st_ino", () => {
    const before = sim.posix.stat("/merged/usr/share/doc").ino;
    sim.posix.openWrite("/merged/usr/share/doc", {});
    expect(upper(sim)).toEqual([
      "usr dir 755 0:0 n=3 s=0 t=1000000000",
      "usr/share dir 700 0:0 n=2 s=0 t=1000000000",
      'usr/share/doc file 640 1000:1000 n=1 s=10 t=1000000001 "lower data"',
    ]);
    expect(sim.posix.stat("/merged/usr/share/doc").ino).toBe(before);
    const s2 = setup([[file("f", "x"), file("g", "y")]]);
    s2.posix.chmod("/merged/f", 0o600);
    s2.posix.utimes("/merged/g", 1_200_000_000);
    expect(upper(s2)).toEqual([
      'f file 600 0:0 n=1 s=1 t=1000000001 "x"',
      'g file 644 0:0 n=1 s=1 t=1200000000 "y"',
    ]);
  });

  it("records the origin and marks the parent impure, as Linux does (hidden from the overlay)", () => {
    sim.posix.chmod("/merged/usr/share/doc", 0o600);
    const x = (p: string) => {
      const l = sim.vfs.walk(sim.w, p, false);
      return sim.vfs.drv(l.fs).listxattr(sim.h, sim.vfs.sb(l.fs), l.node).sort();
    };
    expect(x("/upper/usr")).toEqual(["trusted.overlay.impure", "trusted.overlay.origin"]);
    expect(x("/upper/usr/share/doc")).toEqual(["trusted.overlay.origin"]);
    expect(x("/merged/usr/share/doc")).toEqual([]);
  });

  it("marks a directory impure when a copied-up file moves into it", () => {
    const s2 = setup([[file("f", "x")]]);
    s2.posix.mkdir("/merged/d", 0o755);
    s2.posix.mkdir("/merged/e", 0o755);
    s2.posix.rename("/merged/f", "/merged/d/f");
    s2.posix.writeFile("/merged/e/new", "");
    s2.posix.rename("/merged/e/new", "/merged/d/new");
    const x = (p: string) => {
      const l = s2.vfs.walk(s2.w, p, false);
      return s2.vfs.drv(l.fs).listxattr(s2.h, s2.vfs.sb(l.fs), l.node).sort();
    };
    expect([x("/upper"), x("/upper/d"), x("/upper/e")]).toEqual([
      ["trusted.overlay.impure"],
      ["trusted.overlay.impure"],
      [],
    ]);
  });

  it("does not happen on read", () => {
    expect(sim.posix.readFile("/merged/usr/share/doc")).toBe("lower data");
    expect(upper(sim)).toEqual([]);
  });
});

describe("removal", () => {
  let sim: Sim;
  beforeEach(() => {
    sim = setup([[dir("d"), file("d/a", "a"), file("d/b", "b"), file("top", "t")]]);
  });

  it("leaves whiteouts that share one inode with $workdir/work", () => {
    tick(sim);
    sim.posix.unlink("/merged/top");
    sim.posix.unlink("/merged/d/a");
    expect(upper(sim)).toEqual([
      "d dir 755 0:0 n=2 s=0 t=new",
      "d/a whiteout 0 0:0 n=3 s=0 t=new",
      "top whiteout 0 0:0 n=3 s=0 t=new",
    ]);
    expect(simView(sim, "/work", null, false).entries).toEqual([
      "work dir 0 0:0 n=2 s=0 t=new",
      "work/#81 whiteout 0 0:0 n=3 s=0 t=new",
    ]);
    expect(merged(sim)).toEqual(["d dir 755 0:0 n=1 s=0 t=new", 'd/b file 644 0:0 n=1 s=1 t=1000000001 "b"']);
  });

  it("refuses rmdir while lower entries show, then whites the directory out; mkdir makes it opaque", () => {
    expect(attempt(() => sim.posix.rmdir("/merged/d"))).toBe("ENOTEMPTY");
    sim.posix.unlink("/merged/d/a");
    sim.posix.unlink("/merged/d/b");
    sim.posix.rmdir("/merged/d");
    expect(upper(sim)).toEqual(["d whiteout 0 0:0 n=2 s=0 t=new"]);
    sim.posix.mkdir("/merged/d", 0o755);
    expect(upper(sim)).toEqual(["d dir 755 0:0 n=2 s=0 t=new opaque"]);
    expect(sim.posix.readdir("/merged/d")).toEqual([]);
  });

  it("removes a file made in the upper layer without a whiteout", () => {
    sim.posix.writeFile("/merged/new", "n");
    sim.posix.unlink("/merged/new");
    expect(upper(sim)).toEqual([]);
  });
});

describe("rename and link", () => {
  let sim: Sim;
  beforeEach(() => {
    sim = setup([[dir("d"), file("d/f", "data"), file("g", "gee")]]);
  });

  it("moves a lower file by copying it up and whiting out the old name", () => {
    tick(sim);
    sim.posix.rename("/merged/d/f", "/merged/moved");
    expect(upper(sim)).toEqual([
      "d dir 755 0:0 n=2 s=0 t=new",
      "d/f whiteout 0 0:0 n=1 s=0 t=new",
      'moved file 644 0:0 n=1 s=4 t=1000000001 "data"',
    ]);
  });

  it("refuses to move a directory that has lower parts (EXDEV), but moves a new one and makes it opaque", () => {
    expect(attempt(() => sim.posix.rename("/merged/d", "/merged/e"))).toBe("EXDEV");
    sim.posix.mkdir("/merged/n", 0o755);
    sim.posix.rename("/merged/n", "/merged/d2");
    expect(upper(sim)).toEqual(["d2 dir 755 0:0 n=2 s=0 t=new opaque"]);
  });

  it("hard-links within the upper layer after copying the file up", () => {
    sim.posix.link("/merged/g", "/merged/d/h");
    sim.posix.writeFile("/merged/d/h", "!", true);
    expect(sim.posix.readFile("/merged/g")).toBe("gee!");
    const [a, b] = [sim.posix.stat("/merged/g"), sim.posix.stat("/merged/d/h")];
    expect([a.ino === b.ino, a.nlink, b.nlink]).toEqual([true, 2, 2]);
  });
});

describe("xattrs", () => {
  it("escapes overlayfs's own namespace and copies user attributes up", () => {
    const sim = setup([
      [{ ...file("f", "x"), xattrs: { "user.a": "1", "trusted.overlay.overlay.esc": "e" } }],
    ]);
    const drv = overlayDriver;
    const loc = sim.vfs.walk(sim.w, "/merged/f", false);
    const sb = sim.vfs.sb(loc.fs);
    expect(drv.listxattr(sim.h, sb, loc.node).sort()).toEqual(["trusted.overlay.esc", "user.a"]);
    expect(attempt(() => drv.getxattr(sim.h, sb, "", "trusted.overlay.opaque"))).toBe("ENODATA");
    drv.setxattr(sim.h, sb, loc.node, "trusted.overlay.mine", "m");
    const up = sim.vfs.walk(sim.w, "/upper/f", false);
    expect(sim.vfs.drv(up.fs).listxattr(sim.h, sim.vfs.sb(up.fs), up.node).sort()).toEqual([
      "trusted.overlay.origin",
      "trusted.overlay.overlay.esc",
      "trusted.overlay.overlay.mine",
      "user.a",
    ]);
  });
});

describe("read-only overlay and mount errors", () => {
  it("says EROFS to every write", () => {
    const sim = setup([[file("a", "1")], [file("b", "2")]], { upper: false });
    expect(merged(sim)).toEqual([
      'a file 644 0:0 n=1 s=1 t=1000000001 "1"',
      'b file 644 0:0 n=1 s=1 t=1000000001 "2"',
    ]);
    const p = sim.posix;
    expect([
      attempt(() => p.writeFile("/merged/a", "x")),
      attempt(() => p.writeFile("/merged/c", "x")),
      attempt(() => p.unlink("/merged/a")),
      attempt(() => p.mkdir("/merged/d", 0o755)),
      attempt(() => p.chmod("/merged/b", 0o600)),
      attempt(() => p.rename("/merged/a", "/merged/z")),
      attempt(() => p.mkdir("/merged/a", 0o755)),
    ]).toEqual(["EROFS", "EROFS", "EROFS", "EROFS", "EROFS", "EROFS", "EEXIST"]);
  });

  it("checks the mount data as Linux does", () => {
    const sim = newSimHost();
    for (const d of ["/l", "/l2", "/u", "/w"]) sim.posix.mkdirs(d);
    sim.posix.writeFile("/f", "");
    sim.posix.mkdirs("/m");
    const mount = (data: string) => attempt(() => mountOverlay(sim, "/m", data));
    expect([
      mount("lowerdir=/l"),
      mount("upperdir=/u,workdir=/w"),
      mount("lowerdir=/l,upperdir=/u"),
      mount("lowerdir=/l,upperdir=/u,workdir=/u"),
      mount("lowerdir=/nope,upperdir=/u,workdir=/w"),
      mount("lowerdir=/f,upperdir=/u,workdir=/w"),
      mount("lowerdir=/l,upperdir=/u,workdir=/w,bogus=1"),
      mount("lowerdir=/l,upperdir=/u,workdir=/w,metacopy=on"),
      mount("lowerdir=/l:/l2"),
      mount("lowerdir=/l,upperdir=/u,workdir=/w,redirect_dir=off"),
    ]).toEqual(["EINVAL", "EINVAL", "EINVAL", "EINVAL", "ENOENT", "EINVAL", "EINVAL", "EINVAL", "ok", "ok"]);
    expect(simView(sim, "/w", null, false).entries).toEqual(["work dir 0 0:0 n=2 s=0 t=new"]);
  });
});

describe("lowers as plain directories", () => {
  it("merges directories of the disk like layers", () => {
    const sim = newSimHost();
    writeTree(sim, "/lower", [
      { path: "", kind: "dir", mode: 0o755, uid: 0, mtime: T },
      { path: "x", kind: "file", mode: 0o644, uid: 0, mtime: T, content: "below" },
    ]);
    writeTree(sim, "/upper", [{ path: "", kind: "dir", mode: 0o755, uid: 0, mtime: T }]);
    sim.posix.mkdirs("/work");
    sim.posix.mkdirs("/merged");
    mountOverlay(sim, "/merged", "lowerdir=/lower,upperdir=/upper,workdir=/work");
    sim.posix.writeFile("/merged/x", "above", true);
    expect(merged(sim)).toEqual(['x file 644 0:0 n=1 s=10 t=new "belowabove"']);
    // All layers on one filesystem: real inode numbers, and the copy keeps the lower one.
    const lowerIno = sim.posix.stat("/lower/x").ino;
    expect(sim.posix.stat("/merged/x").ino).toBe(lowerIno);
  });

  it("puts a directory above image layers, as a container's init layer is", () => {
    const sim = newSimHost();
    writeTree(sim, "/init", [
      { path: "", kind: "dir", mode: 0o755, uid: 0, mtime: T },
      { path: "etc", kind: "dir", mode: 0o755, uid: 0, mtime: T },
      { path: "etc/hostname", kind: "file", mode: 0o644, uid: 0, mtime: T, content: "" },
      { path: "etc/motd", kind: "whiteout", mode: 0, uid: 0, mtime: T },
      { path: "dev", kind: "dir", mode: 0o755, uid: 0, mtime: T, opaque: true },
      { path: "lib", kind: "file", mode: 0o644, uid: 0, mtime: T, content: "not a dir" },
    ]);
    const layers = [
      [
        dir("etc"),
        file("etc/os-release", "ID=test\n"),
        file("etc/motd", "hi\n"),
        dir("dev"),
        file("dev/old", ""),
      ],
      [dir("etc"), file("etc/hostname", "image\n"), dir("lib"), file("lib/libc.so", "elf")],
    ];
    layers.forEach((entries, i) => {
      sim.posix.mkdirs(`/l${i}`);
      mountLayer(sim, `/l${i}`, entries);
    });
    writeTree(sim, "/upper", [{ path: "", kind: "dir", mode: 0o755, uid: 0, mtime: T }]);
    sim.posix.mkdirs("/work");
    sim.posix.mkdirs("/merged");
    mountOverlay(sim, "/merged", "lowerdir=/init:/l0:/l1,upperdir=/upper,workdir=/work");
    // Twice: the second walk is served by the memo of the two layers.
    for (let round = 0; round < 2; round++) {
      expect(merged(sim)).toEqual([
        "dev dir 755 0:0 n=2 s=0 t=1000000000",
        "etc dir 755 0:0 n=1 s=0 t=1000000000",
        'etc/hostname file 644 0:0 n=1 s=0 t=1000000000 ""',
        'etc/os-release file 644 0:0 n=1 s=8 t=1000000001 "ID=test\\n"',
        'lib file 644 0:0 n=1 s=9 t=1000000000 "not a dir"',
      ]);
      expect(sim.posix.readdir("/merged/etc")).toEqual(["hostname", "os-release"]);
    }
  });
});
