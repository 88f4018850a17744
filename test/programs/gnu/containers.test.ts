/**
 * Inside debian and ubuntu containers the core tools are GNU's (expected outputs recorded from the
 * real coreutils 9.1 / grep 3.8 of Debian 12, in the C locale a container runs in); busybox stays busybox.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../../src/cli/flags/help";
import type { Kernel } from "../../../src/kernel";
import { bootSandboxHost } from "../../../src/session/host";
import { docker } from "../../images/helpers";

const LICENSE =
  "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n";

describe("GNU tools in debian and ubuntu containers", () => {
  let k: Kernel;
  const run = (...args: string[]) => docker(k, "run", "--rm", ...args);
  beforeAll(async () => {
    await loadHelpTexts();
    k = bootSandboxHost();
    for (const ref of ["debian", "ubuntu", "busybox"]) expect(docker(k, "pull", "-q", ref).code).toBe(0);
  });

  it("report errors in GNU words, with GNU exit statuses", () => {
    expect(run("debian", "ls", "/nope")).toEqual({ stdout: "", stderr: "ls: cannot access '/nope': No such file or directory\n", code: 2 });
    expect(run("ubuntu", "rm", "/nope")).toEqual({ stdout: "", stderr: "rm: cannot remove '/nope': No such file or directory\n", code: 1 });
    expect(run("debian", "mkdir", "/tmp/x/y")).toEqual({ stdout: "", stderr: "mkdir: cannot create directory '/tmp/x/y': No such file or directory\n", code: 1 });
    expect(run("debian", "cat", "/nope")).toEqual({ stdout: "", stderr: "cat: /nope: No such file or directory\n", code: 1 });
    expect(run("debian", "sort", "/nope")).toEqual({ stdout: "", stderr: "sort: cannot read: /nope: No such file or directory\n", code: 2 });
    expect(run("debian", "head", "-n", "x", "/etc/passwd")).toEqual({ stdout: "", stderr: "head: invalid number of lines: 'x'\n", code: 1 });
    expect(run("debian", "rm")).toEqual({ stdout: "", stderr: "rm: missing operand\nTry 'rm --help' for more information.\n", code: 1 });
    expect(run("debian", "cp", "/etc/passwd")).toEqual({ stdout: "", stderr: "cp: missing destination file operand after '/etc/passwd'\nTry 'cp --help' for more information.\n", code: 1 });
  });

  it("reject unknown options with 'Try --help', named as invoked", () => {
    expect(run("debian", "ls", "-z")).toEqual({ stdout: "", stderr: "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", code: 2 });
    expect(run("debian", "/bin/ls", "-z")).toEqual({ stdout: "", stderr: "/bin/ls: invalid option -- 'z'\nTry '/bin/ls --help' for more information.\n", code: 2 });
    expect(run("debian", "rm", "--foo")).toEqual({ stdout: "", stderr: "rm: unrecognized option '--foo'\nTry 'rm --help' for more information.\n", code: 1 });
    expect(run("debian", "env", "-z")).toEqual({ stdout: "", stderr: "env: invalid option -- 'z'\nTry 'env --help' for more information.\n", code: 125 });
    expect(run("debian", "grep", "-Y", "x")).toEqual({ stdout: "", stderr: "grep: invalid option -- 'Y'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", code: 2 });
    expect(run("debian", "uname", "x")).toEqual({ stdout: "", stderr: "uname: extra operand 'x'\nTry 'uname --help' for more information.\n", code: 1 });
  });

  it("print the version of the package the image carries", () => {
    expect(run("debian", "ls", "--version")).toEqual({
      stdout: `ls (GNU coreutils) 9.1\nCopyright (C) 2022 Free Software Foundation, Inc.\n${LICENSE}\nWritten by Richard M. Stallman and David MacKenzie.\n`,
      stderr: "",
      code: 0,
    });
    expect(run("ubuntu", "rm", "--version").stdout).toBe(
      `rm (GNU coreutils) 9.4\nCopyright (C) 2023 Free Software Foundation, Inc.\n${LICENSE}\nWritten by Paul Rubin, David MacKenzie, Richard M. Stallman,\nand Jim Meyering.\n`,
    );
    expect(run("debian", "grep", "--version").stdout).toBe(
      `grep (GNU grep) 3.8\nCopyright (C) 2022 Free Software Foundation, Inc.\n${LICENSE}\nWritten by Mike Haertel and others; see\n<https://git.sv.gnu.org/cgit/grep.git/tree/AUTHORS>.\n`,
    );
    expect(run("debian", "hostname", "--version")).toEqual({ stdout: "hostname 3.23\n", stderr: "", code: 0 });
  });

  it("print GNU's help", () => {
    const help = run("debian", "mkdir", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(
      "Usage: mkdir [OPTION]... DIRECTORY...\nCreate the DIRECTORY(ies), if they do not already exist.\n\nMandatory arguments to long options are mandatory for short options too.\n  -m, --mode=MODE   set file mode (as in chmod), not a=rwx - umask\n  -p, --parents     no error if existing, make parent directories as needed,\n                    with their file modes unaffected by any -m option.\n  -v, --verbose     print a message for each created directory\n  -Z                   set SELinux security context of each created directory\n                         to the default type\n      --context[=CTX]  like -Z, or if CTX is specified then set the SELinux\n                         or SMACK security context to CTX\n      --help        display this help and exit\n      --version     output version information and exit\n\nGNU coreutils online help: <https://www.gnu.org/software/coreutils/>\nReport any translation bugs to <https://translationproject.org/team/>\nFull documentation <https://www.gnu.org/software/coreutils/mkdir>\nor available locally via: info '(coreutils) mkdir invocation'\n",
    );
  });

  it("lay out ls -l and wc columns as wide as the widest entry", () => {
    expect(run("debian", "ls", "-la", "/root").stdout).toBe(
      "total 16\ndrwx------ 2 root root 4096 Aug 11 00:00 .\ndrwxr-xr-x 1 root root 4096 Jan 15 09:00 ..\n-rw-r--r-- 1 root root  571 Aug 11 00:00 .bashrc\n-rw-r--r-- 1 root root  161 Aug 11 00:00 .profile\n",
    );
    expect(run("debian", "ls", "-l", "/etc/debian_version", "/bin").stdout).toBe(
      "lrwxrwxrwx 1 root root 7 Aug 11 00:00 /bin -> usr/bin\n-rw-r--r-- 1 root root 6 Aug 11 00:00 /etc/debian_version\n",
    );
    expect(run("debian", "wc", "/etc/passwd").stdout).toBe(" 18  20 839 /etc/passwd\n");
    expect(run("debian", "wc", "-l", "/etc/passwd").stdout).toBe("18 /etc/passwd\n");
  });

  it("df hides dummy file systems, empty ones and all but the mount nearest the root of each device", () => {
    // The container's disk fills as its log grows: take its used and available counts from df's own line.
    const r = run("debian", "df");
    const [used, avail] = (/^overlay +67108864 +(\d+) +(\d+) /m.exec(r.stdout) ?? ["", "?", "?"]).slice(1);
    const widths = [14, 9, Math.max(5, used.length), 9, 4];
    const row = (cells: string[], dir: string) => `${cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]) : c.padStart(widths[i]))).join(" ")} ${dir}\n`;
    const disk = ["67108864", used, avail, `${Math.ceil((Number(used) * 100) / (Number(used) + Number(avail)))}%`];
    expect(r).toEqual({
      stdout: [
        row(["Filesystem", "1K-blocks", "Used", "Available", "Use%"], "Mounted on"),
        row(["overlay", ...disk], "/"),
        row(["tmpfs", "65536", "0", "65536", "0%"], "/dev"),
        row(["shm", "65536", "0", "65536", "0%"], "/dev/shm"),
        row(["/dev/sda1", ...disk], "/etc/hosts"),
        row(["tmpfs", "67108864", "0", "67108864", "0%"], "/proc/acpi"),
        row(["tmpfs", "67108864", "0", "67108864", "0%"], "/sys/firmware"),
      ].join(""),
      stderr: "",
      code: 0,
    });
    expect(Number(used) + Number(avail)).toBe(67108864);
    expect(run("debian", "df", "-P", "-B1M", "-T", "/dev/shm").stdout).toBe(
      "Filesystem     Type  1048576-blocks  Used Available Capacity Mounted on\nshm            tmpfs             64     0        64       0% /dev/shm\n",
    );
    expect(run("debian", "df", "-aiT", "/proc").stdout).toBe("Filesystem     Type Inodes IUsed IFree IUse% Mounted on\nproc           proc      0     0     0     - /proc\n");
    expect(run("debian", "df", "-h", "/dev", "/dev/shm", "/proc/kcore", "/nope")).toEqual({
      stdout: "Filesystem      Size  Used Avail Use% Mounted on\ntmpfs            64M     0   64M   0% /dev\nshm              64M     0   64M   0% /dev/shm\ntmpfs            64M     0   64M   0% /proc/kcore\n",
      stderr: "df: /nope: No such file or directory\n",
      code: 1,
    });
  });

  it("leave busybox as busybox, and bash says what is not found", () => {
    expect(run("busybox", "ls", "/nope")).toEqual({ stdout: "", stderr: "ls: /nope: No such file or directory\n", code: 1 });
    expect(run("debian", "bash", "-c", "foo")).toEqual({ stdout: "", stderr: "bash: foo: command not found\n", code: 127 });
  });
});
