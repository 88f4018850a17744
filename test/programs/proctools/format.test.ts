/** Number and command-line formatting, checked against values the real busybox 1.35 printed. */
import { describe, expect, it } from "vitest";
import { humanReadable } from "../../../src/programs/proctools/free";
import { formatCmdline, parseStat, smartUlltoa } from "../../../src/programs/proctools/procscan";
import { signame, signum } from "../../../src/programs/proctools/signames";

describe("busybox size formats", () => {
  // Pairs read from /proc/PID/stat (KiB) and the same process in real `busybox ps -o vsz,rss`.
  it("smart_ulltoa4 (ps VSZ/RSS)", () => {
    const cases: Array<[number, string]> = [
      [1392, "1392"], [5132, "5132"], [9999, "9999"], [49492, " 48m"], [18640, " 18m"], [41480, " 40m"],
      [82092, " 80m"], [1037496, "0.9g"], [1426328, "1.3g"], [1533088, "1.4g"], [13277400, " 12g"], [0, "   0"],
    ];
    expect(cases.map(([v]) => [v, smartUlltoa(v, 4)])).toEqual(cases);
  });
  // Pairs from real `busybox top -b -n1`.
  it("smart_ulltoa5 (top VSZ)", () => {
    const cases: Array<[number, string]> = [
      [1392, " 1392"], [49492, "49492"], [1426328, "1392m"], [1533088, "1497m"], [13277400, "12.6g"], [34255088, "32.6g"], [0, "    0"],
    ];
    expect(cases.map(([v]) => [v, smartUlltoa(v, 5)])).toEqual(cases);
  });
  // From real `busybox free` -b/-m/-g/-h on a machine with these /proc/meminfo values.
  it("make_human_readable_str (free)", () => {
    const kb = 1024;
    expect(humanReadable(24684092 * kb, 0)).toBe("23.5G");
    expect(humanReadable(336760 * kb, 0)).toBe("328.9M");
    expect(humanReadable(8856 * kb, 0)).toBe("8.6M");
    expect(humanReadable(0, 0)).toBe("0");
    expect(humanReadable(24684092 * kb, 1024 ** 2)).toBe("24106");
    expect(humanReadable(336760 * kb, 1024 ** 2)).toBe("329");
    expect(humanReadable(24684092 * kb, 1024 ** 3)).toBe("24");
    expect(humanReadable(8856 * kb, 1)).toBe("9068544");
  });
});

describe("read_cmdline", () => {
  it("joins arguments with spaces", () => {
    expect(formatCmdline("sleep\x0010\x00", 100, "sleep")).toBe("sleep 10");
  });
  it("shows [comm] for an empty command line (kernel threads, zombies)", () => {
    expect(formatCmdline("", 100, "kthreadd")).toBe("[kthreadd]");
  });
  it("prefixes {comm} when argv[0] does not start with it", () => {
    expect(formatCmdline("/sbin/init\x00", 100, "systemd")).toBe("{systemd} /sbin/init");
    expect(formatCmdline("-sh\x00", 100, "sh")).toBe("-sh");
  });
  it("cuts to the column width minus one", () => {
    expect(formatCmdline("abcdefgh\x00", 5, "ab")).toBe("abcd");
    // As in C: the cut argv[0] no longer starts with comm, so "{comm}" takes the room.
    expect(formatCmdline("abcdefgh\x00", 5, "abcdefgh")).toBe("{abc");
    expect(formatCmdline("/bin/x\x00arg\x00", 8, "other")).toBe("{other}");
  });
});

describe("/proc/PID/stat parsing", () => {
  it("takes the name between the first ( and the last )", () => {
    const s = parseStat("42 (a) b) S 1 42 42 34816 42 4194560 0 0 0 0 3 1 0 0 20 0 1 0 500 4096000 100 18446744073709551615\n");
    expect(s).toMatchObject({ comm: "a) b", state: "S  ", ppid: 1, ttyMajor: 136, ttyMinor: 0, utime: 3, stime: 1, vsz: 4000, rss: 400 });
  });
  it("marks memoryless processes W and nice ones N or <", () => {
    expect(parseStat("2 (k) S 0 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 5 1 0 1 0 0 0\n")?.state).toBe("SWN");
    expect(parseStat("2 (k) R 0 0 0 0 -1 0 0 0 0 0 0 0 0 0 20 -5 1 0 1 4096 1 0\n")?.state).toBe("R <");
  });
});

describe("signal names", () => {
  it("parses names and numbers the way busybox get_signum does", () => {
    expect(["HUP", "sigterm", "SIGKILL", "IO", "POLL", "IOT", "0", "64", "65", "CLD", "1x", " 1"].map(signum)).toEqual([
      1, 15, 9, 29, 29, 6, 0, 64, -1, -1, -1, -1,
    ]);
    expect([0, 9, 29, 34].map(signame)).toEqual(["EXIT", "KILL", "POLL", "34"]);
  });
});
