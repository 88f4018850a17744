/** kill, killall, pidof (busybox 1.35) and pgrep, pkill (procps-ng 4.0.2). */
import { describe, expect, it } from "vitest";
import { newHost, run } from "../../helpers/host";
import { bg, snooze } from "./tools";

const host = () => newHost({ extra: [bg, snooze] });
const BANNER = "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.";

/** Lists the snooze processes still alive, as "pid state". */
function snoozers(k: ReturnType<typeof host>): string {
  return run(k, ["ps", "-o", "pid,stat,comm"]).stdout.split("\n").filter((l) => l.includes("snooze")).join("\n");
}

describe("kill", () => {
  it("-l lists the 31 named signals; with arguments it converts both ways", () => {
    const k = host();
    const list = run(k, ["kill", "-l"]);
    expect(list.stdout.split("\n").slice(0, 3)).toEqual([" 1) HUP", " 2) INT", " 3) QUIT"]);
    expect(list.stdout.split("\n").slice(27)).toEqual(["28) WINCH", "29) POLL", "30) PWR", "31) SYS", ""]);
    expect(run(k, ["kill", "-l", "HUP", "2", "sigterm", "SIGKILL", "137", "0", "64"])).toEqual({
      stdout: "1\nINT\n15\n9\nKILL\nEXIT\n64\n",
      stderr: "",
      code: 0,
    });
    expect(run(k, ["kill", "-l", "1", "FOO", "2"])).toEqual({ stdout: "HUP\n", stderr: "kill: unknown signal 'FOO'\n", code: 1 });
  });

  it("sends TERM by default, or -SIG, -s SIG, -NUM", () => {
    const k = host();
    for (let i = 0; i < 4; i++) run(k, ["bg", "snooze"]);
    run(k, ["snooze", "0"]);
    expect(snoozers(k)).toBe("    3 S    snooze\n    5 S    snooze\n    7 S    snooze\n    9 S    snooze");
    expect(run(k, ["kill", "3"])).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(run(k, ["kill", "-STOP", "5"]).code).toBe(0);
    expect(run(k, ["kill", "-s", "KILL", "7"]).code).toBe(0);
    // Only a first "--" ends the options; after -SIG it is a (bad) pid, as in busybox.
    expect(run(k, ["kill", "-9", "--", "9"])).toEqual({ stdout: "", stderr: "kill: invalid number '--'\n", code: 1 });
    expect(snoozers(k)).toBe("    5 T    snooze");
    expect(run(k, ["kill", "-0", "5"]).code).toBe(0);
  });

  it("reports each pid it could not signal and exits with the count", () => {
    const k = host();
    expect(run(k, ["kill", "-9", "999998", "abc", "999999"])).toEqual({
      stdout: "",
      stderr: "kill: can't kill pid 999998: No such process\nkill: invalid number 'abc'\nkill: can't kill pid 999999: No such process\n",
      code: 3,
    });
    expect(run(k, ["kill", "-FOO", "1"])).toEqual({ stdout: "", stderr: "kill: bad signal name 'FOO'\n", code: 1 });
    expect(run(k, ["kill"])).toEqual({ stdout: "", stderr: "kill: you need to specify whom to kill\n", code: 1 });
    expect(run(k, ["kill", "-9"])).toEqual({ stdout: "", stderr: "kill: you need to specify whom to kill\n", code: 1 });
    expect(run(k, ["kill", "--", "-1234567"])).toEqual({ stdout: "", stderr: "kill: can't kill pid -1234567: No such process\n", code: 1 });
  });

  it("an ordinary user may not signal root's processes", () => {
    const k = host();
    expect(run(k, ["kill", "1"], { uid: 1000, gid: 1000 })).toEqual({ stdout: "", stderr: "kill: can't kill pid 1: Operation not permitted\n", code: 1 });
  });
});

describe("killall", () => {
  it("signals every process of that name, and says when there was none", () => {
    const k = host();
    run(k, ["bg", "snooze"]);
    run(k, ["bg", "snooze"]);
    run(k, ["snooze", "0"]);
    expect(run(k, ["killall", "-STOP", "snooze"])).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(snoozers(k)).toBe("    3 T    snooze\n    5 T    snooze");
    expect(run(k, ["killall", "-9", "snooze", "nosuch"])).toEqual({ stdout: "", stderr: "killall: nosuch: no process killed\n", code: 1 });
    expect(snoozers(k)).toBe("");
    expect(run(k, ["killall", "-q", "nosuch"])).toEqual({ stdout: "", stderr: "", code: 1 });
    expect(run(k, ["killall"])).toEqual({ stdout: "", stderr: "killall: you need to specify whom to kill\n", code: 1 });
    expect(run(k, ["killall", "-x", "nosuch"])).toEqual({ stdout: "", stderr: "killall: bad signal name 'x'\n", code: 1 });
  });
});

