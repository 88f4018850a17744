/**
 * The terminal's login registers as on a Debian 12 machine: a logind session file (which uptime and
 * top count on a systemd host) and a utmp USER_PROCESS entry for pts/0; logging out ends both.
 */
import { describe, expect, it } from "vitest";
import { readFile } from "../../src/engine/hostfs";
import { Sandbox } from "../../src/session/sandbox";

function typed(s: Sandbox, line: string): string {
  let out = "";
  const off = s.onOutput((b) => {
    out += new TextDecoder().decode(b);
  });
  s.input(`${line}\r`);
  for (let i = 0; i < 50; i++) s.tick(20);
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
    const s = Sandbox.create({ instant: true });
    for (let i = 0; i < 20; i++) s.tick(20);
    // the first listener also gets the first prompt
    expect(typed(s, "uptime")).toBe("root@sandbox:~# uptime\n 09:00:00 up 0 min,  1 user,  load average: 0.00, 0.00, 0.00\nroot@sandbox:~# ");
    expect(typed(s, "grep -E '^(UID|USER|TTY|TYPE|LEADER)=' /run/systemd/sessions/1")).toBe(
      `grep -E '^(UID|USER|TTY|TYPE|LEADER)=' /run/systemd/sessions/1\nUID=0\nUSER=root\nTYPE=tty\nTTY=pts/0\nLEADER=${s.shell}\nroot@sandbox:~# `,
    );
    expect(utmp(s)).toEqual([
      [2, 0, "~", "reboot"],
      [7, s.shell, "pts/0", "root"],
    ]);
  });

  it("a new login after exit is session 2 on the same utmp line", () => {
    const s = Sandbox.create({ instant: true });
    for (let i = 0; i < 20; i++) s.tick(20);
    const first = s.shell;
    typed(s, "exit");
    expect(s.shell).not.toBe(first);
    expect(typed(s, "ls /run/systemd/sessions")).toBe("ls /run/systemd/sessions\n2\nroot@sandbox:~# ");
    expect(utmp(s)).toEqual([
      [2, 0, "~", "reboot"],
      [7, s.shell, "pts/0", "root"],
    ]);
  });
});
