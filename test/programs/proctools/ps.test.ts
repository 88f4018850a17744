/** ps as busybox 1.35 prints it, reading /proc of the simulated host. */
import { describe, expect, it } from "vitest";
import { newHost, run, terminal } from "../../helpers/host";
import { bg, snooze } from "./tools";

const host = () => newHost({ extra: [bg, snooze] });

describe("ps", () => {
  it("lists PID, USER and the command line; [comm] when there is none", () => {
    const k = host();
    run(k, ["bg", "snooze", "100"]);
    run(k, ["bg", "snooze"], { uid: 1000, gid: 1000 });
    expect(run(k, ["ps"])).toEqual({
      stdout:
        "PID   USER     COMMAND\n" +
        "    1 root     {systemd} /sbin/init\n" +
        "    3 root     snooze 100\n" +
        "    5 student  snooze\n" +
        "    6 root     ps\n",
      stderr: "",
      code: 0,
    });
  });

  it("accepts BSD-style words and POSIX flags, and ignores them", () => {
    const k = host();
    expect(run(k, ["ps", "aux"]).stdout).toBe("PID   USER     COMMAND\n    1 root     {systemd} /sbin/init\n    2 root     ps aux\n");
    expect(run(k, ["ps", "-ef"]).stdout).toBe("PID   USER     COMMAND\n    1 root     {systemd} /sbin/init\n    3 root     ps -ef\n");
  });

  it("-o picks columns; 'COL=HEADER' renames a column and makes it as wide as the header", () => {
    const k = host();
    run(k, ["bg", "snooze"], { uid: 1000, gid: 1000 });
    run(k, ["snooze", "0"]);
    expect(run(k, ["ps", "-o", "pid,ppid,pgid,sid,user,group,comm,stat,nice,tty,vsz,rss,args"]).stdout).toBe(
      "PID   PPID  PGID  SID   USER     GROUP    COMMAND          STAT NI    TT     VSZ  RSS  COMMAND\n" +
        "    1     0     1     1 root     root     systemd          S        0 ?       24m  12m {systemd} /sbin/init\n" +
        "    3     1     0     0 student  student  snooze           S        0 ?      1536  512 snooze\n" +
        "    5     1     5     5 root     root     ps               R        0 ?      1536  512 ps -o pid,ppid,pgid,sid,user,group,comm,stat,nice,tty,vsz,rss,args\n",
    );
    expect(run(k, ["ps", "-o", "pid,comm=CMD"]).stdout).toBe("PID   CMD\n    1 sys\n    3 sno\n    6 ps\n");
    expect(run(k, ["ps", "-o", "pid=", "-o", "user=U,args"]).stdout).toBe("      U COMMAND\n    1 r {systemd} /sbin/init\n    3 s snooze\n    7 r ps -o pid= -o user=U,args\n");
    expect(run(k, ["ps", "-o", "pid,comm=,user"]).stdout).toBe("PID                    USER\n    1 systemd          root\n    3 snooze           student\n    8 ps               root\n");
    expect(run(k, ["ps", "-o", "pid=,args="]).stdout).toBe("    1 {systemd} /sbin/init\n    3 snooze\n    9 ps -o pid=,args=\n");
  });

  it("reports a bad column with the list busybox supports", () => {
    expect(run(host(), ["ps", "-o", "time"])).toEqual({
      stdout: "",
      stderr: "ps: bad -o argument 'time', supported arguments: user,group,comm,args,pid,ppid,pgid,nice,rgroup,ruser,tty,vsz,sid,stat,rss\n",
      code: 1,
    });
  });

  it("rejects unknown options with the usage text", () => {
    expect(run(host(), ["ps", "-aux"])).toEqual({
      stdout: "",
      stderr:
        "ps: invalid option -- 'u'\nBusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: ps [-o COL1,COL2=HEADER] [-T]\n\nShow list of processes\n\n\t-o COL1,COL2=HEADER\tSelect columns for display\n\t-T\t\t\tShow threads\n",
      code: 1,
    });
  });

  it("shows the terminal as major,minor and cuts lines to the terminal width minus one", () => {
    const k = host();
    const t = terminal(k, ["/usr/bin/ps", "-o", "pid,tty,args", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]);
    expect(t.output()).toBe(
      "PID   TT     COMMAND\r\n" +
        "    1 ?      {systemd} /sbin/init\r\n" +
        `    2 136,0  /usr/bin/ps -o pid,tty,args ${"x".repeat(38)}\r\n`,
    );
  });
});
