/**
 * who (GNU coreutils 9.1), w (procps-ng 4.0.2) and last (util-linux 2.38) on the Debian host, and
 * busybox's who, w and last in its image: outputs as the real tools print them for the same utmp
 * and wtmp records (recorded on Debian 12 with crafted records in a private mount namespace).
 */
import { describe, expect, it } from "vitest";
import { writeFile } from "../../../src/engine/hostfs";
import { Sandbox } from "../../../src/session/sandbox";

function typed(s: Sandbox, line: string, realMs = 1): string {
  let out = "";
  const off = s.onOutput((b) => {
    out += new TextDecoder().decode(b);
  });
  s.input(`${line}\r`);
  for (let i = 0; i < 50; i++) s.tick(realMs);
  off();
  return out.replace(/\r\n/g, "\n");
}

/** A sandbox following real time, `seconds` after boot: the login shell started at boot. */
function afterBoot(seconds: number): Sandbox {
  const s = Sandbox.create({ tickBudgetMs: Infinity });
  for (let i = 0; i < seconds; i++) s.tick(1000);
  typed(s, "true");
  return s;
}

function loggedIn(): Sandbox {
  const s = Sandbox.create({ instant: true, tickBudgetMs: Infinity });
  for (let i = 0; i < 20; i++) s.tick(20);
  typed(s, "true");
  return s;
}

