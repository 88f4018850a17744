/** Container commands after run: logs, top, port, exec, diff, pause, update, rename, inspect -f, stats, ps -s, stop, wait, kill, restart, prune. */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./transcript";

describe("container lifecycle commands", () => {
  it("logs, top, port, exec and diff of a running container", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run --name c1 -e FOO=bar -l app=demo -p 8080:80 -p 127.0.0.1:9000:90/udp -d busybox sh -c 'echo one; echo two >&2; sleep 1000'",
      "docker ps",
      "docker logs c1",
      "docker logs -t --tail 1 c1",
      "docker logs --tail 0 c1",
      "docker top c1",
      "docker port c1",
      "docker port c1 80",
      "docker port c1 81",
      "docker exec c1 sh -c 'echo hi from $HOSTNAME; touch /tmp/new; rm /bin/ls; exit 4'",
      "docker exec c1 nosuch",
      "docker diff c1",
      "docker logs nosuch"
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run --name c1 -e FOO=bar -l app=demo -p 8080:80 -p 127.0.0.1:9000:90/udp -d busybox sh -c 'echo one; echo two >&2; sleep 1000'
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker ps
CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS                  PORTS                                                             NAMES
e82c282998b1   busybox   "sh -c 'echo one; ecâ¦"   Less than a second ago   Up Less than a second   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp, 127.0.0.1:9000->90/udp   c1
$ docker logs c1
one
[stderr] two
$ docker logs -t --tail 1 c1
[stderr] 2026-01-15T09:00:00.031050000Z two
$ docker logs --tail 0 c1
$ docker top c1
UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD
root                7                   6                   0                   09:00               ?                   00:00:00            sleep 1000
$ docker port c1
80/tcp -> 0.0.0.0:8080
80/tcp -> [::]:8080
90/udp -> 127.0.0.1:9000
$ docker port c1 80
0.0.0.0:8080
[::]:8080
$ docker port c1 81
[stderr] Error: No public port '81/tcp' published for c1
[exit 1]
$ docker exec c1 sh -c 'echo hi from $HOSTNAME; touch /tmp/new; rm /bin/ls; exit 4'
hi from e82c282998b1
[exit 4]
$ docker exec c1 nosuch
[stderr] OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown
[exit 127]
$ docker diff c1
C /tmp
A /tmp/new
C /bin
D /bin/ls
$ docker logs nosuch
[stderr] Error response from daemon: No such container: nosuch
[exit 1]
`);
  });

  it("pause, update, rename, inspect -f, stats, size, stop, wait and prune", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run --name c1 -l app=demo -d busybox sleep 1000",
      "docker pause c1",
      "docker pause c1",
      "docker ps --format '{{.Names}} {{.Status}} {{.State}}'",
      "docker exec c1 true",
      "docker unpause c1",
      "docker unpause c1",
      "docker update --memory 64m c1",
      "docker update --memory 64m --memory-swap 128m --cpus 0.5 --pids-limit 10 c1",
      "docker update c1",
      "docker rename c1 web",
      "docker rename web web",
      "docker inspect -f '{{.Name}} {{.State.Status}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{json .Config.Labels}}' web",
      "docker inspect -f '{{.Nope}}' web",
      "docker stats --no-stream",
      "docker ps -a -s",
      "docker kill -s TERM web",
      "docker stop -t 1 web",
      "docker wait web",
      "docker kill web",
      "docker ps -a --filter status=exited --format '{{.Names}} {{.Status}}'",
      "docker ps --filter exited=137",
      "docker ps --filter bogus=1",
      "docker ps --filter status=bogus",
      "docker container prune -f",
      "docker ps -a"
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run --name c1 -l app=demo -d busybox sleep 1000
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker pause c1
c1
$ docker pause c1
[stderr] Error response from daemon: Container e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21 is already paused
[exit 1]
$ docker ps --format '{{.Names}} {{.Status}} {{.State}}'
c1 Up Less than a second (Paused) paused
$ docker exec c1 true
[stderr] Error response from daemon: Container c1 is paused, unpause the container before exec
[exit 1]
$ docker unpause c1
c1
$ docker unpause c1
[stderr] Error response from daemon: Container e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21 is not paused
[exit 1]
$ docker update --memory 64m c1
[stderr] Error response from daemon: Cannot update container e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21: Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time
[exit 1]
$ docker update --memory 64m --memory-swap 128m --cpus 0.5 --pids-limit 10 c1
c1
$ docker update c1
[stderr] you must provide one or more flags when using this command
[exit 1]
$ docker rename c1 web
$ docker rename web web
[stderr] Error response from daemon: Renaming a container with the same name as its current name
[stderr] Error: failed to rename container named web
[exit 1]
$ docker inspect -f '{{.Name}} {{.State.Status}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{json .Config.Labels}}' web
/web running 67108864 500000000 10 {"app":"demo"}
$ docker inspect -f '{{.Nope}}' web

[stderr] template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"
[exit 1]
$ docker stats --no-stream
CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS
e82c282998b1   web       0.00%     600KiB / 64MiB      0.92%     0B / 0B   0B / 0B     1
$ docker ps -a -s
CONTAINER ID   IMAGE     COMMAND        CREATED        STATUS        PORTS     NAMES     SIZE
e82c282998b1   busybox   "sleep 1000"   1 second ago   Up 1 second             web       0B (virtual 1.98MB)
$ docker kill -s TERM web
web
$ docker stop -t 1 web
web
$ docker wait web
137
$ docker kill web
[stderr] Error response from daemon: Cannot kill container: web: container e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21 is not running
[exit 1]
$ docker ps -a --filter status=exited --format '{{.Names}} {{.Status}}'
web Exited (137) Less than a second ago
$ docker ps --filter exited=137
CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES
$ docker ps --filter bogus=1
[stderr] Error response from daemon: invalid filter 'bogus'
[exit 1]
$ docker ps --filter status=bogus
[stderr] Error response from daemon: invalid filter 'status=bogus'
[exit 1]
$ docker container prune -f
Deleted Containers:
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21

Total reclaimed space: 0B
$ docker ps -a
CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES
`);
  });

  it("restart, rm -f, start -a with a status, wait", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run -d --name r busybox true",
      "docker run -d --name rr busybox sleep 1000",
      "docker restart -t 0 rr",
      "docker ps --format '{{.Names}} {{.Status}}'",
      "docker rm rr",
      "docker rm -f rr",
      "docker create --name ww busybox sh -c 'echo waited; exit 5'",
      "docker start -a ww",
      "docker wait ww",
      "docker ps -a -n 1 --format '{{.Names}} {{.Command}} {{.Status}}'"
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run -d --name r busybox true
[stderr] docker: Error response from daemon: Invalid container name (r), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run -d --name rr busybox sleep 1000
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker restart -t 0 rr
rr
$ docker ps --format '{{.Names}} {{.Status}}'
rr Up Less than a second
$ docker rm rr
[stderr] Error response from daemon: cannot remove container "/rr": container is running: stop the container before removing or force remove
[exit 1]
$ docker rm -f rr
rr
$ docker create --name ww busybox sh -c 'echo waited; exit 5'
f20151421659bd60038f84c5c6ac85a8a1e714dd402beab73d03a4bb6f7767a4
$ docker start -a ww
waited
[exit 5]
$ docker wait ww
5
$ docker ps -a -n 1 --format '{{.Names}} {{.Command}} {{.Status}}'
ww "sh -c 'echo waited;â¦" Exited (5) Less than a second ago
`);
  });
});
