import { describe, expect, it } from "vitest";
import { type Gen, type ProgramDef, type Sys, Errno } from "../../src/kernel";
import { newHost, run } from "../helpers/host";

/** A test program: runs `body`, prints what it returns, and reports an Errno as "ERR CODE". */
function probe(body: (sys: Sys) => unknown): ProgramDef {
  return {
    name: "probe",
    *main(sys): Gen<number> {
      try {
        const r = body(sys);
        yield* sys.write(1, `${typeof r === "string" ? r : JSON.stringify(r)}\n`);
        return 0;
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        yield* sys.write(1, `ERR ${e.code}\n`);
        return 1;
      }
    },
  };
}

function call(body: (sys: Sys) => unknown, opts: { uid?: number } = {}) {
  const k = newHost({ extra: [probe(body)] });
  return run(k, ["probe"], opts).stdout.trim();
}

describe("path resolution and errors", () => {
  it("reports POSIX errors by name", () => {
    expect(call((s) => s.stat("/nope"))).toBe("ERR ENOENT");
    expect(call((s) => s.mkdir("/etc"))).toBe("ERR EEXIST");
    expect(call((s) => s.stat("/etc/passwd/x"))).toBe("ERR ENOTDIR");
    expect(call((s) => s.open("/etc", { write: true }))).toBe("ERR EISDIR");
    expect(call((s) => s.rmdir("/etc"))).toBe("ERR ENOTEMPTY");
    expect(call((s) => s.readdir("/root"), { uid: 1000 })).toBe("ERR EACCES");
    expect(call((s) => s.chown("/etc/passwd", 1000, 1000), { uid: 1000 })).toBe("ERR EPERM");
    expect(call((s) => s.stat(`/${"a".repeat(256)}`))).toBe("ERR ENAMETOOLONG");
    expect(call((s) => s.rmdir("/proc"))).toBe("ERR EBUSY");
  });

  it("follows symlinks, and detects loops with ELOOP", () => {
    expect(
      call((s) => {
        s.symlink("/tmp/b", "/tmp/a");
        s.symlink("/tmp/a", "/tmp/b");
        return s.stat("/tmp/a");
      }),
    ).toBe("ERR ELOOP");
    expect(call((s) => s.readFile("/etc/os-release").split("\n")[0])).toBe('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect(call((s) => s.realpath("/etc/./os-release"))).toBe("/usr/lib/os-release");
    // /bin is a link to usr/bin, so /bin/.. is /usr, as on Linux.
    expect(call((s) => s.realpath("/bin/../lib"))).toBe("/usr/lib");
  });

  it("keeps hard links as one inode with a link count", () => {
    expect(
      call((s) => {
        s.writeFile("/tmp/f", "data");
        s.link("/tmp/f", "/tmp/g");
        s.writeFile("/tmp/g", "more", { append: true });
        const a = s.stat("/tmp/f");
        const b = s.stat("/tmp/g");
        return [a.ino === b.ino, a.nlink, s.readFile("/tmp/f")];
      }),
    ).toBe('[true,2,"datamore"]');
  });

  it("refuses writes on read-only mounts (EROFS) and renames across mounts (EXDEV)", () => {
    expect(
      call((s) => {
        s.mkdir("/mnt/ro");
        s.mount("/etc", "/mnt/ro", "", { flags: ["bind"] });
        s.mount("none", "/mnt/ro", "", { flags: ["remount", "bind", "ro"] });
        return s.writeFile("/mnt/ro/x", "y");
      }),
    ).toBe("ERR EROFS");
    expect(
      call((s) => {
        s.writeFile("/tmp/file", "x");
        return s.rename("/tmp/file", "/run/file");
      }),
    ).toBe("ERR EXDEV");
  });

  it("serves the character devices", () => {
    expect(call((s) => [s.readFile("/dev/null"), s.stat("/dev/null").rdev])).toBe('["",[1,3]]');
    expect(
      call((s) => {
        const fd = s.open("/dev/zero", { read: true });
        return s.pread(fd, 4, 0) === "" ? "pread-on-device" : "";
      }),
    ).toBe("ERR ESPIPE");
  });

  it("mounts tmpfs with a size and reports it in /proc/mounts", () => {
    expect(
      call((s) => {
        s.mkdir("/mnt/t");
        s.mount("tmpfs", "/mnt/t", "tmpfs", { data: "size=64m" });
        s.writeFile("/mnt/t/a", "hello");
        return s.readFile("/proc/mounts").split("\n").filter((l) => l.includes("/mnt/t"))[0];
      }),
    ).toBe("tmpfs /mnt/t tmpfs rw,relatime,size=65536k 0 0");
  });

  it("umount refuses a busy mount with EBUSY", () => {
    expect(
      call((s) => {
        s.mkdir("/mnt/t");
        s.mount("tmpfs", "/mnt/t", "tmpfs", {});
        s.chdir("/mnt/t");
        return s.umount("/mnt/t");
      }),
    ).toBe("ERR EBUSY");
  });
});

describe("open with O_CREAT", () => {
  it("creates the target of a dangling symlink, as Linux does", () => {
    expect(
      call((s) => {
        s.symlink("real", "/tmp/link");
        s.writeFile("/tmp/link", "via link");
        return [s.readFile("/tmp/real"), s.lstat("/tmp/link").type];
      }),
    ).toBe('["via link","symlink"]');
  });
});
