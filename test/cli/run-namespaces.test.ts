/**
 * docker run/create --pid, --uts, --ipc, --cgroupns, --userns and --volumes-from through the docker
 * program. Outputs and messages were checked against a real dockerd (20.10 daemon, 28.2 client; the
 * daemon's wording follows docker 28's source where they differ: "invalid IPC mode", "failed to
 * join IPC namespace"). The real test host is cgroup v1; the --cgroupns host view of a cgroup v2
 * host (the full path in /proc/self/cgroup, the whole hierarchy in /sys/fs/cgroup) follows runc.
 */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./commands/transcript";

describe("docker run: shared namespaces and --volumes-from", () => {
  it("--pid host shows the host's processes with host PIDs; --pid container:X joins X's pid namespace (the same inode on the host, lsns counts both)", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run --rm --pid host busybox sh -c 'ps; readlink /proc/self/ns/pid'",
      "readlink /proc/self/ns/pid",
      "docker run -d --name donor busybox sleep 1000",
      "docker run --rm --pid container:donor busybox sh -c 'ps; echo $$'",
      "docker run -d --name guest --pid container:donor busybox sleep 500",
      "docker exec donor ps",
      "docker inspect --format '{{json .HostConfig.PidMode}}' guest",
      "sh -c 'readlink /proc/$(docker inspect -f {{.State.Pid}} donor)/ns/pid; readlink /proc/$(docker inspect -f {{.State.Pid}} guest)/ns/pid'",
      "lsns -t pid",
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run --rm --pid host busybox sh -c 'ps; readlink /proc/self/ns/pid'
PID   USER     COMMAND
    1 root     {systemd} /sbin/init
    2 root     /usr/bin/containerd
    3 root     /usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
    5 root     docker run --rm --pid host busybox sh -c ps; readlink /proc/self/ns/pid
    6 root     /usr/bin/containerd-shim-runc-v2 -namespace moby -id e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21 -address /run/containerd/containerd.sock
    7 root     sh -c ps; readlink /proc/self/ns/pid
    8 root     ps
pid:[4026531836]
$ readlink /proc/self/ns/pid
pid:[4026531836]
$ docker run -d --name donor busybox sleep 1000
18743eeb10e39da5e11adf544059eba59e9c9cb7d78b2b02480bdc138211d800
$ docker run --rm --pid container:donor busybox sh -c 'ps; echo $$'
PID   USER     COMMAND
    1 root     sleep 1000
    2 root     sh -c ps; echo $$
    3 root     ps
2
$ docker run -d --name guest --pid container:donor busybox sleep 500
feaccfa8834637c69fd66184919892854a02968c5aa9d7ba0351f32c779a5fb8
$ docker exec donor ps
PID   USER     COMMAND
    1 root     sleep 1000
    4 root     sleep 500
    5 root     ps
$ docker inspect --format '{{json .HostConfig.PidMode}}' guest
"container:18743eeb10e39da5e11adf544059eba59e9c9cb7d78b2b02480bdc138211d800"
$ sh -c 'readlink /proc/$(docker inspect -f {{.State.Pid}} donor)/ns/pid; readlink /proc/$(docker inspect -f {{.State.Pid}} guest)/ns/pid'
pid:[4026532168]
pid:[4026532168]
$ lsns -t pid
        NS TYPE NPROCS PID USER COMMAND
4026531836 pid       6   1 root /sbin/init
4026532168 pid       2  12 root sleep 1000
`);
  });

  it("the guest dies with the pid namespace it joined; it cannot start again while the donor is down, nor join a missing one", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run -d --name donor busybox sleep 1000",
      "docker run -d --name guest --pid container:donor busybox sleep 500",
      "docker stop -t 1 donor",
      "docker ps -a",
      "docker start guest",
      "docker run --rm --pid container:nosuch busybox true",
      "docker create --name later --pid container:donor busybox true",
      "docker start later",
      "docker rm donor",
      "docker start guest",
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run -d --name donor busybox sleep 1000
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker run -d --name guest --pid container:donor busybox sleep 500
889518743eeb10e39da5e11adf544059eba59e9c9cb7d78b2b02480bdc138211
$ docker stop -t 1 donor
donor
$ docker ps -a
CONTAINER ID   IMAGE     COMMAND        CREATED        STATUS                                PORTS     NAMES
889518743eeb   busybox   "sleep 500"    1 second ago   Exited (137) Less than a second ago             guest
e82c282998b1   busybox   "sleep 1000"   1 second ago   Exited (137) Less than a second ago             donor
$ docker start guest
[stderr] Error response from daemon: container e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21 is not running
[stderr] Error: failed to start containers: guest
[exit 1]
$ docker run --rm --pid container:nosuch busybox true
[stderr] docker: Error response from daemon: No such container: nosuch
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker create --name later --pid container:donor busybox true
0aef136d1e6c213577017685acb0cb70c5f3e2dfb023684a1d024f5a6f069f30
$ docker start later
[stderr] Error response from daemon: container e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21 is not running
[stderr] Error: failed to start containers: later
[exit 1]
$ docker rm donor
donor
$ docker start guest
[stderr] Error response from daemon: No such container: e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
[stderr] Error: failed to start containers: guest
[exit 1]
`);
  });

  it("--uts host keeps the host's hostname inside while Config.Hostname and /etc/hostname name the container", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run --name uts --uts host busybox sh -c 'hostname; cat /etc/hostname; readlink /proc/self/ns/uts'",
      "readlink /proc/self/ns/uts",
      "docker inspect --format '{{.Config.Hostname}} {{json .HostConfig.UTSMode}}' uts",
      "hostname",
      "docker run --rm --uts host --hostname other busybox true",
      "docker run --rm --uts host --domainname example.org busybox true",
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run --name uts --uts host busybox sh -c 'hostname; cat /etc/hostname; readlink /proc/self/ns/uts'
sandbox
e82c282998b1
uts:[4026531838]
$ readlink /proc/self/ns/uts
uts:[4026531838]
$ docker inspect --format '{{.Config.Hostname}} {{json .HostConfig.UTSMode}}' uts
e82c282998b1 "host"
$ hostname
sandbox
$ docker run --rm --uts host --hostname other busybox true
[stderr] docker: Error response from daemon: conflicting options: hostname and the UTS mode
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --uts host --domainname example.org busybox true
[stderr] docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: sysctl "kernel.domainname" is not in a separate kernel namespace: unknown
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
`);
  });

  it("--ipc: private by default, none has no /dev/shm, shareable lends its /dev/shm and IPC namespace, host uses the host's", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run --rm busybox sh -c 'grep shm /proc/mounts'",
      "docker run --rm --ipc none busybox sh -c 'ls -d /dev/shm; grep -c shm /proc/mounts'",
      "docker run -d --name priv busybox sleep 1000",
      "docker run --rm --ipc container:priv busybox true",
      "docker run -d --name lender --ipc shareable busybox sleep 1000",
      "sh -c 'grep containers/ /proc/self/mountinfo | cut -d\" \" -f5-'",
      "docker exec lender sh -c 'echo shared > /dev/shm/note'",
      "docker run --rm --ipc container:lender busybox sh -c 'cat /dev/shm/note; grep shm /proc/mounts'",
      "docker run -d --name borrower --ipc container:lender busybox sleep 1000",
      "docker inspect --format '{{.HostConfig.IpcMode}}' priv lender borrower",
      "lsns -t ipc",
      "docker run --rm --ipc host busybox sh -c 'grep shm /proc/mounts; readlink /proc/self/ns/ipc'",
      "readlink /proc/self/ns/ipc",
      "docker stop lender",
      "docker exec borrower cat /dev/shm/note",
      "sh -c 'grep -c containers/ /proc/self/mountinfo'",
      "docker start lender",
      "docker exec lender ls /dev/shm",
      "docker run --rm --ipc foo busybox true",
      "docker run --rm --ipc container:nosuch busybox true",
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run --rm busybox sh -c 'grep shm /proc/mounts'
shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k,inode64 0 0
$ docker run --rm --ipc none busybox sh -c 'ls -d /dev/shm; grep -c shm /proc/mounts'
0
[stderr] ls: /dev/shm: No such file or directory
[exit 1]
$ docker run -d --name priv busybox sleep 1000
1e6c213577017685acb0cb70c5f3e2dfb023684a1d024f5a6f069f3009e4685f
$ docker run --rm --ipc container:priv busybox true
[stderr] docker: Error response from daemon: failed to join IPC namespace: container 1e6c213577017685acb0cb70c5f3e2dfb023684a1d024f5a6f069f3009e4685f: non-shareable IPC (hint: use IpcMode:shareable for the donor container)
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run -d --name lender --ipc shareable busybox sleep 1000
b608db23c45ea51286bc98229aaad2bcf5a54990e7e6b15ae8c006e147fdd953
$ sh -c 'grep containers/ /proc/self/mountinfo | cut -d" " -f5-'
/var/lib/docker/containers/b608db23c45ea51286bc98229aaad2bcf5a54990e7e6b15ae8c006e147fdd953/mounts/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw,size=65536k,inode64
$ docker exec lender sh -c 'echo shared > /dev/shm/note'
$ docker run --rm --ipc container:lender busybox sh -c 'cat /dev/shm/note; grep shm /proc/mounts'
shared
shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k,inode64 0 0
$ docker run -d --name borrower --ipc container:lender busybox sleep 1000
c45dda2672fab0354a6f61657995f2adf3ef8919e4ed320173a6c03fba044619
$ docker inspect --format '{{.HostConfig.IpcMode}}' priv lender borrower
private
shareable
container:b608db23c45ea51286bc98229aaad2bcf5a54990e7e6b15ae8c006e147fdd953
$ lsns -t ipc
        NS TYPE NPROCS PID USER COMMAND
4026531839 ipc       7   1 root /sbin/init
4026532174 ipc       1  14 root sleep 1000
4026532180 ipc       2  19 root sleep 1000
$ docker run --rm --ipc host busybox sh -c 'grep shm /proc/mounts; readlink /proc/self/ns/ipc'
tmpfs /dev/shm tmpfs rw,nosuid,nodev 0 0
ipc:[4026531839]
$ readlink /proc/self/ns/ipc
ipc:[4026531839]
$ docker stop lender
lender
$ docker exec borrower cat /dev/shm/note
shared
$ sh -c 'grep -c containers/ /proc/self/mountinfo'
0
[exit 1]
$ docker start lender
lender
$ docker exec lender ls /dev/shm
$ docker run --rm --ipc foo busybox true
[stderr] docker: Error response from daemon: invalid IPC mode: foo
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --ipc container:nosuch busybox true
[stderr] docker: Error response from daemon: No such container: nosuch
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
`);
  });

  it("--cgroupns: private shows the container's cgroup as the root; host shows its full path and the whole hierarchy", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run --rm busybox sh -c 'cat /proc/self/cgroup; ls /sys/fs/cgroup | grep -c slice'",
      "docker run --name hostcg --cgroupns host busybox sh -c 'cat /proc/self/cgroup; ls -d /sys/fs/cgroup/system.slice'",
      "docker inspect --format '{{.HostConfig.CgroupnsMode}} {{json .HostConfig.UsernsMode}}' hostcg",
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run --rm busybox sh -c 'cat /proc/self/cgroup; ls /sys/fs/cgroup | grep -c slice'
0::/
0
[exit 1]
$ docker run --name hostcg --cgroupns host busybox sh -c 'cat /proc/self/cgroup; ls -d /sys/fs/cgroup/system.slice'
0::/system.slice/docker-18743eeb10e39da5e11adf544059eba59e9c9cb7d78b2b02480bdc138211d800.scope
/sys/fs/cgroup/system.slice
$ docker inspect --format '{{.HostConfig.CgroupnsMode}} {{json .HostConfig.UsernsMode}}' hostcg
host ""
`);
  });

  it("--volumes-from gives the other container's volumes and binds (not its tmpfs), :ro makes them read-only, -v wins; rm -v keeps a volume still in use", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "mkdir -p /srv/data",
      "sh -c 'echo from-host > /srv/data/f'",
      "docker create --name store -v /data -v named:/named -v /srv/data:/bind:ro --tmpfs /scratch busybox true",
      "docker run --name user --volumes-from store busybox sh -c 'echo x > /data/x; cat /bind/f; ls -d /scratch; grep -E \" /(data|named|bind) \" /proc/mounts'",
      "docker inspect --format '{{json .HostConfig.VolumesFrom}} {{json .HostConfig.Binds}}' user",
      "docker inspect --format '{{json .Mounts}}' user",
      "docker run --rm --volumes-from store:ro busybox sh -c 'cat /data/x; touch /data/y'",
      "docker run --rm --volumes-from store:rw busybox touch /bind/y",
      "docker run --rm --volumes-from store -v /srv:/data busybox ls /data",
      "docker run --rm --volumes-from store:bogus busybox true",
      "docker run --rm --volumes-from nosuch busybox true",
      "docker rm -v user",
      "docker volume ls -q",
      "docker create --name user2 --volumes-from store busybox true",
      "docker rm store",
      "docker rm -v user2",
      "docker volume ls -q",
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ mkdir -p /srv/data
$ sh -c 'echo from-host > /srv/data/f'
$ docker create --name store -v /data -v named:/named -v /srv/data:/bind:ro --tmpfs /scratch busybox true
90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6
$ docker run --name user --volumes-from store busybox sh -c 'echo x > /data/x; cat /bind/f; ls -d /scratch; grep -E " /(data|named|bind) " /proc/mounts'
from-host
/dev/sda1 /data ext4 rw,relatime,errors=remount-ro 0 0
/dev/sda1 /named ext4 rw,relatime,errors=remount-ro 0 0
/dev/sda1 /bind ext4 ro,relatime,errors=remount-ro 0 0
[stderr] ls: /scratch: No such file or directory
$ docker inspect --format '{{json .HostConfig.VolumesFrom}} {{json .HostConfig.Binds}}' user
["store"] null
$ docker inspect --format '{{json .Mounts}}' user
[{"Type":"volume","Name":"e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21","Source":"/var/lib/docker/volumes/e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21/_data","Destination":"/data","Driver":"local","Mode":"","RW":true,"Propagation":""},{"Type":"volume","Name":"named","Source":"/var/lib/docker/volumes/named/_data","Destination":"/named","Driver":"local","Mode":"","RW":true,"Propagation":""},{"Type":"bind","Source":"/srv/data","Destination":"/bind","Mode":"","RW":false,"Propagation":"rprivate"}]
$ docker run --rm --volumes-from store:ro busybox sh -c 'cat /data/x; touch /data/y'
x
[stderr] touch: /data/y: Read-only file system
[exit 1]
$ docker run --rm --volumes-from store:rw busybox touch /bind/y
[stderr] touch: /bind/y: Read-only file system
[exit 1]
$ docker run --rm --volumes-from store -v /srv:/data busybox ls /data
data
$ docker run --rm --volumes-from store:bogus busybox true
[stderr] docker: Error response from daemon: invalid mode: bogus
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --volumes-from nosuch busybox true
[stderr] docker: Error response from daemon: No such container: nosuch
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker rm -v user
user
$ docker volume ls -q
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
named
$ docker create --name user2 --volumes-from store busybox true
ede8d1f4a8ebed5f2473d867495fe75a44539cd18c006936ec5cafb1d7de1266
$ docker rm store
store
$ docker rm -v user2
user2
$ docker volume ls -q
named
`);
  });

  it("the client's own checks of the modes, and inspect of the modes", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run --rm --pid private busybox true",
      "docker run --rm --pid container: busybox true",
      "docker run --rm --uts container:x busybox true",
      "docker run --rm --userns private busybox true",
      "docker run --rm --userns host busybox true",
      "docker run --rm --cgroupns foo busybox true",
      "docker run --rm --network host -p 80:80 busybox true",
      "docker create --name modes --pid host --uts host --ipc host --cgroupns host --userns host busybox",
      "docker create --name plain busybox",
      "docker inspect --format '{{json .HostConfig.PidMode}} {{json .HostConfig.UTSMode}} {{json .HostConfig.IpcMode}} {{json .HostConfig.CgroupnsMode}} {{json .HostConfig.UsernsMode}} {{json .HostConfig.VolumesFrom}}' modes plain",
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run --rm --pid private busybox true
[stderr] docker: --pid: invalid PID mode
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --pid container: busybox true
[stderr] docker: --pid: invalid PID mode
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --uts container:x busybox true
[stderr] docker: --uts: invalid UTS mode
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --userns private busybox true
[stderr] docker: --userns: invalid USER mode
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --userns host busybox true
$ docker run --rm --cgroupns foo busybox true
[stderr] docker: --cgroupns: invalid CGROUP mode
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --network host -p 80:80 busybox true
[stderr] WARNING: Published ports are discarded when using host network mode
$ docker create --name modes --pid host --uts host --ipc host --cgroupns host --userns host busybox
825aa25ce353ab7f67b419b3a13be197bc51bedd2e69994362462bce86ab7564
$ docker create --name plain busybox
d7bab24f61f86a1c55956977bff566ee4717df849aad14df67eab52f9a0798b0
$ docker inspect --format '{{json .HostConfig.PidMode}} {{json .HostConfig.UTSMode}} {{json .HostConfig.IpcMode}} {{json .HostConfig.CgroupnsMode}} {{json .HostConfig.UsernsMode}} {{json .HostConfig.VolumesFrom}}' modes plain
"host" "host" "host" "host" "host" null
"" "" "private" "private" "" null
`);
  });
  it("--network container:X takes X's hostname and its hostname/hosts files; the mode is stored as container:<id>; a missing donor fails at start, not at create", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run -d --name origin -h origin busybox sleep 1000",
      "docker run --rm --network container:origin busybox sh -c 'hostname; cat /etc/hostname; tail -1 /etc/hosts; echo $HOSTNAME'",
      "docker create --name joiner --network container:origin busybox",
      "docker inspect -f '{{.HostConfig.NetworkMode}}' joiner",
      "docker create --name orphan --network container:nosuch busybox",
      "docker start orphan",
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run -d --name origin -h origin busybox sleep 1000
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker run --rm --network container:origin busybox sh -c 'hostname; cat /etc/hostname; tail -1 /etc/hosts; echo $HOSTNAME'
origin
origin
172.17.0.2	origin
origin
$ docker create --name joiner --network container:origin busybox
5a80825aa25ce353ab7f67b419b3a13be197bc51bedd2e69994362462bce86ab
$ docker inspect -f '{{.HostConfig.NetworkMode}}' joiner
container:e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker create --name orphan --network container:nosuch busybox
3f1bd7bab24f61f86a1c55956977bff566ee4717df849aad14df67eab52f9a07
$ docker start orphan
[stderr] Error response from daemon: No such container: nosuch
[stderr] Error: failed to start containers: orphan
[exit 1]
`);
  });
});
