/**
 * What the shells print when a background job they killed ends, as recorded with Debian 12's
 * dash 0.5.12, busybox 1.35 ash and bash 5.2.15 (non-interactive with -c; interactive on a pty).
 * The killed job's death is noticed after the shell is back at its prompt, as on a real machine.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../src/kernel";
import { bootSandboxHost } from "../../src/session/host";
import { run, terminal } from "../helpers/host";

let k: Kernel;

beforeAll(() => {
  k = bootSandboxHost();
});

/** Replaces pids (which differ from the recording) by PID. */
const pids = (s: string) => s.replace(/\b\d{1,5}( (Killed|Segmentation))/g, "PID$1").replace(/^\[1\] \d+$/gm, "[1] PID");

describe("wait after kill, without a terminal", () => {
  const script =
    "sleep 100 & kill -9 $!; wait $!; echo $?; sleep 100 & kill $!; wait; echo $?; " +
    "sleep 100 & kill -9 $!; sleep 0.1; echo after; wait $!; echo $?; sleep 5 & kill -SEGV $!; wait $!; " +
    "wait 9999; echo $?; false & sleep 0.1; jobs";

  it("dash names the signal of the job it waited for, not of one reaped before", () => {
    expect(run(k, ["dash", "-c", `exec 2>&1; ${script}`])).toEqual({
      stdout: "Killed\n137\n0\nafter\n137\nSegmentation fault\n127\n[1] + Done(1)                    \n",
      stderr: "",
      code: 0,
    });
  });

  it("bash reports a job a signal killed once, when it reaps it, with line and pid", () => {
    const r = run(k, ["bash", "-c", `exec 2>&1; ${script}`]);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/line 1: +\d+ /g, "line 1: PID ")).toBe(
      "bash: line 1: PID Killed                  sleep 100\n137\n0\n" +
        "bash: line 1: PID Killed                  sleep 100\nafter\n137\n" +
        "bash: line 1: PID Segmentation fault      sleep 5\n" +
        "bash: line 1: wait: pid 9999 is not a child of this shell\n127\n",
    );
  });

  it("a job `wait` collected is freed when dash makes the next job", () => {
    expect(run(k, ["dash", "-c", "sleep 100 & kill $!; wait; sleep 100 & kill -9 $!; wait $!; jobs; echo end"])).toEqual({
      stdout: "[1] + Killed                     \nend\n",
      stderr: "Killed\n",
      code: 0,
    });
    expect(run(k, ["dash", "-c", "sleep 100 & kill $!; wait; sleep 0.1; jobs; echo end"]).stdout).toBe("end\n");
  });
});

describe("wait after kill at an interactive prompt", () => {
  function session(argv: string[], lines: string[]): string {
    const t = terminal(k, argv, { PS1: "$ " });
    for (const l of lines) t.type(`${l}\r`);
    return pids(t.output().replace(/\r\n/g, "\n"));
  }
  const lines = ["sleep 100 &", "kill -9 $!", "wait $!", "echo $?", "sleep 100 &", "kill -9 $!; sleep 0.2", "wait $!", "echo $?"];

  it("dash: the signal's name from wait, then the job notice; a job already reported is gone", () => {
    expect(session(["/bin/dash", "-i"], lines)).toBe(
      "$ sleep 100 &\n$ kill -9 $!\n$ wait $!\nKilled\n[1] + Killed                     sleep 100\n$ echo $?\n137\n" +
        "$ sleep 100 &\n$ kill -9 $!; sleep 0.2\n[1] + Killed                     sleep 100\n$ wait $!\n$ echo $?\n127\n$ ",
    );
  });

  it("bash: [1] PID on start, the notice from wait, and the status kept after the notice", () => {
    expect(session(["/bin/bash", "--norc", "-i"], [...lines, "sleep 100 &", "kill -9 $!", "wait", "echo $?"])).toBe(
      "$ sleep 100 &\n[1] PID\n$ kill -9 $!\n$ wait $!\n[1]+  Killed                  sleep 100\n$ echo $?\n137\n" +
        "$ sleep 100 &\n[1] PID\n$ kill -9 $!; sleep 0.2\n[1]+  Killed                  sleep 100\n$ wait $!\n$ echo $?\n137\n" +
        "$ sleep 100 &\n[1] PID\n$ kill -9 $!\n$ wait\n$ echo $?\n0\n$ ",
    );
  });
});
