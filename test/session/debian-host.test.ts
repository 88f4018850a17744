/**
 * The sandbox's host is Debian 12 with docker.io: the Debian tree and its tools, procps-ng's ps,
 * free and uptime (formats checked against a real bookworm host, procps-ng 4.0.2), bash as root's
 * login shell with Debian's prompt.
 */
import { describe, expect, it } from "vitest";
import { Sandbox } from "../../src/session/sandbox";
import { bootSandboxHost } from "../../src/session/host";
import { run } from "../helpers/host";

const sh = (script: string) => run(bootSandboxHost(), ["/bin/sh", "-c", script]);

describe("the Debian host", () => {
  it("has Debian's binaries: dash as /bin/sh, bash, GNU coreutils, procps", () => {
    expect(sh("ls -l /bin/sh /bin/bash /usr/bin/ls /usr/bin/ps /usr/bin/docker /usr/sbin/iptables")).toEqual({
      stdout:
        "-rwxr-xr-x 1 root root  1265648 Aug 11 00:00 /bin/bash\n" +
        "lrwxrwxrwx 1 root root        4 Aug 11 00:00 /bin/sh -> dash\n" +
        "-rwxr-xr-x 1 root root 45582984 Aug 11 00:00 /usr/bin/docker\n" +
        "-rwxr-xr-x 1 root root   151344 Aug 11 00:00 /usr/bin/ls\n" +
        "-rwxr-xr-x 1 root root   146360 Aug 11 00:00 /usr/bin/ps\n" +
        "lrwxrwxrwx 1 root root       26 Aug 11 00:00 /usr/sbin/iptables -> /etc/alternatives/iptables\n",
      stderr: "",
      code: 0,
    });
    expect(sh("head -1 /etc/passwd; grep student /etc/passwd; cat /etc/debian_version").stdout).toBe(
      "root:x:0:0:root:/root:/bin/bash\nstudent:x:1000:1000:Student,,,:/home/student:/bin/bash\n12.11\n",
    );
    expect(sh("ls --version | head -1; ps --version; free -V; uptime --version").stdout).toBe(
      "ls (GNU coreutils) 9.1\nps from procps-ng 4.0.2\nfree from procps-ng 4.0.2\nuptime from procps-ng 4.0.2\n",
    );
    expect(sh("pidof dockerd").stdout).toBe("3\n");
  });

  it("lists the host's processes as procps-ng's ps does", () => {
    expect(sh("ps aux").stdout).toBe(
      "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n" +
        "root           1  0.0  0.1  24576 12288 ?        Ss   09:00   0:00 /sbin/init\n" +
        "root           2  0.0  0.5 921600 46080 ?        Ss   09:00   0:00 /usr/bin/containerd\n" +
        "root           3  0.0  1.0 1740800 87040 ?       Ss   09:00   0:00 /usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n" +
        // dash runs the last command of -c in its own process (exec).
        "root           4  0.0  0.0   9216  3072 ?        Rs   09:00   0:00 ps aux\n",
    );
    expect(sh("ps -ef").stdout).toBe(
      "UID          PID    PPID  C STIME TTY          TIME CMD\n" +
        "root           1       0  0 09:00 ?        00:00:00 /sbin/init\n" +
        "root           2       1  0 09:00 ?        00:00:00 /usr/bin/containerd\n" +
        "root           3       1  0 09:00 ?        00:00:00 /usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n" +
        "root           4       1  0 09:00 ?        00:00:00 ps -ef\n",
    );
    expect(sh("ps axjf").stdout).toBe(
      "   PPID     PID    PGID     SID TTY        TPGID STAT   UID   TIME COMMAND\n" +
        "      0       1       1       1 ?             -1 Ss       0   0:00 /sbin/init\n" +
        "      1       2       2       2 ?             -1 Ss       0   0:00 /usr/bin/containerd\n" +
        "      1       3       3       3 ?             -1 Ss       0   0:00 /usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n" +
        "      1       4       4       4 ?             -1 Rs       0   0:00 ps axjf\n",
    );
    // An overflowing column pushes the next ones; a right-aligned column's padding takes it back.
    expect(sh("ps -o sz,tt,stat,pid -p 3; ps -l -p 3; ps -o pid:3,comm:3,user:12,pid -p 3; ps -o user:3,pid= -p 3").stdout).toBe(
      "   SZ TT       STAT     PID\n" +
        "435200 ?       Ss         3\n" +
        "F S   UID     PID    PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD\n" +
        "4 S     0       3       1  0  80   0 - 435200 do_wai ?       00:00:00 dockerd\n" +
        "PID COMMAND USER         PID\n" +
        "  3 doc root               3\n" +
        "USER       \n" +
        "ro+       3\n",
    );
    expect(sh("ps -o pid,bogus")).toEqual({
      stdout: "",
      stderr:
        'error: unknown user-defined format specifier "bogus"\n\nUsage:\n ps [options]\n\n Try \'ps --help <simple|list|output|threads|misc|all>\'\n  or \'ps --help <s|l|o|t|m|a>\'\n for additional help text.\n\nFor more details see ps(1).\n',
      code: 1,
    });
  });

  it("shows memory and uptime as procps-ng's free and uptime do", () => {
    expect(sh("free; free -h; free -m -w -t").stdout).toBe(
      "               total        used        free      shared  buff/cache   available\n" +
        "Mem:         8388608      331217     7429679        9216      729088     8057391\n" +
        "Swap:              0           0           0\n" +
        "               total        used        free      shared  buff/cache   available\n" +
        "Mem:           8.0Gi       323Mi       7.1Gi       9.0Mi       712Mi       7.7Gi\n" +
        "Swap:             0B          0B          0B\n" +
        "               total        used        free      shared     buffers       cache   available\n" +
        "Mem:            8192         322        7256           9          13         699        7869\n" +
        "Swap:              0           0           0\n" +
        "Total:          8192         322        7256\n",
    );
    expect(sh("uptime; uptime -p; uptime -s").stdout).toBe(
      " 09:00:00 up 0 min,  0 user,  load average: 0.00, 0.00, 0.00\nup 0 minutes\n2026-01-15 09:00:00\n",
    );
    expect(sh("free -x").stderr.split("\n").slice(0, 4)).toEqual(["free: invalid option -- 'x'", "", "Usage:", " free [options]"]);
  });

  it("logs root in with bash and Debian's prompt", () => {
    const s = Sandbox.create({ instant: true, tickBudgetMs: Infinity });
    let screen = "";
    s.onOutput((b) => {
      screen += Buffer.from(b).toString("latin1");
    });
    const settle = () => {
      for (let i = 0; i < 100 && s.tick(50).busy; i++);
    };
    settle();
    s.input("echo $0 $SHELL\r");
    settle();
    s.input("ps\r");
    settle();
    expect(screen).toBe(
      "root@sandbox:~# echo $0 $SHELL\r\n-bash /bin/bash\r\nroot@sandbox:~# ps\r\n" +
        "    PID TTY          TIME CMD\r\n      4 pts/0    00:00:00 bash\r\n      7 pts/0    00:00:00 ps\r\nroot@sandbox:~# ",
    );
  });
});
