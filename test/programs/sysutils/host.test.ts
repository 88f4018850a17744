/** Utilities whose output depends on the simulated machine (identity, clock, processes), run on a booted host. */
import { describe, expect, it } from "vitest";
import { newHost, run } from "../../helpers/host";
import { elapsed, pipeline } from "./helpers";

const host = () => newHost({ extra: [elapsed, pipeline] });

describe("machine facts", () => {
  const k = host();
  it("uname -a prints kernel name, host, release, version, machine and OS", () => {
    const u = run(k, ["uname", "-a"]);
    expect(u).toEqual({
      stdout:
        "Linux sandbox 6.1.0-31-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.128-1 (2025-02-07) x86_64 GNU/Linux\n",
      stderr: "",
      code: 0,
    });
    expect(run(k, ["uname", "-snrvmpio"]).stdout).toBe(
      "Linux sandbox 6.1.0-31-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.128-1 (2025-02-07) x86_64 unknown unknown GNU/Linux\n",
    );
    expect(run(k, ["uname", "-rm"]).stdout).toBe("6.1.0-31-amd64 x86_64\n");
  });
  it("id and whoami name root from /etc/passwd and /etc/group", () => {
    expect(run(k, ["id"]).stdout).toBe("uid=0(root) gid=0(root) groups=0(root)\n");
    expect(run(k, ["id", "-un"]).stdout).toBe("root\n");
    expect(run(k, ["id", "-G"]).stdout).toBe("0\n");
    expect(run(k, ["whoami"]).stdout).toBe("root\n");
    expect(run(k, ["id", "student"]).stdout).toBe(
      "uid=1000(student) gid=1000(student) groups=1000(student),24(cdrom),25(floppy),27(sudo),29(audio),30(dip),44(video),46(plugdev),100(users)\n",
    );
    expect(run(k, ["id", "-Gn", "student"]).stdout).toBe(
      "student cdrom floppy sudo audio dip video plugdev users\n",
    );
    expect(run(k, ["id"], { uid: 1000, gid: 1000 }).stdout).toMatch(
      /^uid=1000\(student\) gid=1000\(student\)/,
    );
    expect(run(k, ["whoami"], { uid: 1000, gid: 1000 }).stdout).toBe("student\n");
  });
  it("hostname shows and sets the UTS name; -i looks it up in /etc/hosts", () => {
    const k2 = host();
    expect(run(k2, ["hostname"]).stdout).toBe("sandbox\n");
    expect(run(k2, ["hostname", "-i"]).stdout).toBe("127.0.1.1\n");
    expect(run(k2, ["hostname", "web.example.com"])).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(run(k2, ["hostname"]).stdout).toBe("web.example.com\n");
    expect(run(k2, ["hostname", "-s"]).stdout).toBe("web\n");
    expect(run(k2, ["hostname", "-d"]).stdout).toBe("example.com\n");
    expect(run(k2, ["uname", "-n"]).stdout).toBe("web.example.com\n");
    expect(run(k2, ["hostname", "-i"])).toEqual({
      stdout: "",
      stderr: "hostname: web.example.com: Unknown host\n",
      code: 1,
    });
  });
  it("nproc, uptime and date read the machine", () => {
    expect(run(k, ["nproc"]).stdout).toBe("2\n");
    expect(run(k, ["nproc", "--ignore=1"]).stdout).toBe("1\n");
    expect(run(k, ["nproc", "--ignore=5"]).stdout).toBe("1\n");
    expect(run(k, ["uptime"]).stdout).toMatch(
      /^ \d\d:\d\d:\d\d up (\d+ min| ?\d+:\d\d), {2}0 users, {2}load average: \d\.\d\d, \d\.\d\d, \d\.\d\d\n$/,
    );
    expect(run(k, ["date"]).stdout).toMatch(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n$/,
    );
    expect(run(k, ["date", "+%s"]).stdout).toMatch(/^\d{10}\n$/);
  });
  it("tty is not a tty on a pipe; clear prints the busybox sequence", () => {
    expect(run(k, ["tty"])).toEqual({ stdout: "not a tty\n", stderr: "", code: 1 });
    expect(run(k, ["clear"]).stdout).toBe("\x1b[H\x1b[J");
    expect(run(k, ["reset"]).stdout).toBe("");
  });
  it("env with no command prints the environment; -i and NAME=VALUE change what the command gets", () => {
    expect(run(k, ["env"], { env: { FOO: "bar" } }).stdout).toContain("FOO=bar\n");
    expect(run(k, ["env", "-i", "A=1", "env"]).stdout).toBe("A=1\n");
    expect(run(k, ["env", "-i", "PATH=/bin", "printenv", "PATH"]).stdout).toBe("/bin\n");
    expect(run(k, ["env", "-u", "HOME", "printenv", "HOME"]).code).toBe(1);
    expect(run(k, ["env", "nosuch"])).toEqual({
      stdout: "",
      stderr: "env: can't execute 'nosuch': No such file or directory\n",
      code: 127,
    });
  });
});

describe("time", () => {
  it("sleep and usleep take virtual time", () => {
    const k = host();
    expect(run(k, ["test-elapsed", "sleep", "2.5"]).stdout).toBe("exit 0 after 2500ms\n");
    expect(run(k, ["test-elapsed", "sleep", "1m", "1"]).stdout).toBe("exit 0 after 61000ms\n");
    expect(run(k, ["test-elapsed", "usleep", "250000"]).stdout).toBe("exit 0 after 250ms\n");
  });
  it("timeout kills a command that runs too long, with the signal asked for", () => {
    const k = host();
    expect(run(k, ["test-elapsed", "timeout", "1", "sleep", "5"]).stdout).toBe("signal TERM after 1000ms\n");
    expect(run(k, ["test-elapsed", "timeout", "-s", "KILL", "2", "sleep", "5"]).stdout).toBe(
      "signal KILL after 2000ms\n",
    );
    expect(run(k, ["test-elapsed", "timeout", "5", "sleep", "1"]).stdout).toBe("exit 0 after 1000ms\n");
    expect(run(k, ["timeout", "5", "false"]).code).toBe(1);
    expect(run(k, ["timeout", "1", "sleep", "3"]).code).toBe(143);
  });
});

describe("endless writers", () => {
  it("yes stops when its reader goes away", () => {
    const k = host();
    expect(run(k, ["test-pipe", "yes", "|", "head", "-n", "3"]).stdout).toBe(
      "y\ny\ny\n[signal PIPE] [exit 0]\n",
    );
    expect(run(k, ["test-pipe", "yes", "a", "b", "|", "head", "-c", "8"]).stdout).toBe(
      "a b\na b\n[signal PIPE] [exit 0]\n",
    );
  });
  it("seq with a zero step also ends by SIGPIPE", () => {
    const k = host();
    expect(run(k, ["test-pipe", "seq", "1", "0", "2", "|", "head", "-n", "2"]).stdout).toBe(
      "1\n1\n[signal PIPE] [exit 0]\n",
    );
  });
});
