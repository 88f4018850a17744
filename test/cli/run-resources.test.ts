/**
 * docker run/create/update resource flags as the container sees them (cgroup v2 files, rlimits,
 * oom_score_adj, /dev/shm, net sysctls, groups, devices, log drivers), their inspect fields, and the
 * client's and daemon's errors. Expected outputs were recorded on a real dockerd (where the real one
 * is 20.10 on cgroup v1, the cgroup v2 / 28.x behaviour is taken from moby's source).
 */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./commands/transcript";

async function host() {
  const k = await sandbox();
  transcript(k, ["docker pull -q busybox"]);
  return k;
}

const usage = (flag: string, value: string, msg: string) =>
  `[stderr] invalid argument "${value}" for "${flag}" flag: ${msg}
[stderr] 
[stderr] Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
`;
const daemon = (msg: string) => `[stderr] docker: Error response from daemon: ${msg}
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
`;

describe("docker run resource flags", () => {
  it("RLIMIT_NOFILE bounds descriptor numbers: a redirection onto fd >= the soft limit fails as in ash", async () => {
    const k = await host();
    expect(transcript(k, ["docker run --rm --ulimit nofile=12 busybox sh -c 'exec 11</etc/passwd; echo opened; exec 12</etc/passwd; echo unreachable'"])).toBe(`$ docker run --rm --ulimit nofile=12 busybox sh -c 'exec 11</etc/passwd; echo opened; exec 12</etc/passwd; echo unreachable'
opened
[stderr] sh: 12: Bad file descriptor
[exit 1]
`);
  });

  it("sets the container's rlimits: ulimit and /proc/self/limits", async () => {
    const k = await host();
    expect(transcript(k, ["docker run --rm --ulimit nofile=1024:2048 --ulimit nproc=50 busybox sh -c 'ulimit -n; ulimit -Hn; ulimit -u; cat /proc/self/limits'"])).toBe(`$ docker run --rm --ulimit nofile=1024:2048 --ulimit nproc=50 busybox sh -c 'ulimit -n; ulimit -Hn; ulimit -u; cat /proc/self/limits'
1024
2048
50
Limit                     Soft Limit           Hard Limit           Units     
Max cpu time              unlimited            unlimited            seconds   
Max file size             unlimited            unlimited            bytes     
Max data size             unlimited            unlimited            bytes     
Max stack size            8388608              unlimited            bytes     
Max core file size        0                    unlimited            bytes     
Max resident set          unlimited            unlimited            bytes     
Max processes             50                   50                   processes 
Max open files            1024                 2048                 files     
Max locked memory         8388608              8388608              bytes     
Max address space         unlimited            unlimited            bytes     
Max file locks            unlimited            unlimited            locks     
Max pending signals       32768                32768                signals   
Max msgqueue size         819200               819200               bytes     
Max nice priority         0                    0                    
Max realtime priority     0                    0                    
Max realtime timeout      unlimited            unlimited            us        
`);
  });

  it("writes cpuset, cpu.max, memory.low, io.weight and io.max into the container's cgroup", async () => {
    const k = await host();
    expect(
      transcript(k, [
        "docker run --rm --cpu-period 50000 --cpu-quota 25000 --memory-reservation 10m --blkio-weight 500 --cpuset-cpus 1 --device-read-bps /dev/sda:1mb busybox cat /sys/fs/cgroup/cpu.max /sys/fs/cgroup/memory.low /sys/fs/cgroup/io.weight /sys/fs/cgroup/cpuset.cpus /sys/fs/cgroup/cpuset.cpus.effective /sys/fs/cgroup/io.max",
        "docker run --rm --cpuset-cpus 1 busybox grep Cpus_allowed /proc/self/status",
      ]),
    ).toBe(`$ docker run --rm --cpu-period 50000 --cpu-quota 25000 --memory-reservation 10m --blkio-weight 500 --cpuset-cpus 1 --device-read-bps /dev/sda:1mb busybox cat /sys/fs/cgroup/cpu.max /sys/fs/cgroup/memory.low /sys/fs/cgroup/io.weight /sys/fs/cgroup/cpuset.cpus /sys/fs/cgroup/cpuset.cpus.effective /sys/fs/cgroup/io.max
25000 50000
10485760
default 4950
1
1
8:0 rbps=1048576 wbps=max riops=max wiops=max
$ docker run --rm --cpuset-cpus 1 busybox grep Cpus_allowed /proc/self/status
Cpus_allowed:\t2
Cpus_allowed_list:\t1
`);
  });

  it("oom_score_adj, /dev/shm size, supplementary groups, devices, net sysctls", async () => {
    const k = await host();
    expect(
      transcript(k, [
        "docker run --rm --oom-score-adj 500 busybox cat /proc/self/oom_score_adj",
        "docker run --rm --shm-size 128m busybox stat -f -c '%b %S' /dev/shm",
        "docker run --rm --shm-size 100000 busybox stat -f -c '%b %S' /dev/shm",
        "docker run --rm --group-add 10 --group-add daemon busybox id",
        "docker run --rm -u 1000 --group-add 10 --group-add audio busybox id",
        "docker run --rm --device /dev/null:/dev/mynull busybox ls -l /dev/mynull",
        "docker run --rm --sysctl net.ipv4.ip_forward=0 busybox cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/ping_group_range /proc/sys/net/ipv4/ip_unprivileged_port_start",
        "cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/ip_unprivileged_port_start",
        "docker run --rm --sysctl kernel.shmmax=1 busybox true",
      ]),
    ).toBe(`$ docker run --rm --oom-score-adj 500 busybox cat /proc/self/oom_score_adj
500
$ docker run --rm --shm-size 128m busybox stat -f -c '%b %S' /dev/shm
32768 4096
$ docker run --rm --shm-size 100000 busybox stat -f -c '%b %S' /dev/shm
25 4096
$ docker run --rm --group-add 10 --group-add daemon busybox id
uid=0(root) gid=0(root) groups=0(root),1(daemon),10(wheel)
$ docker run --rm -u 1000 --group-add 10 --group-add audio busybox id
uid=1000 gid=0(root) groups=0(root),10(wheel),29(audio)
$ docker run --rm --device /dev/null:/dev/mynull busybox ls -l /dev/mynull
crw-rw-rw-    1 root     root        1,   3 Jan 15 09:00 /dev/mynull
$ docker run --rm --sysctl net.ipv4.ip_forward=0 busybox cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/ping_group_range /proc/sys/net/ipv4/ip_unprivileged_port_start
0
0\t2147483647
0
$ cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/ip_unprivileged_port_start
1
1024
$ docker run --rm --sysctl kernel.shmmax=1 busybox true
`);
  });

  it("puts the container's cgroup under its --cgroup-parent slice", async () => {
    const k = await host();
    expect(
      transcript(k, [
        "docker run -d --name p1 --cgroup-parent my-app.slice busybox sleep 100",
        "sh -c 'ls -d /sys/fs/cgroup/my.slice/my-app.slice/docker-*'",
        "cat /sys/fs/cgroup/my.slice/cgroup.subtree_control",
        "docker inspect -f '{{.HostConfig.CgroupParent}}' p1",
        "docker run --rm --cgroup-parent foo busybox true",
      ]),
    ).toBe(`$ docker run -d --name p1 --cgroup-parent my-app.slice busybox sleep 100
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ sh -c 'ls -d /sys/fs/cgroup/my.slice/my-app.slice/docker-*'
/sys/fs/cgroup/my.slice/my-app.slice/docker-e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21.scope
$ cat /sys/fs/cgroup/my.slice/cgroup.subtree_control
cpuset cpu io memory pids
$ docker inspect -f '{{.HostConfig.CgroupParent}}' p1
my-app.slice
$ docker run --rm --cgroup-parent foo busybox true
${daemon('cgroup-parent for systemd cgroup should be a valid slice named as "xxx.slice"')}`);
  });

  it("log drivers: none cannot be read back, unknown drivers and options are refused", async () => {
    const k = await host();
    expect(
      transcript(k, [
        "docker run --rm --log-driver none busybox echo hi",
        "docker run -d --name quiet --log-driver none busybox echo hi",
        "docker logs quiet",
        "docker inspect -f '{{.HostConfig.LogConfig.Type}} {{.HostConfig.ShmSize}} {{.HostConfig.OomScoreAdj}} [{{.LogPath}}]' quiet",
        "docker run --rm --log-driver syslog busybox echo hi",
        "docker run --rm --log-driver foo busybox echo hi",
        "docker run --rm --log-opt foo=bar busybox echo hi",
        "docker run --rm --log-driver local --log-opt foo=bar busybox echo hi",
        "docker run --rm --log-driver none --log-opt max-size=1m busybox echo hi",
      ]),
    ).toBe(`$ docker run --rm --log-driver none busybox echo hi
hi
$ docker run -d --name quiet --log-driver none busybox echo hi
18743eeb10e39da5e11adf544059eba59e9c9cb7d78b2b02480bdc138211d800
$ docker logs quiet
[stderr] Error response from daemon: configured logging driver does not support reading
[exit 1]
$ docker inspect -f '{{.HostConfig.LogConfig.Type}} {{.HostConfig.ShmSize}} {{.HostConfig.OomScoreAdj}} [{{.LogPath}}]' quiet
none 67108864 0 []
$ docker run --rm --log-driver syslog busybox echo hi
${daemon("failed to initialize logging driver: Unix syslog delivery error")}$ docker run --rm --log-driver foo busybox echo hi
${daemon('error looking up logging plugin foo: plugin "foo" not found')}$ docker run --rm --log-opt foo=bar busybox echo hi
${daemon("unknown log opt 'foo' for json-file log driver")}$ docker run --rm --log-driver local --log-opt foo=bar busybox echo hi
${daemon("unknown log opt 'foo' for log driver local")}$ docker run --rm --log-driver none --log-opt max-size=1m busybox echo hi
[stderr] docker: invalid logging opts for driver none
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
`);
  });

  it("shows the settings in inspect with the Engine API's shapes", async () => {
    const k = await host();
    const out = transcript(k, [
      "docker create --name c1 --sysctl net.core.somaxconn=1024 --ulimit nproc=20 --ulimit nofile=1024:2048 --device /dev/null:/dev/mynull --device-read-bps /dev/sda:1mb --device-cgroup-rule 'c 1:3 rmw' --group-add 10 --cpuset-cpus 0 --cpu-period 50000 --cpu-quota 25000 --memory-reservation 10m --oom-score-adj 100 --shm-size 1g --log-opt max-size=1m busybox",
      "docker inspect -f '{{json .HostConfig.LogConfig}} {{json .HostConfig.Ulimits}} {{json .HostConfig.Devices}} {{json .HostConfig.Sysctls}}' c1",
      "docker inspect -f '{{.HostConfig.GroupAdd}} {{.HostConfig.OomScoreAdj}} {{.HostConfig.ShmSize}} {{.HostConfig.CpusetCpus}} {{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.MemoryReservation}} {{json .HostConfig.BlkioDeviceReadBps}} {{.HostConfig.DeviceCgroupRules}} {{json .HostConfig.MemorySwappiness}}' c1",
    ]);
    expect(out.split("\n").slice(2).join("\n")).toBe(`$ docker inspect -f '{{json .HostConfig.LogConfig}} {{json .HostConfig.Ulimits}} {{json .HostConfig.Devices}} {{json .HostConfig.Sysctls}}' c1
{"Type":"json-file","Config":{"max-size":"1m"}} [{"Name":"nofile","Hard":2048,"Soft":1024},{"Name":"nproc","Hard":20,"Soft":20}] [{"PathOnHost":"/dev/null","PathInContainer":"/dev/mynull","CgroupPermissions":"rwm"}] {"net.core.somaxconn":"1024"}
$ docker inspect -f '{{.HostConfig.GroupAdd}} {{.HostConfig.OomScoreAdj}} {{.HostConfig.ShmSize}} {{.HostConfig.CpusetCpus}} {{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.MemoryReservation}} {{json .HostConfig.BlkioDeviceReadBps}} {{.HostConfig.DeviceCgroupRules}} {{json .HostConfig.MemorySwappiness}}' c1
[10] 100 1073741824 0 50000 25000 10485760 [{"Path":"/dev/sda","Rate":1048576}] [c 1:3 rmw] null
`);
  });

  it("labels from --label-file, --label over them", async () => {
    const k = await host();
    transcript(k, ["sh -c 'printf \"a=1\\n# note\\nb=2\\nnoval\\n\" > /tmp/labels.txt'"]);
    expect(transcript(k, ["docker create --name l1 --label-file /tmp/labels.txt --label b=3 busybox", "docker inspect -f '{{.Config.Labels}}' l1", "docker run --rm --label-file /nonexist busybox true"]).split("\n").slice(2).join("\n")).toBe(`$ docker inspect -f '{{.Config.Labels}}' l1
map[a:1 b:3]
$ docker run --rm --label-file /nonexist busybox true
[stderr] docker: open /nonexist: no such file or directory
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
`);
  });

  it("the client's flag checks", async () => {
    const k = await host();
    expect(transcript(k, ["docker run --rm --sysctl vm.swappiness=1 busybox true"])).toBe(`$ docker run --rm --sysctl vm.swappiness=1 busybox true\n${usage("--sysctl", "vm.swappiness=1", "sysctl 'vm.swappiness=1' is not allowed")}`);
    expect(transcript(k, ["docker run --rm --blkio-weight-device /dev/sda busybox true"])).toBe(`$ docker run --rm --blkio-weight-device /dev/sda busybox true\n${usage("--blkio-weight-device", "/dev/sda", "bad format: /dev/sda")}`);
    expect(transcript(k, ["docker run --rm --device-read-bps /dev/sda:1x busybox true"])).toBe(
      `$ docker run --rm --device-read-bps /dev/sda:1x busybox true\n${usage("--device-read-bps", "/dev/sda:1x", "invalid rate for device: /dev/sda:1x. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb")}`,
    );
    expect(transcript(k, ["docker run --rm --device-cgroup-rule foo busybox true"])).toBe(`$ docker run --rm --device-cgroup-rule foo busybox true\n${usage("--device-cgroup-rule", "foo", "invalid device cgroup format 'foo'")}`);
    expect(transcript(k, ["docker run --rm --device /dev/null:/dev/mynull:rwz busybox true", "docker run --rm --memory-swappiness 200 busybox true"])).toBe(`$ docker run --rm --device /dev/null:/dev/mynull:rwz busybox true
[stderr] docker: bad mode specified: rwz
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --memory-swappiness 200 busybox true
[stderr] docker: invalid value: 200. Valid memory swappiness range is 0-100
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
`);
  });

  it("the daemon's checks and warnings", async () => {
    const k = await host();
    const cases: Array<[string, string]> = [
      ["--cpuset-cpus 0-63", "Requested CPUs are not available - requested 0-63, available: 0-1"],
      ["--cpuset-cpus abc", "Invalid value abc for cpuset cpus: invalid format: abc"],
      ["--cpuset-mems 3", "Requested memory nodes are not available - requested 3, available: 0"],
      ["--memory-reservation 1k", "Minimum memory reservation allowed is 6MB"],
      ["-m 10m --memory-reservation 20m", "Minimum memory limit can not be less than memory reservation limit, see usage"],
      ["--cpu-period 10", "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)"],
      ["--cpu-quota 10", "CPU cfs quota can not be less than 1ms (i.e. 1000)"],
      ["--cpus 1 --cpu-period 100000", "Conflicting options: Nano CPUs and CPU Period cannot both be set"],
      ["--oom-score-adj 2000", "Invalid value 2000, range for oom score adj is [-1000, 1000]"],
      ["--blkio-weight 5", "Range of blkio weight is from 10 to 1000"],
      ["--cpu-rt-runtime 1000", "kernel does not support CPU real-time scheduler"],
      ["--runtime nosuch", "unknown or invalid runtime name: nosuch"],
      ["--gpus all", 'could not select device driver "" with capabilities: [[gpu]]'],
      ["--storage-opt size=10G", "--storage-opt is supported only for overlay over xfs with 'pquota' mount option"],
      ["--group-add nosuchgroup", "Unable to find group nosuchgroup: no matching entries in group file"],
    ];
    for (const [args, msg] of cases) expect(transcript(k, [`docker run --rm ${args} busybox true`])).toBe(`$ docker run --rm ${args} busybox true\n${daemon(msg)}`);
    // The client's toStatusError: "no such file or directory" in any error is status 127.
    expect(transcript(k, ["docker run --rm --device /dev/nosuch busybox true"])).toBe(`$ docker run --rm --device /dev/nosuch busybox true
${daemon('error gathering device information while adding custom device "/dev/nosuch": no such file or directory').replace("[exit 125]", "[exit 127]")}`);
    expect(transcript(k, ["docker run --rm --memory-swappiness 50 --oom-kill-disable busybox true"])).toBe(`$ docker run --rm --memory-swappiness 50 --oom-kill-disable busybox true
[stderr] WARNING: Your kernel does not support memory swappiness capabilities or the cgroup is not mounted. Memory swappiness discarded.
[stderr] WARNING: Your kernel does not support OomKillDisable. OomKillDisable discarded.
`);
  });
});

