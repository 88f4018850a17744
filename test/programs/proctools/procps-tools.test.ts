/**
 * The Debian host's process tools as procps-ng 4.0.2, sysvinit's pidof and the shells' kill builtins
 * print them (outputs recorded on a real Debian 12 host).
 */
import { describe, expect, it } from "vitest";
import { bootSandboxHost } from "../../../src/session/host";
import { run } from "../../helpers/host";

const sh = (script: string) => run(bootSandboxHost(), ["/bin/sh", "-c", script]);
const bash = (script: string) => run(bootSandboxHost(), ["/bin/bash", "-c", script]);

const KILL_USAGE =
  "\nUsage:\n kill [options] <pid> [...]\n\nOptions:\n <pid> [...]            send signal to every <pid> listed\n" +
  " -<signal>, -s, --signal <signal>\n                        specify the <signal> to be sent\n" +
  " -q, --queue <value>    integer value to be sent with the signal\n" +
  " -l, --list=[<signal>]  list all signal names, or convert one to a name\n" +
  " -L, --table            list all signal names in a nice table\n\n" +
  " -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see kill(1).\n";

describe("procps-ng's kill (/usr/bin/kill)", () => {
  it("lists signals as -l and -L print them", () => {
    expect(sh("/usr/bin/kill -l; /usr/bin/kill -L; /usr/bin/kill -l 9; /usr/bin/kill --list=KILL; /usr/bin/kill -l 1 2")).toEqual({
      stdout:
        "HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\n" +
        "CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n" +
        " 1 HUP      2 INT      3 QUIT     4 ILL      5 TRAP     6 ABRT     7 BUS\n" +
        " 8 FPE      9 KILL    10 USR1    11 SEGV    12 USR2    13 PIPE    14 ALRM\n" +
        "15 TERM    16 STKFLT  17 CHLD    18 CONT    19 STOP    20 TSTP    21 TTIN\n" +
        "22 TTOU    23 URG     24 XCPU    25 XFSZ    26 VTALRM  27 PROF    28 WINCH\n" +
        "29 POLL    30 PWR     31 SYS     \n" +
        "KILL\n9\nHUP\n",
      stderr: "",
      code: 0,
    });
    expect(sh("/usr/bin/kill -l 0; /usr/bin/kill -l IO; /usr/bin/kill -l 137")).toEqual({
      stdout: "",
      stderr:
        "/usr/bin/kill: unknown signal name 0\n/usr/bin/kill: unknown signal name IO\n/usr/bin/kill: unknown signal name 137\n",
      code: 0,
    });
  });

  it("reports each pid it cannot signal and bad arguments", () => {
    expect(sh("/usr/bin/kill -9 99999 99998; echo $?; /usr/bin/kill 99999 -9; /usr/bin/kill -s FOO 99999; /usr/bin/kill abc; echo $?; /usr/bin/kill ''")).toEqual({
      stdout: "1\n1\n",
      stderr:
        "/usr/bin/kill: (99999): No such process\n/usr/bin/kill: (99998): No such process\n" +
        "/usr/bin/kill: (99999): No such process\n/usr/bin/kill: (99999): No such process\n" +
        "/usr/bin/kill: failed to parse argument: 'abc'\n" +
        "/usr/bin/kill: failed to parse argument: '': No such file or directory\n",
      code: 1,
    });
    expect(sh("/usr/bin/kill -FOO 1")).toEqual({ stdout: "", stderr: `/usr/bin/kill: invalid argument F\n${KILL_USAGE}`, code: 1 });
    expect(sh("/usr/bin/kill -9")).toEqual({ stdout: "", stderr: KILL_USAGE, code: 1 });
    expect(sh("/usr/bin/kill --help; /usr/bin/kill -V")).toEqual({ stdout: `${KILL_USAGE}kill from procps-ng 4.0.2\n`, stderr: "", code: 0 });
  });

  it("signals processes", () => {
    expect(sh("sleep 100 & /usr/bin/kill -KILL $!; wait $! 2>/dev/null; echo $?")).toEqual({ stdout: "137\n", stderr: "", code: 0 });
  });
});