/** A struct utmp (x86-64): type, pid, line, id, user, host, seconds. */
function utmp(type: number, pid: number, line: string, id: string, user: string, host: string, sec: number): string {
  const field = (v: string, n: number) => v.padEnd(n, "\0");
  const le32 = (n: number) => String.fromCharCode(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  return `${le32(type)}${le32(pid)}${field(line, 32)}${field(id, 4)}${field(user, 32)}${field(host, 256)}${le32(0)}${le32(0)}${le32(sec)}${le32(0)}${"\0".repeat(36)}`;
}

/** The sandbox boots at 2026-01-15 09:00:00 UTC. */
const BOOT = Date.UTC(2026, 0, 15, 9) / 1000;

describe("who (GNU coreutils 9.1)", () => {
  it("lists root's login on pts/0 in the C locale's time format; -H, -b, -q, -m, am i", () => {
    const s = loggedIn();
    expect(typed(s, "who")).toBe("who\nroot     pts/0        Jan 15 09:00\nroot@sandbox:~# ");
    expect(typed(s, "who -H")).toBe("who -H\nNAME     LINE         TIME         COMMENT\nroot     pts/0        Jan 15 09:00\nroot@sandbox:~# ");
    expect(typed(s, "who -b")).toBe("who -b\n         system boot  Jan 15 09:00\nroot@sandbox:~# ");
    expect(typed(s, "who -q")).toBe("who -q\nroot\n# users=1\nroot@sandbox:~# ");
    expect(typed(s, "who am i; who -m")).toBe("who am i; who -m\nroot     pts/0        Jan 15 09:00\nroot     pts/0        Jan 15 09:00\nroot@sandbox:~# ");
    expect(typed(s, "who -m </dev/null; echo $?")).toBe("who -m </dev/null; echo $?\n0\nroot@sandbox:~# ");
    expect(typed(s, "LANG=C.UTF-8 who")).toBe("LANG=C.UTF-8 who\nroot     pts/0        2026-01-15 09:00\nroot@sandbox:~# ");
  });

  it("-a, -u and -T show the terminal's message status, idle time and the login's pid", () => {
    const s = loggedIn();
    const pid = String(s.shell).padStart(10);
    // The terminal was last touched at boot time, which idle_string() takes as " old ".
    expect(typed(s, "who -aH")).toBe(
      `who -aH\nNAME       LINE         TIME         IDLE          PID COMMENT  EXIT\n           system boot  Jan 15 09:00\n           run-level 5  Jan 15 09:00\nroot     + pts/0        Jan 15 09:00  old   ${pid}\nroot@sandbox:~# `,
    );
    expect(typed(s, "who -T")).toBe("who -T\nroot     + pts/0        Jan 15 09:00\nroot@sandbox:~# ");
  });

  it("reads a wtmp FILE: boots, logins (a gone terminal is '?'), dead processes with id and exit", () => {
    const s = loggedIn();
    const recs = [
      utmp(2, 0, "~", "~~", "reboot", "6.1.0-28-amd64", BOOT - 90000),
      utmp(7, 1234, "pts/0", "ts/0", "root", "", BOOT - 89000),
      utmp(8, 1234, "pts/0", "ts/0", "", "", BOOT - 88000),
      utmp(7, 1300, "pts/1", "ts/1", "root", "", BOOT - 87000),
      utmp(8, 1300, "pts/1", "ts/1", "", "", BOOT - 87000 + 65),
    ];
    writeFile(s.kernel, "/tmp/wtmp", recs.join(""));
    expect(typed(s, "who -a /tmp/wtmp")).toBe(
      [
        "who -a /tmp/wtmp",
        "           system boot  Jan 14 08:00",
        "root     + pts/0        Jan 14 08:16   .          1234",
        "           pts/0        Jan 14 08:33              1234 id=ts/0  term=0 exit=0",
        "root     ? pts/1        Jan 14 08:50   ?          1300",
        "           pts/1        Jan 14 08:51              1300 id=ts/1  term=0 exit=0",
        "root@sandbox:~# ",
      ].join("\n"),
    );
    expect(typed(s, "who -q /tmp/wtmp")).toBe("who -q /tmp/wtmp\nroot root\n# users=2\nroot@sandbox:~# ");
  });

  it("usage errors as getopt and coreutils word them, status 1", () => {
    const s = loggedIn();
    expect(typed(s, "who -x; echo $?")).toBe("who -x; echo $?\nwho: invalid option -- 'x'\nTry 'who --help' for more information.\n1\nroot@sandbox:~# ");
    expect(typed(s, "who a b c; echo $?")).toBe("who a b c; echo $?\nwho: extra operand 'c'\nTry 'who --help' for more information.\n1\nroot@sandbox:~# ");
    expect(typed(s, "who --help | head -3")).toBe(
      "who --help | head -3\nUsage: who [OPTION]... [ FILE | ARG1 ARG2 ]\nPrint information about users who are currently logged in.\n\nroot@sandbox:~# ",
    );
  });
});

describe("w (procps-ng 4.0.2)", () => {
  it("prints the uptime line, the table header and the login's row with w itself as WHAT", () => {
    const s = afterBoot(3);
    expect(typed(s, "w")).toBe(
      [
        "w",
        " 09:00:03 up 0 min,  1 user,  load average: 0.00, 0.00, 0.00",
        "USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT",
        "root     pts/0    -                09:00    3.00s  0.00s   ?    w",
        "root@sandbox:~# ",
      ].join("\n"),
    );
    expect(typed(s, "w -h")).toBe("w -h\nroot     pts/0    -                09:00    3.00s  0.00s   ?    w -h\nroot@sandbox:~# ");
    expect(typed(s, "w -s")).toBe(
      "w -s\n 09:00:03 up 0 min,  1 user,  load average: 0.00, 0.00, 0.00\nUSER     TTY      FROM              IDLE WHAT\nroot     pts/0    -                 3.00s w -s\nroot@sandbox:~# ",
    );
    expect(typed(s, "w -f")).toBe(
      "w -f\n 09:00:03 up 0 min,  1 user,  load average: 0.00, 0.00, 0.00\nUSER     TTY        LOGIN@   IDLE   JCPU   PCPU WHAT\nroot     pts/0     09:00    3.00s  0.00s   ?    w -f\nroot@sandbox:~# ",
    );
    expect(typed(s, "w -o root")).toBe(
      "w -o root\n 09:00:03 up 0 min,  1 user,  load average: 0.00, 0.00, 0.00\nUSER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT\nroot     pts/0    -                09:00                   ?    w -o root\nroot@sandbox:~# ",
    );
    expect(typed(s, "w -h nobody")).toBe("w -h nobody\nroot@sandbox:~# ");
  });

  it("WHAT is the newest foreground process: not a background job; cut to the terminal's width", () => {
    const s = afterBoot(3);
    typed(s, "sleep 1000 &");
    expect(typed(s, "w -h")).toBe("w -h\nroot     pts/0    -                09:00    3.00s  0.00s   ?    w -h\nroot@sandbox:~# ");
    // 80 columns leave 15 for WHAT.
    expect(typed(s, "w -h --no-current 0123456789abcdef")).toBe("w -h --no-current 0123456789abcdef\nroot@sandbox:~# ");
    expect(typed(s, "w -h root root root root")).toBe("w -h root root root root\nroot     pts/0    -                09:00    3.00s  0.00s   ?    w -h root root \nroot@sandbox:~# ");
  });

  it("IDLE counts from the shell's last read of the terminal (its atime, set in 8-second steps)", () => {
    const s = afterBoot(100);
    // Reading the command line at 09:01:40 set the terminal's atime; the prompt's write its mtime.
    expect(typed(s, "stat -c '%x|%y|%z' /dev/pts/0")).toBe(
      "stat -c '%x|%y|%z' /dev/pts/0\n2026-01-15 09:01:40.000000000 +0000|2026-01-15 09:01:40.000000000 +0000|2026-01-15 09:00:00.000000000 +0000\nroot@sandbox:~# ",
    );
    const pid = String(s.shell).padStart(10);
    expect(typed(s, "sleep 130; w; who -u; stat -c '%x|%y' /dev/pts/0", 3000)).toBe(
      [
        "sleep 130; w; who -u; stat -c '%x|%y' /dev/pts/0",
        " 09:03:50 up 3 min,  1 user,  load average: 0.00, 0.00, 0.00",
        "USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT",
        "root     pts/0    -                09:00    2:10   0.00s   ?    w",
        `root     pts/0        Jan 15 09:00 00:02  ${pid}`,
        "2026-01-15 09:01:40.000000000 +0000|2026-01-15 09:03:50.000000000 +0000",
        "root@sandbox:~# ",
      ].join("\n"),
    );
    expect(typed(s, "who -u; w -h")).toBe(
      `who -u; w -h\nroot     pts/0        Jan 15 09:00   .    ${pid}\nroot     pts/0    -                09:00    0.00s  0.00s   ?    w -h\nroot@sandbox:~# `,
    );
  });

  it("usage errors print the usage on stderr with status 1; -V", () => {
    const s = afterBoot(3);
    expect(typed(s, "w -x 2>&1 | head -4")).toBe("w -x 2>&1 | head -4\nw: invalid option -- 'x'\n\nUsage:\n w [options] [user]\nroot@sandbox:~# ");
    expect(typed(s, "w -V")).toBe("w -V\nw from procps-ng 4.0.2\nroot@sandbox:~# ");
  });
});

describe("last (util-linux 2.38)", () => {
  it("pairs logins with their logouts newest first and says when the file begins", () => {
    const s = loggedIn();
    const recs = [
      utmp(2, 0, "~", "~~", "reboot", "6.1.0-28-amd64", BOOT - 90000),
      utmp(7, 1234, "pts/0", "ts/0", "root", "", BOOT - 89000),
      utmp(8, 1234, "pts/0", "ts/0", "", "", BOOT - 88000),
      utmp(7, 1300, "pts/1", "ts/1", "root", "", BOOT - 87000),
      utmp(8, 1300, "pts/1", "ts/1", "", "", BOOT - 87000 + 65),
      utmp(2, 0, "~", "~~", "reboot", "6.1.0-28-amd64", BOOT - 7300),
      utmp(7, 999, "pts/3", "ts/3", "root", "10.0.0.5", BOOT - 4000),
    ];
    writeFile(s.kernel, "/tmp/wtmp", recs.join(""));
    expect(typed(s, "last -f /tmp/wtmp")).toBe(
      [
        "last -f /tmp/wtmp",
        "root     pts/3        10.0.0.5         Thu Jan 15 07:53    gone - no logout",
        "reboot   system boot  6.1.0-28-amd64   Thu Jan 15 06:58   still running",
        "root     pts/1                         Wed Jan 14 08:50 - 08:51  (00:01)",
        "root     pts/0                         Wed Jan 14 08:16 - 08:33  (00:16)",
        "reboot   system boot  6.1.0-28-amd64   Wed Jan 14 08:00   still running",
        "",
        "wtmp begins Wed Jan 14 08:00:00 2026",
        "root@sandbox:~# ",
      ].join("\n"),
    );
    expect(typed(s, "last -F -n 3 -f /tmp/wtmp reboot pts/1")).toBe(
      [
        "last -F -n 3 -f /tmp/wtmp reboot pts/1",
        "reboot   system boot  6.1.0-28-amd64   Thu Jan 15 06:58:20 2026   still running",
        "root     pts/1                         Wed Jan 14 08:50:00 2026 - Wed Jan 14 08:51:05 2026  (00:01)",
        "reboot   system boot  6.1.0-28-amd64   Wed Jan 14 08:00:00 2026   still running",
        "",
        "wtmp begins Wed Jan 14 08:00:00 2026",
        "root@sandbox:~# ",
      ].join("\n"),
    );
    expect(typed(s, "last -R -2 -f /tmp/wtmp")).toBe(
      "last -R -2 -f /tmp/wtmp\nroot     pts/3        Thu Jan 15 07:53    gone - no logout\nreboot   system boot  Thu Jan 15 06:58   still running\n\nwtmp begins Wed Jan 14 08:00:00 2026\nroot@sandbox:~# ",
    );
  });

  it("reads the host's wtmp: the boot and root's login; errors as util-linux words them", () => {
    const s = loggedIn();
    expect(typed(s, "last reboot")).toBe("last reboot\nreboot   system boot  6.1.0-31-amd64   Thu Jan 15 09:00   still running\n\nwtmp begins Thu Jan 15 09:00:00 2026\nroot@sandbox:~# ");
    expect(typed(s, "last -f /nonexist; echo $?")).toBe("last -f /nonexist; echo $?\nlast: cannot open /nonexist: No such file or directory\n1\nroot@sandbox:~# ");
    expect(typed(s, "last -Q; echo $?")).toBe("last -Q; echo $?\nlast: invalid option -- 'Q'\nTry 'last --help' for more information.\n1\nroot@sandbox:~# ");
    // An empty file begins when it was made.
    expect(typed(s, ": >/tmp/empty; last -f /tmp/empty")).toBe(": >/tmp/empty; last -f /tmp/empty\n\nempty begins Thu Jan 15 09:00:00 2026\nroot@sandbox:~# ");
  });
});

describe("busybox's who, w and last in its image (no utmp or wtmp there)", () => {
  it("who prints nothing, w its header, last that it cannot open wtmp; usage errors", () => {
    const s = afterBoot(0);
    typed(s, "docker pull -q busybox", 200);
    expect(typed(s, "docker run --rm busybox sh -c 'who; w; who -a; last; echo $?; who x; w -x'", 200)).toBe(
      [
        "docker run --rm busybox sh -c 'who; w; who -a; last; echo $?; who x; w -x'",
        "USER\t\tTTY\t\tIDLE\tTIME\t\t HOST",
        "last: can't open '/var/log/wtmp': No such file or directory",
        "1",
        "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.",
        "",
        "Usage: who [-aH]",
        "",
        "Show who is logged on",
        "",
        "\t-a\tShow all",
        "\t-H\tPrint column headers",
        "w: invalid option -- 'x'",
        "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.",
        "",
        "Usage: w",
        "",
        "Show who is logged on",
        "root@sandbox:~# ",
      ].join("\n"),
    );
  });
});
