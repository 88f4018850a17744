/** unshare, nsenter, lsns (util-linux 2.38), chroot, mount, umount (busybox 1.35) on the simulated kernel. */
import { describe, expect, it } from "vitest";
import { newHost, run } from "../../helpers/host";
import { bg, program, runall, snooze } from "./tools";

/** Puts a tiny root filesystem at /srv/root: /bin/ls and /etc/hostname. */
const mkroot = program("mkroot", function* (sys) {
  for (const d of ["/srv/root", "/srv/root/bin", "/srv/root/etc"]) sys.mkdir(d, 0o755);
  sys.writeFile("/srv/root/bin/ls", sys.readFile("/usr/bin/ls"), { mode: 0o755 });
  sys.writeFile("/srv/root/etc/hostname", "jail\n");
  yield* sys.yield();
  return 0;
});

const host = () => newHost({ extra: [bg, snooze, runall, mkroot] });

describe("unshare", () => {
  it("--pid --fork --mount-proc: the command is PID 1 and ps sees only the new namespace", () => {
    const k = host();
    expect(run(k, ["unshare", "--pid", "--fork", "--mount-proc", "runall", "echo-pid", ";", "ps"])).toEqual({
      stdout: "1\nPID   USER     COMMAND\n    1 root     runall echo-pid ; ps\n    2 root     ps\n",
      stderr: "",
      code: 0,
    });
  });

  it("with the shell: sh -c 'echo $$; ps' is PID 1, and ash execs its last command in place", () => {
    // Recorded from the real machine: unshare -pf --mount-proc busybox sh -c 'echo $$; busybox ps'
    expect(run(host(), ["unshare", "--pid", "--fork", "--mount-proc", "sh", "-c", "echo $$; ps"])).toEqual({
      stdout: "1\nPID   USER     COMMAND\n    1 root     ps\n",
      stderr: "",
      code: 0,
    });
  });

  it("without --mount-proc the old /proc still shows the host's pids", () => {
    const k = host();
    expect(run(k, ["unshare", "-pf", "runall", "echo-pid", ";", "ps"]).stdout).toBe(
      "1\nPID   USER     COMMAND\n    1 root     {systemd} /sbin/init\n    2 root     unshare -pf runall echo-pid ; ps\n    3 root     runall echo-pid ; ps\n    4 root     ps\n",
    );
  });

  it("--mount-proc stacks a new proc mount, private to the new mount namespace", () => {
    const k = host();
    const inside = run(k, ["unshare", "-pfm", "--mount-proc", "mount", "-t", "proc"]).stdout;
    expect(inside).toBe("proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\nproc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\n");
    expect(run(k, ["mount", "-t", "proc"]).stdout).toBe("proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\n");
  });

  it("-r maps the user to root in a new user namespace", () => {
    const k = host();
    expect(run(k, ["unshare", "-r", "runall", "cat", "/proc/self/uid_map", "/proc/self/gid_map"]).stdout).toBe(
      "         0          0          1\n         0          0          1\n",
    );
  });

  it("exits like the child: its code, or its signal", () => {
    const k = host();
    expect(run(k, ["unshare", "-f", "runall", "kill", "-9", "3"]).code).toBe(137);
    expect(run(k, ["unshare", "-f", "runall", "false"]).code).toBe(1);
  });

  it("reports errors as util-linux does", () => {
    const k = host();
    expect(run(k, ["unshare", "-m", "nosuchcmd"])).toEqual({ stdout: "", stderr: "unshare: failed to execute nosuchcmd: No such file or directory\n", code: 127 });
    expect(run(k, ["unshare", "-x"])).toEqual({ stdout: "", stderr: "unshare: invalid option -- 'x'\nTry 'unshare --help' for more information.\n", code: 1 });
    expect(run(k, ["unshare", "-u", "true"], { uid: 1000, gid: 1000 })).toEqual({ stdout: "", stderr: "unshare: unshare failed: Operation not permitted\n", code: 1 });
  });
});