describe("the shells' kill builtins", () => {
  it("bash: SIG names in columns, its own messages", () => {
    const r = bash("kill -l; kill -9 99999; echo $?; kill -l 9 15 foo 137; kill abc 99998; kill -x 1; kill -s; kill -l 0 32 64");
    expect(r.stdout).toBe(
      " 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n" +
        " 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n" +
        "11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM\n" +
        "16) SIGSTKFLT\t17) SIGCHLD\t18) SIGCONT\t19) SIGSTOP\t20) SIGTSTP\n" +
        "21) SIGTTIN\t22) SIGTTOU\t23) SIGURG\t24) SIGXCPU\t25) SIGXFSZ\n" +
        "26) SIGVTALRM\t27) SIGPROF\t28) SIGWINCH\t29) SIGIO\t30) SIGPWR\n" +
        "31) SIGSYS\t34) SIGRTMIN\t35) SIGRTMIN+1\t36) SIGRTMIN+2\t37) SIGRTMIN+3\n" +
        "38) SIGRTMIN+4\t39) SIGRTMIN+5\t40) SIGRTMIN+6\t41) SIGRTMIN+7\t42) SIGRTMIN+8\n" +
        "43) SIGRTMIN+9\t44) SIGRTMIN+10\t45) SIGRTMIN+11\t46) SIGRTMIN+12\t47) SIGRTMIN+13\n" +
        "48) SIGRTMIN+14\t49) SIGRTMIN+15\t50) SIGRTMAX-14\t51) SIGRTMAX-13\t52) SIGRTMAX-12\n" +
        "53) SIGRTMAX-11\t54) SIGRTMAX-10\t55) SIGRTMAX-9\t56) SIGRTMAX-8\t57) SIGRTMAX-7\n" +
        "58) SIGRTMAX-6\t59) SIGRTMAX-5\t60) SIGRTMAX-4\t61) SIGRTMAX-3\t62) SIGRTMAX-2\n" +
        "63) SIGRTMAX-1\t64) SIGRTMAX\t\n" +
        "1\nKILL\nTERM\nKILL\nEXIT\nRTMAX\n",
    );
    expect(r.stderr).toBe(
      "/bin/bash: line 1: kill: (99999) - No such process\n" +
        "/bin/bash: line 1: kill: foo: invalid signal specification\n" +
        "/bin/bash: line 1: kill: abc: arguments must be process or job IDs\n" +
        "/bin/bash: line 1: kill: (99998) - No such process\n" +
        "/bin/bash: line 1: kill: x: invalid signal specification\n" +
        "/bin/bash: line 1: kill: -s: option requires an argument\n",
    );
    expect(bash("kill; echo $?; kill -9; echo $?")).toEqual({
      stdout: "2\n2\n",
      stderr:
        "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n" +
        "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n",
      code: 0,
    });
  });

  it("dash: bare names one a line, sh_error's messages", () => {
    const r = sh("kill -l | head -18 | tr '\\n' ' '; echo; kill -l 137; kill -9 99999; echo $?; kill -FOO 1; echo $?; kill -s; kill abc; kill -l foo; kill -l 0; kill -s FOO 1; kill %1; kill");
    expect(r.stdout).toBe("0 HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM 16 CHLD \nKILL\n1\n2\n");
    expect(r.stderr).toBe(
      "/bin/sh: 1: kill: No such process\n\n" +
        "/bin/sh: 1: kill: Illegal option -F\n" +
        "/bin/sh: 1: kill: No arg for -s option\n" +
        "/bin/sh: 1: kill: Illegal number: abc\n" +
        "/bin/sh: 1: kill: Illegal number: foo\n" +
        "/bin/sh: 1: kill: invalid signal number or exit status: 0\n" +
        "/bin/sh: 1: kill: invalid signal number or name: FOO\n" +
        "/bin/sh: 1: kill: No such job: %1\n" +
        "/bin/sh: 1: kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]\n",
    );
    expect(r.code).toBe(2);
  });
});

describe("sysvinit's pidof", () => {
  it("prints pids newest first, with -s, -d, -o, -q, and its help", () => {
    expect(sh("pidof dockerd containerd; pidof -d, dockerd init; pidof -s containerd; pidof -o 3 dockerd; echo $?; pidof -q dockerd; echo $?; pidof /usr/sbin/dockerd")).toEqual({
      stdout: "3 2\n3,1\n2\n1\n0\n3\n",
      stderr: "",
      code: 0,
    });
    expect(sh("pidof -h")).toEqual({
      stdout:
        "pidof usage: [options] <program-name>\n\n" +
        " -c           Return PIDs with the same root directory\n" +
        " -d <sep>     Use the provided character as output separator\n" +
        " -h           Display this help text\n" +
        " -n           Avoid using stat system function on network shares\n" +
        " -o <pid>     Omit results with a given PID\n" +
        " -q           Quiet mode. Do not display output\n" +
        " -s           Only return one PID\n" +
        " -x           Return PIDs of shells running scripts with a matching name\n" +
        " -z           List zombie and I/O waiting processes. May cause pidof to hang.\n\n",
      stderr: "",
      code: 0,
    });
    // Without a terminal on stdin its complaints go to syslog.
    expect(sh("pidof -Z dockerd")).toEqual({ stdout: "", stderr: "", code: 1 });
  });
});

