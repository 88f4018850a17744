/**
 * A plain container's standard mounts (/proc, /dev, /sys, the three files, the masks) are held
 * deferred until someone could see them: every way of looking finds them as if made at start.
 */
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { engineState } from "../../../src/engine/state";
import { sandbox, transcript } from "../../cli/commands/transcript";

/** The mount namespace of the container's init, and how many mounts it holds now. */
function mountNsOf(k: Kernel, name: string) {
  const c = Object.values(engineState(k).containers).find((r) => r.name === name)!;
  const table = k.w.ns[k.w.procs[c.state.Pid].ns.mnt].mnt!;
  return { deferred: table.deferred !== undefined, mounts: table.mounts.length, pid: c.state.Pid };
}

const MOUNTS = `overlay on / type overlay
proc on /proc type proc
tmpfs on /dev type tmpfs
devpts on /dev/pts type devpts
sysfs on /sys type sysfs
cgroup on /sys/fs/cgroup type cgroup2
mqueue on /dev/mqueue type mqueue
shm on /dev/shm type tmpfs
/dev/sda1 on /etc/resolv.conf type ext4
/dev/sda1 on /etc/hostname type ext4
/dev/sda1 on /etc/hosts type ext4
proc on /proc/bus type proc
proc on /proc/fs type proc
proc on /proc/irq type proc
proc on /proc/sys type proc
proc on /proc/sysrq-trigger type proc
tmpfs on /proc/acpi type tmpfs
tmpfs on /proc/interrupts type tmpfs
tmpfs on /proc/kcore type tmpfs
tmpfs on /proc/keys type tmpfs
tmpfs on /proc/timer_list type tmpfs
tmpfs on /sys/firmware type tmpfs
`;

describe("deferred standard mounts of a container", () => {
  it("stay deferred while the container only runs, and appear whole at the first look", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox", "docker run -d --name quiet busybox sleep 1000"]);
    expect(mountNsOf(k, "quiet")).toMatchObject({ deferred: true, mounts: 1 });
    // Running a program walks the root mount only.
    expect(transcript(k, ["docker exec quiet echo hi"])).toBe("$ docker exec quiet echo hi\nhi\n");
    expect(mountNsOf(k, "quiet")).toMatchObject({ deferred: true, mounts: 1 });
    expect(transcript(k, [`docker exec quiet sh -c 'mount | cut -d"(" -f1 | sed "s/ $//"'`])).toBe(
      `$ docker exec quiet sh -c 'mount | cut -d"(" -f1 | sed "s/ $//"'\n${MOUNTS}`,
    );
    expect(mountNsOf(k, "quiet")).toMatchObject({ deferred: false, mounts: 22 });
  });

  it("are attached before a mountpoint is removed, so the removal meets the mount", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox", "docker run -d --name c1 busybox sleep 1000"]);
    expect(transcript(k, ["docker exec c1 rm /etc/hostname"])).toBe(
      "$ docker exec c1 rm /etc/hostname\n[stderr] rm: can't remove '/etc/hostname': Device or resource busy\n[exit 1]\n",
    );
  });

  it("are attached when the host reads the container's mount table or walks in through /proc/PID/root", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox", "docker run -d --name c1 busybox sleep 1000", "docker run -d --name c2 busybox sleep 1000"]);
    const a = mountNsOf(k, "c1");
    expect(transcript(k, [`wc -l /proc/${a.pid}/mounts`])).toBe(`$ wc -l /proc/${a.pid}/mounts\n22 /proc/${a.pid}/mounts\n`);
    const b = mountNsOf(k, "c2");
    expect(b.deferred).toBe(true);
    expect(transcript(k, [`cat /proc/${b.pid}/root/etc/hostname`]).split("\n")[1]).toMatch(/^[0-9a-f]{12}$/);
    expect(mountNsOf(k, "c2")).toMatchObject({ deferred: false, mounts: 22 });
  });

  it("are made at once for a container with mounts of its own, before them", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox", "docker run -d --name c3 -v data:/data busybox sleep 1000"]);
    expect(mountNsOf(k, "c3")).toMatchObject({ deferred: false, mounts: 23 });
    expect(transcript(k, [`docker exec c3 sh -c 'tail -1 /proc/mounts'`])).toBe(
      "$ docker exec c3 sh -c 'tail -1 /proc/mounts'\n/dev/sda1 /data ext4 rw,relatime,errors=remount-ro 0 0\n",
    );
  });
});
