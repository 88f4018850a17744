/**
 * File utilities in situations recorded cases cannot set up: another filesystem (mv across devices),
 * a terminal (ls columns), and outputs that show inode and device numbers of the simulated disk.
 */
import { describe, expect, it } from "vitest";
import { newHost, run, terminal } from "../../helpers/host";

describe("mv across filesystems", () => {
  it("falls back to copy and delete when rename fails with EXDEV", () => {
    const k = newHost();
    expect(run(k, ["mkdir", "-p", "/tmp/m/d/e"]).code).toBe(0);
    expect(run(k, ["dd", "of=/tmp/m/d/e/f", "status=none"], { stdin: "data\n" }).code).toBe(0);
    expect(run(k, ["chmod", "750", "/tmp/m/d/e"]).code).toBe(0);
    expect(run(k, ["mv", "-v", "/tmp/m/d", "/dev/shm/"])).toEqual({
      stdout: "'/tmp/m/d' -> '/dev/shm/d'\n",
      stderr: "",
      code: 0,
    });
    expect(run(k, ["ls", "-A", "/tmp/m"])).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(run(k, ["stat", "-c", "%A %s %n", "/dev/shm/d", "/dev/shm/d/e", "/dev/shm/d/e/f"]).stdout).toBe(
      "drwxr-xr-x 4096 /dev/shm/d\ndrwxr-x--- 4096 /dev/shm/d/e\n-rw-r--r-- 5 /dev/shm/d/e/f\n",
    );
    expect(run(k, ["cat", "/dev/shm/d/e/f"]).stdout).toBe("data\n");
  });

  it("will not put a directory where a file is", () => {
    const k = newHost();
    run(k, ["mkdir", "/tmp/dir"]);
    run(k, ["touch", "/dev/shm/dir"]);
    expect(run(k, ["mv", "-T", "/tmp/dir", "/dev/shm/dir"])).toEqual({
      stdout: "",
      stderr: "mv: can't overwrite non-directory with directory\n",
      code: 1,
    });
  });
});

describe("stat default format", () => {
  it("shows the inode, device and link count of the simulated disk", () => {
    const k = newHost();
    run(k, ["mkdir", "/tmp/s"]);
    const ino = run(k, ["stat", "-c", "%i", "/tmp/s"]).stdout.trim();
    const [dec, hex] = run(k, ["stat", "-c", "%d %D", "/tmp/s"]).stdout.trim().split(" ");
    run(k, ["touch", "-d", "2020-01-02 03:04:05", "/tmp/s"]);
    const out = run(k, ["stat", "/tmp/s"]).stdout;
    const lines = out.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "  File: /tmp/s",
      "  Size: 4096      \tBlocks: 8          IO Block: 4096   directory",
      `Device: ${hex}h/${dec}d\tInode: ${ino.padEnd(10)}  Links: 2`,
      "Access: (0755/drwxr-xr-x)  Uid: (    0/    root)   Gid: (    0/    root)",
    ]);
  });

  it("shows a device's major and minor numbers", () => {
    const k = newHost();
    const out = run(k, ["stat", "/dev/null"]).stdout.split("\n");
    expect(out[1]).toBe("  Size: 0         \tBlocks: 0          IO Block: 4096   character special file");
    expect(out[2]).toMatch(/^Device: [0-9a-f]+h\/\d+d\tInode: \d+ +Links: 1 {5}Device type: 1,3$/);
  });
});

describe("df", () => {
  it("reports a filesystem from its statfs numbers", () => {
    const k = newHost();
    const [total, free, avail, bsize] = run(k, ["stat", "-f", "-c", "%b %f %a %S", "/"])
      .stdout.trim()
      .split(" ")
      .map(Number);
    const kb = (n: number) => String(Math.floor((n * bsize + 512) / 1024)).padStart(9);
    const used = total - free;
    const pct = String(Math.floor((used * 100 + Math.floor((used + avail) / 2)) / (used + avail))).padStart(3);
    const dev = run(k, ["sh", "-c", "grep ' / ' /proc/mounts"]).stdout.split(" ")[0];
    expect(run(k, ["df", "/"])).toEqual({
      stdout: `Filesystem           1K-blocks      Used Available Use% Mounted on\n${dev.padEnd(20)} ${kb(total)} ${kb(used)} ${kb(avail)} ${pct}% /\n`,
      stderr: "",
      code: 0,
    });
  });

  it("says when a name is on no mounted filesystem", () => {
    const k = newHost();
    expect(run(k, ["df", "/nope"])).toEqual({
      stdout: "Filesystem           1K-blocks      Used Available Use% Mounted on\n",
      stderr: "df: /nope: can't find mount point\n",
      code: 1,
    });
  });
});

describe("ls on a terminal", () => {
  it("lists in columns as wide as the terminal allows, down then across", () => {
    const k = newHost();
    run(k, ["mkdir", "/tmp/c"]);
    const names = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa_is_longest"];
    run(k, ["touch", ...names.map((n) => `/tmp/c/${n}`)]);
    const t = terminal(k, ["/usr/bin/ls", "/tmp/c"]);
    // 80 columns: the width is 79, each column 16 + 2, so 4 columns of 3 rows (as busybox on an 80-column tty).
    expect(t.output()).toBe(
      "alpha             epsilon           iota              zeta\r\n" +
        "beta              eta               kappa_is_longest\r\n" +
        "delta             gamma             theta\r\n",
    );
  });

  it("lists across with -x", () => {
    const k = newHost();
    run(k, ["mkdir", "/tmp/c"]);
    run(k, ["touch", "/tmp/c/a", "/tmp/c/b", "/tmp/c/c"]);
    const t = terminal(k, ["/usr/bin/ls", "-x", "/tmp/c"]);
    expect(t.output()).toBe("a  b  c\r\n");
  });
});

describe("find -exec", () => {
  it("reports a command that cannot be run and goes on", () => {
    const k = newHost();
    run(k, ["mkdir", "-p", "/tmp/f/a"]);
    expect(run(k, ["find", "/tmp/f", "-exec", "nosuch", "{}", ";"])).toEqual({
      stdout: "",
      stderr: "find: nosuch: No such file or directory\nfind: nosuch: No such file or directory\n",
      code: 0,
    });
  });
});