describe("procps-ng's pgrep and pkill", () => {
  it("lists, counts and reports bad arguments", () => {
    expect(sh("pgrep -l dockerd; pgrep -a containerd; pgrep -c -x nomatch; echo $?; pgrep -d, -f 'd$'")).toEqual({
      stdout: "3 dockerd\n2 /usr/bin/containerd\n0\n1\n2\n",
      stderr: "",
      code: 0,
    });
    expect(sh("pgrep; pgrep a b; pgrep -P x; pgrep -s 0,x; pgrep -g 0x; pgrep 'a{'; pgrep '*'; pgrep '[a'; pkill -L x; pgrep -F /etc/hostname")).toEqual({
      stdout: "",
      stderr:
        "pgrep: no matching criteria specified\nTry `pgrep --help' for more information.\n" +
        "pgrep: only one pattern can be provided\nTry `pgrep --help' for more information.\n" +
        "pgrep: not a number: x\npgrep: invalid session id: x\npgrep: invalid process group: 0x\n" +
        "pgrep: regex error: Unmatched \\{\npgrep: regex error: Invalid preceding regular expression\n" +
        "pgrep: regex error: Unmatched [, [^, [:, [., or [=\n" +
        "pkill: -L without -F makes no sense\nTry `pkill --help' for more information.\n" +
        "pgrep: pidfile not valid\nTry `pgrep --help' for more information.\n",
      code: 1,
    });
    const usage = sh("pkill -l x");
    expect(usage.code).toBe(2);
    expect(usage.stderr.split("\n").slice(0, 9)).toEqual([
      "pkill: invalid option -- 'l'",
      "",
      "Usage:",
      " pkill [options] <pattern>",
      "",
      "Options:",
      " -<sig>, --signal <sig>    signal to send (either number or name)",
      " -q, --queue <value>       integer value to be sent with the signal",
      " -e, --echo                display what is killed",
    ]);
    expect(usage.stderr.endsWith("\nFor more details see pgrep(1).\n")).toBe(true);
  });

  it("pkill signals the matches: -SIG anywhere, -e, -c, status 1 when none", () => {
    expect(sh("sleep 100 & sleep 200 & pkill -c sleep -KILL; wait; pkill nomatch; echo $?; pkill -0 -e dockerd")).toEqual({
      stdout: "2\n1\ndockerd killed (pid 3)\n",
      stderr: "",
      code: 0,
    });
  });
});

describe("procps-ng's top in batch mode", () => {
  it("prints the summary and the task table, cut to the width", () => {
    expect(sh("top -b -n 1")).toEqual({
      stdout:
        "top - 09:00:00 up 0 min,  0 user,  load average: 0.00, 0.00, 0.00\n" +
        "Tasks:   4 total,   1 running,   3 sleeping,   0 stopped,   0 zombie\n" +
        "%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st \n" +
        "MiB Mem :   8192.0 total,   7253.0 free,    326.0 used,    712.0 buff/cache     \n" +
        "MiB Swap:      0.0 total,      0.0 free,      0.0 used.   7866.0 avail Mem \n" +
        "\n" +
        "  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n" +
        "    1 root      20   0   24576  12288   6144 S   0.0   0.1   0:00.00 systemd\n" +
        "    2 root      20   0  921600  46080  23040 S   0.0   0.5   0:00.00 containerd\n" +
        "    3 root      20   0 1740800  87040  43520 S   0.0   1.0   0:00.00 dockerd\n" +
        "    4 root      20   0   12288   4096   2048 R   0.0   0.0   0:00.00 top\n",
      stderr: "",
      code: 0,
    });
    expect(sh("COLUMNS=50 top -bn1 -p 3").stdout).toBe(
      "top - 09:00:00 up 0 min,  0 user,  load average: 0\n" +
        "Tasks:   1 total,   0 running,   1 sleeping,   0 s\n" +
        "%Cpu(s):  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 \n" +
        "MiB Mem :   8192.0 total,   7253.0 free,    326.0 \n" +
        "MiB Swap:      0.0 total,      0.0 free,      0.0 \n" +
        "\n" +
        "  PID USER      PR  NI    VIRT    RES    SHR S\n" +
        "    3 root      20   0 1740800  87040  43520 S\n",
    );
    expect(sh("top -Z; top -V")).toEqual({ stdout: "top from procps-ng 4.0.2\n", stderr: "top: invalid option -- 'Z'\n", code: 0 });
  });
});
