/** docker top with ps options: the daemon's procps ps (formats, selections, errors) filtered to the container's pids. */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./transcript";

describe("docker top", () => {
  it("runs ps -ef by default and the given ps options otherwise, keeping the container's lines", async () => {
    const k = await sandbox();
    expect(
      transcript(k, [
        "docker pull -q busybox",
        "docker run -d --name top1 busybox sh -c 'sleep 1000 & sleep 2000'",
        "sleep 2",
        "docker top top1",
        "docker top top1 -o pid,comm",
        "docker top top1 aux",
        "docker top top1 -ef",
        "docker top top1 x",
        "docker top top1 -l",
        "docker top top1 j",
        "docker top top1 axf",
        "docker top top1 -o pid,args,comm",
        "docker top top1 e",
        "docker top top1 -o pid --sort=-pid",
        "docker top top1 -p 1",
        "docker top top1 -q 1",
        "docker top top1 -o comm",
        "docker top top1 -o pid=",
        "docker top top1 -o user=PID,pid",
        "docker top top1 pid,comm",
        "docker top top1 -o pid,foo",
        "docker top top1 --badopt",
        "docker top top1 -zzz",
        "docker top top1 Q",
        "docker stop -t 0 top1",
        "docker top top1",
      ]),
    ).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run -d --name top1 busybox sh -c 'sleep 1000 & sleep 2000'
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ sleep 2
$ docker top top1
UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
root                7                   6                   0                   09:00               ?                   00:00:00            sleep 2000
root                9                   7                   0                   09:00               ?                   00:00:00            sleep 1000
$ docker top top1 -o pid,comm
PID                 COMMAND
7                   sleep
9                   sleep
$ docker top top1 aux
USER                PID                 %CPU                %MEM                VSZ                 RSS                 TTY                 STAT                START               TIME                COMMAND
root                7                   0.0                 0.0                 1800                600                 ?                   Ss                  09:00               0:00                sleep 2000
root                9                   0.0                 0.0                 1800                600                 ?                   S                   09:00               0:00                sleep 1000
$ docker top top1 -ef
UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
root                7                   6                   0                   09:00               ?                   00:00:00            sleep 2000
root                9                   7                   0                   09:00               ?                   00:00:00            sleep 1000
$ docker top top1 x
PID                 TTY                 STAT                TIME                COMMAND
7                   ?                   Ss                  0:00                sleep 2000
9                   ?                   S                   0:00                sleep 1000
$ docker top top1 -l
F                   S                   UID                 PID                 PPID                C                   PRI                 NI                  ADDR                SZ                  WCHAN               TTY                 TIME                CMD
4                   S                   0                   7                   6                   0                   80                  0                   -                   450                 hrtime              ?                   00:00:00            sleep
0                   S                   0                   9                   7                   0                   80                  0                   -                   450                 hrtime              ?                   00:00:00            sleep
$ docker top top1 j
PPID                PID                 PGID                SID                 TTY                 TPGID               STAT                UID                 TIME                COMMAND
6                   7                   7                   7                   ?                   -1                  Ss                  0                   0:00                sleep 2000
7                   9                   7                   7                   ?                   -1                  S                   0                   0:00                sleep 1000
$ docker top top1 axf
PID                 TTY                 STAT                TIME                COMMAND
7                   ?                   Ss                  0:00                \\_ sleep 2000
9                   ?                   S                   0:00                \\_ sleep 1000
$ docker top top1 -o pid,args,comm
PID                 COMMAND             COMMAND
7                   sleep               2000 sleep
9                   sleep               1000 sleep
$ docker top top1 e
PID                 TTY                 STAT                TIME                COMMAND
7                   ?                   Ss                  0:00                sleep 2000 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOSTNAME=e82c282998b1 HOME=/root SHLVL=1 PWD=/
9                   ?                   S                   0:00                sleep 1000 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOSTNAME=e82c282998b1 HOME=/root SHLVL=1 PWD=/
$ docker top top1 -o pid --sort=-pid
PID
9
7
$ docker top top1 -p 1
PID                 TTY                 TIME                CMD
$ docker top top1 -q 1
PID                 TTY                 TIME                CMD
$ docker top top1 -o comm
[stderr] Error response from daemon: Couldn't find PID field in ps output
[exit 1]
$ docker top top1 -o pid=
[stderr] Error response from daemon: Couldn't find PID field in ps output
[exit 1]
$ docker top top1 -o user=PID,pid
[stderr] Error response from daemon: specifying "user=PID,pid" is not allowed
[exit 1]
$ docker top top1 pid,comm
[stderr] Error response from daemon: ps: error: process ID list syntax error
[exit 1]
$ docker top top1 -o pid,foo
[stderr] Error response from daemon: ps: error: unknown user-defined format specifier "foo"
[exit 1]
$ docker top top1 --badopt
[stderr] Error response from daemon: ps: error: unknown gnu long option
[exit 1]
$ docker top top1 -zzz
[stderr] Error response from daemon: ps: error: unsupported SysV option
[exit 1]
$ docker top top1 Q
[stderr] Error response from daemon: ps: error: unsupported option (BSD syntax)
[exit 1]
$ docker stop -t 0 top1
top1
$ docker top top1
[stderr] Error response from daemon: container e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21 is not running
[exit 1]
`);
  });
});