describe("docker update resource flags", () => {
  it("changes the running container's cgroup and its inspect fields, with the daemon's checks", async () => {
    const k = await host();
    expect(
      transcript(k, [
        "docker run -d --name u1 busybox sleep 100",
        "docker update --cpuset-cpus 1 --cpu-period 50000 --cpu-quota 20000 --memory-reservation 20m --blkio-weight 300 u1",
        "docker exec u1 cat /sys/fs/cgroup/cpuset.cpus /sys/fs/cgroup/cpu.max /sys/fs/cgroup/memory.low /sys/fs/cgroup/io.weight",
        "docker inspect -f '{{.HostConfig.CpusetCpus}} {{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.MemoryReservation}} {{.HostConfig.BlkioWeight}}' u1",
        "docker update --cpuset-cpus 5 u1",
        "docker update --memory-reservation 1m u1",
      ]),
    ).toBe(`$ docker run -d --name u1 busybox sleep 100
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker update --cpuset-cpus 1 --cpu-period 50000 --cpu-quota 20000 --memory-reservation 20m --blkio-weight 300 u1
u1
$ docker exec u1 cat /sys/fs/cgroup/cpuset.cpus /sys/fs/cgroup/cpu.max /sys/fs/cgroup/memory.low /sys/fs/cgroup/io.weight
1
20000 50000
20971520
default 2930
$ docker inspect -f '{{.HostConfig.CpusetCpus}} {{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.MemoryReservation}} {{.HostConfig.BlkioWeight}}' u1
1 50000 20000 20971520 300
$ docker update --cpuset-cpus 5 u1
[stderr] Error response from daemon: Requested CPUs are not available - requested 5, available: 0-1
[exit 1]
$ docker update --memory-reservation 1m u1
[stderr] Error response from daemon: Minimum memory reservation allowed is 6MB
[exit 1]
`);
  });
});