describe("pidof", () => {
  it("prints matching pids newest first, by comm, argv[0] or exe", () => {
    const k = host();
    run(k, ["bg", "snooze"]);
    run(k, ["bg", "/usr/bin/snooze", "5"]);
    expect(run(k, ["pidof", "snooze"])).toEqual({ stdout: "5 3\n", stderr: "", code: 0 });
    expect(run(k, ["pidof", "/usr/bin/snooze", "systemd"])).toEqual({ stdout: "5 3 1\n", stderr: "", code: 0 });
    expect(run(k, ["pidof", "init", "nosuch"])).toEqual({ stdout: "1\n", stderr: "", code: 0 });
    expect(run(k, ["pidof", "nosuch"])).toEqual({ stdout: "", stderr: "", code: 1 });
    expect(run(k, ["pidof", "-s", "snooze"])).toEqual({
      stdout: "",
      stderr: `pidof: invalid option -- 's'\n${BANNER}\n\nUsage: pidof [NAME]...\n\nList PIDs of all processes with names that match NAMEs\n`,
      code: 1,
    });
  });
});

describe("pgrep and pkill", () => {
  it("matches the name by regular expression, never itself", () => {
    const k = host();
    run(k, ["bg", "snooze", "77"]);
    run(k, ["bg", "snooze", "78"]);
    expect(run(k, ["pgrep", "snoo"])).toEqual({ stdout: "3\n5\n", stderr: "", code: 0 });
    expect(run(k, ["pgrep", "-l", "^s"])).toEqual({ stdout: "1 systemd\n3 snooze\n5 snooze\n", stderr: "", code: 0 });
    expect(run(k, ["pgrep", "-a", "snooze"])).toEqual({ stdout: "3 snooze 77\n5 snooze 78\n", stderr: "", code: 0 });
    expect(run(k, ["pgrep", "-f", "snooze 7[8]"])).toEqual({ stdout: "5\n", stderr: "", code: 0 });
    expect(run(k, ["pgrep", "-x", "snoo"])).toEqual({ stdout: "", stderr: "", code: 1 });
    expect(run(k, ["pgrep", "-c", "snooze"])).toEqual({ stdout: "2\n", stderr: "", code: 0 });
    expect(run(k, ["pgrep", "-d,", "snooze"])).toEqual({ stdout: "3,5\n", stderr: "", code: 0 });
    expect(run(k, ["pgrep", "-n", "snooze"])).toEqual({ stdout: "5\n", stderr: "", code: 0 });
    expect(run(k, ["pgrep", "-u", "student", "snooze"])).toEqual({ stdout: "", stderr: "", code: 1 });
    expect(run(k, ["pgrep", "pgrep"])).toEqual({ stdout: "", stderr: "", code: 1 });
  });

  it("needs a pattern or a criterion", () => {
    const k = host();
    expect(run(k, ["pgrep"])).toEqual({ stdout: "", stderr: "pgrep: no matching criteria specified\nTry `pgrep --help' for more information.\n", code: 2 });
    expect(run(k, ["pkill", "-9"])).toEqual({ stdout: "", stderr: "pkill: no matching criteria specified\nTry `pkill --help' for more information.\n", code: 2 });
    expect(run(k, ["pgrep", "-u", "nosuchuser", "x"])).toEqual({ stdout: "", stderr: "pgrep: invalid user name: nosuchuser\n", code: 2 });
  });

  it("pkill signals what pgrep would list; -e tells", () => {
    const k = host();
    run(k, ["bg", "snooze", "77"]);
    run(k, ["bg", "snooze", "78"]);
    expect(run(k, ["pkill", "-e", "snooze"])).toEqual({ stdout: "snooze killed (pid 3)\nsnooze killed (pid 5)\n", stderr: "", code: 0 });
    expect(run(k, ["pkill", "nosuch"])).toEqual({ stdout: "", stderr: "", code: 1 });
    expect(run(k, ["pgrep", "snooze"]).code).toBe(1);
  });
});
