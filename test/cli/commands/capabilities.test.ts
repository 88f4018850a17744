/**
 * docker run/create/exec and capabilities, checked against dockerd 20.10 (client 28.2): the default
 * set, --cap-add/--cap-drop, --privileged, --security-opt, and what programs say without a capability.
 */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./transcript";

async function withBusybox() {
  const k = await sandbox();
  transcript(k, ["docker pull busybox"]);
  return k;
}

describe("capabilities in containers", () => {
  it("start with docker's default set, changed by --cap-add/--cap-drop, and show it in /proc/self/status", async () => {
    const k = await withBusybox();
    expect(transcript(k, [
      "docker run --rm busybox grep -E '^(Cap|NoNewPrivs|Seccomp)' /proc/self/status",
      "docker run --rm --cap-drop ALL busybox grep -E '^Cap(Prm|Eff|Bnd)' /proc/self/status",
      "docker run --rm --cap-drop ALL --cap-add chown busybox grep -E '^Cap' /proc/self/status",
      "docker run --rm --cap-add NET_ADMIN --cap-drop chown busybox grep CapEff /proc/self/status",
      "docker run --rm --cap-add cap_sys_admin --cap-drop net_raw busybox grep CapEff /proc/self/status",
      "docker run --rm --cap-add NET_ADMIN --cap-drop NET_ADMIN busybox grep CapEff /proc/self/status",
      "docker run --rm -u 1000 busybox grep -E '^Cap' /proc/self/status",
    ])).toBe(`$ docker run --rm busybox grep -E '^(Cap|NoNewPrivs|Seccomp)' /proc/self/status
CapInh:\t0000000000000000
CapPrm:\t00000000a80425fb
CapEff:\t00000000a80425fb
CapBnd:\t00000000a80425fb
CapAmb:\t0000000000000000
NoNewPrivs:\t0
Seccomp:\t2
Seccomp_filters:\t1
$ docker run --rm --cap-drop ALL busybox grep -E '^Cap(Prm|Eff|Bnd)' /proc/self/status
CapPrm:\t0000000000000000
CapEff:\t0000000000000000
CapBnd:\t0000000000000000
$ docker run --rm --cap-drop ALL --cap-add chown busybox grep -E '^Cap' /proc/self/status
CapInh:\t0000000000000000
CapPrm:\t0000000000000001
CapEff:\t0000000000000001
CapBnd:\t0000000000000001
CapAmb:\t0000000000000000
$ docker run --rm --cap-add NET_ADMIN --cap-drop chown busybox grep CapEff /proc/self/status
CapEff:\t00000000a80435fa
$ docker run --rm --cap-add cap_sys_admin --cap-drop net_raw busybox grep CapEff /proc/self/status
CapEff:\t00000000a82405fb
$ docker run --rm --cap-add NET_ADMIN --cap-drop NET_ADMIN busybox grep CapEff /proc/self/status
CapEff:\t00000000a80435fb
$ docker run --rm -u 1000 busybox grep -E '^Cap' /proc/self/status
CapInh:\t0000000000000000
CapPrm:\t0000000000000000
CapEff:\t0000000000000000
CapBnd:\t00000000a80425fb
CapAmb:\t0000000000000000
`);
  });

  it("refuses unknown capabilities and security options with the daemon's and client's words", async () => {
    const k = await withBusybox();
    expect(transcript(k, [
      "docker run --rm --cap-add FOO busybox true",
      "docker run --rm --cap-add foo --cap-add bar busybox true",
      "docker run --rm --cap-add foo --cap-drop bar busybox true",
      "docker run --rm --security-opt bogus busybox true",
      "docker run --rm --security-opt seccomp= busybox true",
      "docker run --rm --security-opt foo=bar busybox true",
      "docker run --rm --security-opt no-new-privileges=foo busybox true",
      "docker run --rm --security-opt seccomp=/nonexist.json busybox true",
    ])).toBe(`$ docker run --rm --cap-add FOO busybox true
[stderr] docker: Error response from daemon: invalid CapAdd: unknown capability: "CAP_FOO"
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --cap-add foo --cap-add bar busybox true
[stderr] docker: Error response from daemon: invalid CapAdd: unknown capability: "CAP_BAR"
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --cap-add foo --cap-drop bar busybox true
[stderr] docker: Error response from daemon: invalid CapAdd: unknown capability: "CAP_FOO"
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --security-opt bogus busybox true
[stderr] docker: Invalid --security-opt: "bogus"
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --security-opt seccomp= busybox true
[stderr] docker: Invalid --security-opt: "seccomp="
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --security-opt foo=bar busybox true
[stderr] docker: Error response from daemon: invalid --security-opt 2: "foo=bar"
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --security-opt no-new-privileges=foo busybox true
[stderr] docker: Error response from daemon: invalid --security-opt 2: "no-new-privileges=foo"
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --security-opt seccomp=/nonexist.json busybox true
[stderr] docker: opening seccomp profile (/nonexist.json) failed: open /nonexist.json: no such file or directory
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
`);
  });

  it("--security-opt sets no_new_privs and seccomp; apparmor and label are accepted; inspect shows the options", async () => {
    const k = await withBusybox();
    expect(transcript(k, [
      "docker run --rm --security-opt no-new-privileges busybox grep -E 'NoNew|Seccomp' /proc/self/status",
      "docker run --rm --security-opt no-new-privileges:true busybox grep NoNew /proc/self/status",
      "docker run --rm --security-opt no-new-privileges=false busybox grep NoNew /proc/self/status",
      "docker run --rm --security-opt seccomp=unconfined busybox grep Seccomp /proc/self/status",
      "docker run --rm --security-opt apparmor=unconfined --security-opt label=disable busybox true",
      "docker create --name c1 --cap-add sys_admin --cap-add CAP_NET_ADMIN --cap-drop net_raw --cap-drop ALL --security-opt no-new-privileges --security-opt apparmor=unconfined busybox",
      "docker inspect -f '{{json .HostConfig.CapAdd}} {{json .HostConfig.CapDrop}} {{json .HostConfig.Privileged}} {{json .HostConfig.SecurityOpt}} {{json .AppArmorProfile}}' c1",
      "docker create --name c2 busybox",
      "docker inspect -f '{{json .HostConfig.CapAdd}} {{json .HostConfig.CapDrop}} {{json .HostConfig.Privileged}} {{json .HostConfig.SecurityOpt}} {{json .AppArmorProfile}}' c2",
      "docker create --name c3 --privileged --security-opt no-new-privileges busybox",
      "docker inspect -f '{{json .HostConfig.Privileged}} {{json .HostConfig.SecurityOpt}} {{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}}' c3",
    ]).replace(/^[0-9a-f]{64}\n/gm, "ID\n")).toBe(`$ docker run --rm --security-opt no-new-privileges busybox grep -E 'NoNew|Seccomp' /proc/self/status
NoNewPrivs:\t1
Seccomp:\t2
Seccomp_filters:\t1
$ docker run --rm --security-opt no-new-privileges:true busybox grep NoNew /proc/self/status
NoNewPrivs:\t1
$ docker run --rm --security-opt no-new-privileges=false busybox grep NoNew /proc/self/status
NoNewPrivs:\t0
$ docker run --rm --security-opt seccomp=unconfined busybox grep Seccomp /proc/self/status
Seccomp:\t0
Seccomp_filters:\t0
$ docker run --rm --security-opt apparmor=unconfined --security-opt label=disable busybox true
$ docker create --name c1 --cap-add sys_admin --cap-add CAP_NET_ADMIN --cap-drop net_raw --cap-drop ALL --security-opt no-new-privileges --security-opt apparmor=unconfined busybox
ID
$ docker inspect -f '{{json .HostConfig.CapAdd}} {{json .HostConfig.CapDrop}} {{json .HostConfig.Privileged}} {{json .HostConfig.SecurityOpt}} {{json .AppArmorProfile}}' c1
["CAP_NET_ADMIN","CAP_SYS_ADMIN"] ["ALL","CAP_NET_RAW"] false ["no-new-privileges","apparmor=unconfined"] "unconfined"
$ docker create --name c2 busybox
ID
$ docker inspect -f '{{json .HostConfig.CapAdd}} {{json .HostConfig.CapDrop}} {{json .HostConfig.Privileged}} {{json .HostConfig.SecurityOpt}} {{json .AppArmorProfile}}' c2
null null false null ""
$ docker create --name c3 --privileged --security-opt no-new-privileges busybox
ID
$ docker inspect -f '{{json .HostConfig.Privileged}} {{json .HostConfig.SecurityOpt}} {{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}}' c3
true ["no-new-privileges","label=disable"] null null
`);
  });

  it("programs fail without the capability as busybox does, and work once it is added", async () => {
    const k = await withBusybox();
    expect(transcript(k, [
      "docker run --rm busybox hostname foo",
      "docker run --rm --cap-add SYS_ADMIN busybox sh -c 'hostname foo && hostname'",
      "docker run --rm --cap-drop CHOWN busybox chown 1 /tmp",
      "docker run --rm busybox chown 1 /tmp",
      "docker run --rm --cap-drop NET_RAW busybox ping -c1 127.0.0.1",
      "docker run --rm busybox ip link set lo down",
      "docker run --rm busybox ip link set lo up",
      "docker run --rm busybox sh -c 'ip link set lo mtu 1400; ip link set foo down'",
      "docker run --rm --cap-add NET_ADMIN busybox sh -c 'ip link set lo down; ip link show lo; ip link set lo up mtu 9000; ip link show lo'",
      "docker run --rm busybox ifconfig lo down",
      "docker run --rm busybox mount -t tmpfs none /tmp",
      "docker run --rm --cap-add SYS_ADMIN busybox sh -c 'mount -t tmpfs none /tmp && grep /tmp /proc/mounts'",
      "docker run --rm busybox umount /etc/hosts",
      "docker run --rm busybox sh -c 'date -s 2020-01-01 2>&1; echo rc=$?'",
      "docker run --rm --cap-add SYS_TIME busybox date -s '2020-01-01 10:00'",
      "docker run --rm busybox mknod /tmp/x c 1 3",
      "docker run --rm --cap-drop MKNOD busybox mknod /tmp/x c 1 3",
      "docker run --rm --cap-drop MKNOD busybox mknod /tmp/x p",
      "docker run --rm --cap-drop SYS_CHROOT busybox chroot / true",
    ])).toBe(`$ docker run --rm busybox hostname foo
[stderr] hostname: sethostname: Operation not permitted
[exit 1]
$ docker run --rm --cap-add SYS_ADMIN busybox sh -c 'hostname foo && hostname'
foo
$ docker run --rm --cap-drop CHOWN busybox chown 1 /tmp
[stderr] chown: /tmp: Operation not permitted
[exit 1]
$ docker run --rm busybox chown 1 /tmp
$ docker run --rm --cap-drop NET_RAW busybox ping -c1 127.0.0.1
PING 127.0.0.1 (127.0.0.1): 56 data bytes
[stderr] ping: permission denied (are you root?)
[exit 1]
$ docker run --rm busybox ip link set lo down
[stderr] ip: SIOCSIFFLAGS: Operation not permitted
[exit 2]
$ docker run --rm busybox ip link set lo up
$ docker run --rm busybox sh -c 'ip link set lo mtu 1400; ip link set foo down'
[stderr] ip: SIOCSIFMTU: Operation not permitted
[stderr] ip: SIOCGIFFLAGS: No such device
[exit 2]
$ docker run --rm --cap-add NET_ADMIN busybox sh -c 'ip link set lo down; ip link show lo; ip link set lo up mtu 9000; ip link show lo'
1: lo: <LOOPBACK> mtu 65536 qdisc noqueue qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 9000 qdisc noqueue qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
$ docker run --rm busybox ifconfig lo down
[stderr] ifconfig: SIOCSIFFLAGS: Operation not permitted
[exit 1]
$ docker run --rm busybox mount -t tmpfs none /tmp
[stderr] mount: permission denied (are you root?)
[exit 1]
$ docker run --rm --cap-add SYS_ADMIN busybox sh -c 'mount -t tmpfs none /tmp && grep /tmp /proc/mounts'
none /tmp tmpfs rw,relatime 0 0
$ docker run --rm busybox umount /etc/hosts
[stderr] umount: can't unmount /etc/hosts: Operation not permitted
[exit 1]
$ docker run --rm busybox sh -c 'date -s 2020-01-01 2>&1; echo rc=$?'
date: can't set date: Operation not permitted
Wed Jan  1 00:00:00 UTC 2020
rc=0
$ docker run --rm --cap-add SYS_TIME busybox date -s '2020-01-01 10:00'
Wed Jan  1 10:00:00 UTC 2020
$ docker run --rm busybox mknod /tmp/x c 1 3
$ docker run --rm --cap-drop MKNOD busybox mknod /tmp/x c 1 3
[stderr] mknod: /tmp/x: Operation not permitted
[exit 1]
$ docker run --rm --cap-drop MKNOD busybox mknod /tmp/x p
$ docker run --rm --cap-drop SYS_CHROOT busybox chroot / true
[stderr] chroot: can't change root directory to '/': Operation not permitted
[exit 1]
`);
  });

  it("docker exec gets the container's capabilities; --privileged all of them", async () => {
    const k = await withBusybox();
    expect(transcript(k, [
      "docker run -d --name c6 --cap-add SYS_ADMIN busybox sleep 100",
      "docker exec c6 grep -E 'Cap|Secc|NoNew' /proc/self/status",
      "docker exec --privileged c6 grep -E 'CapEff|Seccomp:' /proc/self/status",
      "docker exec -u 1000 c6 grep -E 'Cap' /proc/self/status",
      "docker run --rm --privileged busybox grep -E '^(Cap|NoNewPrivs|Seccomp)' /proc/self/status",
    ]).replace(/^[0-9a-f]{64}\n/gm, "ID\n")).toBe(`$ docker run -d --name c6 --cap-add SYS_ADMIN busybox sleep 100
ID
$ docker exec c6 grep -E 'Cap|Secc|NoNew' /proc/self/status
CapInh:\t0000000000000000
CapPrm:\t00000000a82425fb
CapEff:\t00000000a82425fb
CapBnd:\t00000000a82425fb
CapAmb:\t0000000000000000
NoNewPrivs:\t0
Seccomp:\t2
Seccomp_filters:\t1
$ docker exec --privileged c6 grep -E 'CapEff|Seccomp:' /proc/self/status
CapEff:\t000001ffffffffff
Seccomp:\t2
$ docker exec -u 1000 c6 grep -E 'Cap' /proc/self/status
CapInh:\t0000000000000000
CapPrm:\t0000000000000000
CapEff:\t0000000000000000
CapBnd:\t00000000a82425fb
CapAmb:\t0000000000000000
$ docker run --rm --privileged busybox grep -E '^(Cap|NoNewPrivs|Seccomp)' /proc/self/status
CapInh:\t0000000000000000
CapPrm:\t000001ffffffffff
CapEff:\t000001ffffffffff
CapBnd:\t000001ffffffffff
CapAmb:\t0000000000000000
NoNewPrivs:\t0
Seccomp:\t0
Seccomp_filters:\t0
`);
  });
});