describe("lsns", () => {
  it("lists each namespace once with its process count and lowest PID, sorted by inode", () => {
    const k = host();
    expect(run(k, ["lsns"])).toEqual({
      stdout:
        "        NS TYPE   NPROCS PID USER COMMAND\n" +
        "4026531834 time        2   1 root /sbin/init\n" +
        "4026531835 cgroup      2   1 root /sbin/init\n" +
        "4026531836 pid         2   1 root /sbin/init\n" +
        "4026531837 user        2   1 root /sbin/init\n" +
        "4026531838 uts         2   1 root /sbin/init\n" +
        "4026531839 ipc         2   1 root /sbin/init\n" +
        "4026531840 net         2   1 root /sbin/init\n" +
        "4026531841 mnt         2   1 root /sbin/init\n",
      stderr: "",
      code: 0,
    });
  });

  it("shows the namespaces unshare made, and filters by type, pid and columns", () => {
    const k = host();
    run(k, ["bg", "unshare", "-u", "-n", "snooze"]);
    run(k, ["snooze", "0"]);
    expect(run(k, ["lsns", "-t", "uts"]).stdout).toBe(
      "        NS TYPE NPROCS PID USER COMMAND\n4026531838 uts       2   1 root /sbin/init\n4026532160 uts       1   3 root snooze\n",
    );
    expect(run(k, ["lsns", "-p", "3", "-o", "NS,TYPE,PATH,NPROCS"]).stdout).toBe(
      "        NS TYPE   PATH              NPROCS\n" +
        "4026531834 time   /proc/1/ns/time        3\n" +
        "4026531835 cgroup /proc/1/ns/cgroup      3\n" +
        "4026531836 pid    /proc/1/ns/pid         3\n" +
        "4026531837 user   /proc/1/ns/user        3\n" +
        "4026531839 ipc    /proc/1/ns/ipc         3\n" +
        "4026531841 mnt    /proc/1/ns/mnt         3\n" +
        "4026532160 uts    /proc/3/ns/uts         1\n" +
        "4026532161 net    /proc/3/ns/net         1\n",
    );
  });

  it("reports bad arguments", () => {
    const k = host();
    expect(run(k, ["lsns", "-t", "foo"])).toEqual({ stdout: "", stderr: "lsns: unknown namespace type: foo\n", code: 1 });
    expect(run(k, ["lsns", "-p", "abc"])).toEqual({ stdout: "", stderr: "lsns: invalid PID argument: 'abc'\n", code: 1 });
    expect(run(k, ["lsns", "-o", "NS,FOO"])).toEqual({ stdout: "", stderr: "lsns: unknown column: FOO\n", code: 1 });
    expect(run(k, ["lsns", "-p", "999"])).toEqual({ stdout: "", stderr: "", code: 0 });
  });
});

