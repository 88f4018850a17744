/** free and top (busybox 1.35), from /proc/meminfo, /proc/stat, /proc/loadavg and /proc/PID/stat. */
import { describe, expect, it } from "vitest";
import { newHost, run, terminal } from "../../helpers/host";
import { bg, burn } from "./tools";

const host = () => newHost({ extra: [bg, burn] });
const HEAD = "              total        used        free      shared  buff/cache   available\n";

describe("free", () => {
  // used = MemTotal - MemFree - (Buffers + Cached + SReclaimable), as busybox computes it.
  it("prints KiB by default and -b -m -g -h; the first option letter wins", () => {
    const k = host();
    expect(run(k, ["free"])).toEqual({
      stdout: `${HEAD}Mem:        8388608       95744     7563776        9216      729088     8191488\nSwap:             0           0           0\n`,
      stderr: "",
      code: 0,
    });
    expect(run(k, ["free", "-m"]).stdout).toBe(`${HEAD}Mem:           8192          94        7387           9         712        8000\nSwap:             0           0           0\n`);
    expect(run(k, ["free", "-h"]).stdout).toBe(`${HEAD}Mem:           8.0G       93.5M        7.2G        9.0M      712.0M        7.8G\nSwap:             0           0           0\n`);
    expect(run(k, ["free", "-b"]).stdout).toBe(`${HEAD}Mem:     8589934592    98041856  7745306624     9437184   746586112  8388083712\nSwap:             0           0           0\n`);
    expect(run(k, ["free", "-gm"]).stdout).toBe(`${HEAD}Mem:              8           0           7           0           1           8\nSwap:             0           0           0\n`);
  });

  it("rejects other options with its usage", () => {
    expect(run(host(), ["free", "-x"])).toEqual({
      stdout: "",
      stderr: "free: invalid option -- 'x'\nBusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: free [-bkmgh]\n\nDisplay free and used memory\n",
      code: 1,
    });
  });
});

describe("top", () => {
  it("-b -n 1 prints one frame measured over 0.1 s, then a blank line", () => {
    expect(run(host(), ["top", "-b", "-n", "1"])).toEqual({
      stdout:
        "Mem: 824832K used, 7563776K free, 9216K shrd, 13312K buff, 614400K cached\n" +
        "CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq\n" +
        "Load average: 0.00 0.00 0.00 1/2 2\n" +
        "  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND\n" +
        "    1     0 root     S    24576   0%   0% {systemd} /sbin/init\n" +
        "    2     1 root     R     1536   0%   0% top -b -n 1\n" +
        "\n",
      stderr: "",
      code: 0,
    });
  });

  it("computes CPU% from the growth of utime+stime between frames, busiest first", () => {
    const k = host();
    run(k, ["bg", "burn"]);
    const frames = run(k, ["top", "bn2", "d1"]).stdout.split("Mem: ");
    expect(frames.length).toBe(3);
    expect(frames[2]).toBe(
      "825344K used, 7563264K free, 9216K shrd, 13312K buff, 614400K cached\n" +
        "CPU:  37% usr  12% sys   0% nic  50% idle   0% io   0% irq   0% sirq\n" +
        "Load average: 0.00 0.00 0.00 2/3 4\n" +
        "  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND\n" +
        "    3     1 root     R     1536   0%  50% burn\n" +
        "    1     0 root     S    24576   0%   0% {systemd} /sbin/init\n" +
        "    4     1 root     R     1536   0%   0% top bn2 d1\n" +
        "\n",
    );
  });

  it("rejects a bad count", () => {
    expect(run(host(), ["top", "-b", "-n", "x"])).toEqual({ stdout: "", stderr: "top: invalid number 'x'\n", code: 1 });
  });

  it("on a terminal: clears the screen each frame, reads keys in raw mode, q quits and restores the terminal", () => {
    const k = host();
    const t = terminal(k, ["/usr/bin/top", "-d", "2"]);
    t.settle(3_000_000);
    const screen = t.output();
    expect(screen.startsWith("\x1b[H\x1b[JMem: ")).toBe(true);
    expect(screen).toContain("\r\n\x1b[7m  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND\x1b[m\r\n    1     0 root     S    24576   0%   0% {systemd} /sbin/init\r\n");
    expect(screen.split("\x1b[H\x1b[J").length).toBeGreaterThan(2);
    expect(k.w.ttys[t.tty].termios).toEqual({ icanon: false, echo: false, isig: false, onlcr: true, icrnl: false });
    t.type("q");
    expect(t.output().endsWith("/usr/bin/top -d 2\r\r\n")).toBe(true);
    expect(k.w.ttys[t.tty].termios).toEqual({ icanon: true, echo: true, isig: true, onlcr: true, icrnl: true });
    expect(k.w.procs[t.pid]).toBeUndefined();
  });
});
