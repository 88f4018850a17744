/**
 * The terminal's login registers as on a Debian 12 machine: a logind session file (which uptime and
 * top count on a systemd host) and a utmp USER_PROCESS entry for pts/0; logging out ends both.
 */
import { describe, expect, it } from "vitest";
import { readFile } from "../../src/engine/hostfs";
import { Sandbox } from "../../src/session/sandbox";

function typed(s: Sandbox, line: string, realMs = 20): string {
  let out = "";
  const off = s.onOutput((b) => {
    out += new TextDecoder().decode(b);
  });
  s.input(`${line}\r`);
  for (let i = 0; i < 50; i++) s.tick(realMs);
  off();
  return out.replace(/\r\n/g, "\n");
}

/** The utmp records as [type, pid, line, user]. */
function utmp(s: Sandbox): [number, number, string, string][] {
  const data = readFile(s.kernel, "/run/utmp");
  const recs: [number, number, string, string][] = [];
  const str = (off: number, len: number) => data.slice(off, off + len).replace(/\0.*$/s, "");
  for (let off = 0; off + 384 <= data.length; off += 384) {
    const pid = data.charCodeAt(off + 4) | (data.charCodeAt(off + 5) << 8);
    recs.push([data.charCodeAt(off), pid, str(off + 8, 32), str(off + 44, 32)]);
  }
  return recs;
}

describe("root's login on the terminal", () => {
  it("counts as one user in uptime; logind's session 1 names root on pts/0", () => {
    const s = Sandbox.create({ instant: true, tickBudgetMs: Infinity });
    for (let i = 0; i < 20; i++) s.tick(20);
    // the first listener also gets the first prompt
    expect(typed(s, "uptime")).toBe("root@sandbox:~# uptime\n 09:00:00 up 0 min,  1 user,  load average: 0.00, 0.00, 0.00\nroot@sandbox:~# ");
    expect(typed(s, "grep -E '^(UID|USER|TTY|TYPE|LEADER)=' /run/systemd/sessions/1")).toBe(
      `grep -E '^(UID|USER|TTY|TYPE|LEADER)=' /run/systemd/sessions/1\nUID=0\nUSER=root\nTYPE=tty\nTTY=pts/0\nLEADER=${s.shell}\nroot@sandbox:~# `,
    );
    expect(utmp(s)).toEqual([
      [2, 0, "~", "reboot"],
      [1, 53, "~", "runlevel"],
      [7, s.shell, "pts/0", "root"],
    ]);
  });

  it("pam_loginuid: the shell's login uid is 0 and its audit session names logind's; last says still logged in", () => {
    const s = Sandbox.create({ instant: true, tickBudgetMs: Infinity });
    for (let i = 0; i < 20; i++) s.tick(20);
    typed(s, "true");
    expect(typed(s, "cat /proc/$$/loginuid /proc/self/sessionid; echo; cat /proc/1/loginuid /proc/1/sessionid; echo")).toBe(
      "cat /proc/$$/loginuid /proc/self/sessionid; echo; cat /proc/1/loginuid /proc/1/sessionid; echo\n01\n42949672954294967295\nroot@sandbox:~# ",
    );
    expect(typed(s, "last")).toBe(
      [
        "last",
        "root     pts/0                         Thu Jan 15 09:00   still logged in",
        "reboot   system boot  6.1.0-31-amd64   Thu Jan 15 09:00   still running",
        "",
        "wtmp begins Thu Jan 15 09:00:00 2026",
        "root@sandbox:~# ",
      ].join("\n"),
    );
    expect(typed(s, "last -x runlevel")).toBe(
      "last -x runlevel\nrunlevel (to lvl 5)   6.1.0-31-amd64   Thu Jan 15 09:00   still running\n\nwtmp begins Thu Jan 15 09:00:00 2026\nroot@sandbox:~# ",
    );
    expect(typed(s, "who -r; who -b")).toBe("who -r; who -b\n         run-level 5  Jan 15 09:00\n         system boot  Jan 15 09:00\nroot@sandbox:~# ");
  });

  it("/proc/PID/loginuid in a container (unset, no CAP_AUDIT_CONTROL): set once by the process itself", () => {
    const s = Sandbox.create({ tickBudgetMs: Infinity });
    typed(s, "docker pull -q busybox", 200);
    // Recorded with the real busybox image on Debian 12's docker: kstrtou32 numbers (a '+', leading
    // zeros and one trailing newline allowed), (u32)-1 leaves it unset, a set one cannot change.
    const script = `for v in x " 5" +5 "5 " 07 -1 4294967296 4294967295; do sh -c "echo \\"$v\\" > /proc/self/loginuid; echo \\"[$v] \\$? \\$(cat /proc/self/loginuid)\\""; done 2>/dev/null; echo 0 > /proc/self/loginuid; cat /proc/self/loginuid; echo; sh -c "echo 1 > /proc/self/loginuid; echo \\$?; echo 4294967295 > /proc/self/loginuid; echo \\$?; cat /proc/self/loginuid" 2>/dev/null; echo; sh -c "echo 3 > /proc/$$/loginuid" 2>/dev/null; echo $?`;
    expect(typed(s, `docker run --rm busybox sh -c '${script}'`, 200)).toBe(
      [
        `docker run --rm busybox sh -c '${script}'`,
        "[x] 1 4294967295",
        "[ 5] 1 4294967295",
        "[+5] 0 5",
        "[5 ] 1 4294967295",
        "[07] 0 7",
        "[-1] 1 4294967295",
        "[4294967296] 1 4294967295",
        "[4294967295] 0 4294967295",
        "0",
        "1",
        "1",
        "0",
        "1",
        "root@sandbox:~# ",
      ].join("\n"),
    );
  });

  it("a new login after exit is session 2 on the same utmp line", () => {
    const s = Sandbox.create({ instant: true, tickBudgetMs: Infinity });
    for (let i = 0; i < 20; i++) s.tick(20);
    const first = s.shell;
    typed(s, "exit");
    expect(s.shell).not.toBe(first);
    expect(typed(s, "ls /run/systemd/sessions")).toBe("ls /run/systemd/sessions\n2\nroot@sandbox:~# ");
    expect(utmp(s)).toEqual([
      [2, 0, "~", "reboot"],
      [1, 53, "~", "runlevel"],
      [7, s.shell, "pts/0", "root"],
    ]);
  });
});