describe("nsenter", () => {
  it("joins a process's namespaces; entering its pid namespace forks so the command is inside", () => {
    const k = host();
    run(k, ["bg", "unshare", "-pfu", "--mount-proc", "snooze"]);
    run(k, ["snooze", "1"]);
    // The snooze is PID 1 in its namespace, PID 5 on the host.
    expect(run(k, ["ps", "-o", "pid,ppid,args"]).stdout).toBe(
      "PID   PPID  COMMAND\n    1     0 {systemd} /sbin/init\n    3     1 unshare -pfu --mount-proc snooze\n    5     3 snooze\n    6     1 ps -o pid,ppid,args\n",
    );
    expect(run(k, ["nsenter", "-t", "5", "-p", "-m", "runall", "echo-pid", ";", "ps"]).stdout).toBe(
      "2\nPID   USER     COMMAND\n    1 root     snooze\n    2 root     runall echo-pid ; ps\n    3 root     ps\n",
    );
    expect(run(k, ["nsenter", "--target=5", "--all", "lsns", "-t", "pid", "-t", "uts"]).stdout).toBe(
      "        NS TYPE NPROCS PID USER COMMAND\n4026532161 uts       2   1 root snooze\n4026532162 pid       2   1 root snooze\n",
    );
  });

  it("reports errors as util-linux does", () => {
    const k = host();
    expect(run(k, ["nsenter", "-t", "999", "-m", "true"])).toEqual({ stdout: "", stderr: "nsenter: cannot open /proc/999/ns/mnt: No such file or directory\n", code: 1 });
    expect(run(k, ["nsenter", "-m", "true"])).toEqual({ stdout: "", stderr: "nsenter: neither filename nor target pid supplied for ns/mnt\n", code: 1 });
    expect(run(k, ["nsenter", "-t", "abc", "-m"])).toEqual({ stdout: "", stderr: "nsenter: failed to parse pid: 'abc'\n", code: 1 });
    expect(run(k, ["nsenter", "-a"])).toEqual({ stdout: "", stderr: "nsenter: no target PID specified for --all\n", code: 1 });
    expect(run(k, ["nsenter", "-t", "1", "-m", "nosuch"])).toEqual({ stdout: "", stderr: "nsenter: failed to execute nosuch: No such file or directory\n", code: 127 });
    expect(run(k, ["nsenter", "-t", "1", "-u", "true"], { uid: 1000, gid: 1000 })).toEqual({
      stdout: "",
      stderr: "nsenter: reassociate to namespace 'ns/uts' failed: Operation not permitted\n",
      code: 1,
    });
  });
});

describe("chroot", () => {
  it("runs a command with another root directory", () => {
    const k = host();
    run(k, ["mkroot"]);
    expect(run(k, ["chroot", "/srv/root", "/bin/ls", "/", "/etc"])).toEqual({ stdout: "/:\nbin\netc\n\n/etc:\nhostname\n", stderr: "", code: 0 });
  });

  it("reports what went wrong", () => {
    const k = host();
    run(k, ["mkroot"]);
    expect(run(k, ["chroot", "/nonexist"])).toEqual({ stdout: "", stderr: "chroot: can't change root directory to '/nonexist': No such file or directory\n", code: 1 });
    expect(run(k, ["chroot", "/etc/passwd"])).toEqual({ stdout: "", stderr: "chroot: can't change root directory to '/etc/passwd': Not a directory\n", code: 1 });
    // Without a command, busybox chroot runs $SHELL (root's is bash).
    expect(run(k, ["chroot", "/srv/root"])).toEqual({ stdout: "", stderr: "chroot: can't execute '/bin/bash': No such file or directory\n", code: 127 });
    expect(run(k, ["chroot", "/srv/root", "/bin/ls"], { uid: 1000, gid: 1000 })).toEqual({
      stdout: "",
      stderr: "chroot: can't change root directory to '/srv/root': Operation not permitted\n",
      code: 1,
    });
  });
});

describe("mount and umount", () => {
  it("lists /proc/mounts as 'dev on dir type fs (opts)', -t filters", () => {
    const k = host();
    expect(run(k, ["mount"]).stdout).toBe(
      "/dev/sda1 on / type ext4 (rw,relatime,errors=remount-ro)\n" +
        "sysfs on /sys type sysfs (rw,nosuid,nodev,noexec,relatime)\n" +
        "proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)\n" +
        "udev on /dev type devtmpfs (rw,nosuid,relatime,size=4194304k,nr_inodes=1048576,mode=755)\n" +
        "devpts on /dev/pts type devpts (rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000)\n" +
        "tmpfs on /run type tmpfs (rw,nosuid,nodev,noexec,relatime,size=838860k,mode=755)\n" +
        "tmpfs on /dev/shm type tmpfs (rw,nosuid,nodev)\n" +
        "cgroup2 on /sys/fs/cgroup type cgroup2 (rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot)\n",
    );
  });

  it("mounts a tmpfs, remounts it read-only, unmounts it", () => {
    const k = host();
    expect(run(k, ["mount", "-t", "tmpfs", "-o", "size=1m,mode=700", "tmpfs", "/mnt"])).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(run(k, ["mount", "-t", "tmpfs"]).stdout.split("\n").at(-2)).toBe("tmpfs on /mnt type tmpfs (rw,relatime,size=1024k,mode=700)");
    run(k, ["mkdir", "/mnt/a"]);
    expect(run(k, ["ls", "-ld", "/mnt"]).stdout.slice(0, 10)).toBe("drwx------");
    expect(run(k, ["mount", "-o", "remount,ro", "/mnt"])).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(run(k, ["mount", "-t", "tmpfs"]).stdout.split("\n").at(-2)).toBe("tmpfs on /mnt type tmpfs (ro,relatime,size=1024k,mode=700)");
    expect(run(k, ["mkdir", "/mnt/b"])).toEqual({ stdout: "", stderr: "mkdir: can't create directory '/mnt/b': Read-only file system\n", code: 1 });
    expect(run(k, ["umount", "/mnt"])).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(run(k, ["ls", "/mnt"])).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("bind-mounts a directory", () => {
    const k = host();
    run(k, ["mkroot"]);
    expect(run(k, ["mount", "--bind", "/srv/root", "/mnt"]).code).toBe(0);
    expect(run(k, ["ls", "/mnt"]).stdout).toBe("bin\netc\n");
    expect(run(k, ["mount"]).stdout.split("\n").at(-2)).toBe("/dev/sda1 on /mnt type ext4 (rw,relatime,errors=remount-ro)");
    expect(run(k, ["umount", "/mnt"]).code).toBe(0);
  });

  it("mounts an overlay of a lower and an upper directory", () => {
    const k = host();
    run(k, ["mkroot"]);
    run(k, ["mkdir", "-p", "/srv/up", "/srv/work", "/srv/merged"]);
    const opts = "lowerdir=/srv/root,upperdir=/srv/up,workdir=/srv/work";
    expect(run(k, ["mount", "-t", "overlay", "overlay", "-o", opts, "/srv/merged"])).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(run(k, ["mount", "-t", "overlay"]).stdout).toBe(`overlay on /srv/merged type overlay (rw,relatime,${opts})\n`);
    run(k, ["mkdir", "/srv/merged/new"]);
    expect(run(k, ["ls", "/srv/merged"]).stdout).toBe("bin\netc\nnew\n");
    expect(run(k, ["ls", "/srv/up"]).stdout).toBe("new\n");
  });

  it("says why a mount or unmount failed", () => {
    const k = host();
    expect(run(k, ["mount", "-t", "tmpfs", "none", "/nonexist"])).toEqual({ stdout: "", stderr: "mount: mounting none on /nonexist failed: No such file or directory\n", code: 255 });
    expect(run(k, ["mount", "-t", "nosuchfs", "none", "/mnt"])).toEqual({ stdout: "", stderr: "mount: mounting none on /mnt failed: No such device\n", code: 255 });
    expect(run(k, ["mount", "/nonexist", "/mnt"])).toEqual({ stdout: "", stderr: "mount: mounting /nonexist on /mnt failed: No such file or directory\n", code: 255 });
    expect(run(k, ["mount", "x"])).toEqual({ stdout: "", stderr: "mount: can't find x in /etc/fstab\n", code: 1 });
    expect(run(k, ["umount", "/mnt"])).toEqual({ stdout: "", stderr: "umount: can't unmount /mnt: Invalid argument\n", code: 1 });
    expect(run(k, ["umount", "/nonexist"])).toEqual({ stdout: "", stderr: "umount: can't unmount /nonexist: No such file or directory\n", code: 1 });
  });
});
