/** Docker's default masked and read-only paths inside a container, and the host's view of those /proc files. */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./transcript";

describe("masked and read-only paths", () => {
  it("hides /proc/keys, timer_list, interrupts and kcore behind /dev/null and binds sysrq-trigger read-only", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox"]);
    expect(
      transcript(k, [
        `docker run --rm busybox sh -c 'cat /proc/keys; grep -c . /proc/timer_list; cat /proc/interrupts /proc/kcore | wc -c; mount | grep -E "proc|firmware"; ls -l /proc/keys /proc/timer_list /proc/sysrq-trigger; echo h > /proc/sysrq-trigger'`,
      ]),
    ).toBe(`$ docker run --rm busybox sh -c 'cat /proc/keys; grep -c . /proc/timer_list; cat /proc/interrupts /proc/kcore | wc -c; mount | grep -E "proc|firmware"; ls -l /proc/keys /proc/timer_list /proc/sysrq-trigger; echo h > /proc/sysrq-trigger'
0
0
proc on /proc type proc (rw,nosuid,nodev,noexec,relatime)
proc on /proc/bus type proc (ro,nosuid,nodev,noexec,relatime)
proc on /proc/fs type proc (ro,nosuid,nodev,noexec,relatime)
proc on /proc/irq type proc (ro,nosuid,nodev,noexec,relatime)
proc on /proc/sys type proc (ro,nosuid,nodev,noexec,relatime)
proc on /proc/sysrq-trigger type proc (ro,nosuid,nodev,noexec,relatime)
tmpfs on /proc/acpi type tmpfs (ro,relatime)
tmpfs on /proc/interrupts type tmpfs (rw,nosuid,size=65536k,mode=755,inode64)
tmpfs on /proc/kcore type tmpfs (rw,nosuid,size=65536k,mode=755,inode64)
tmpfs on /proc/keys type tmpfs (rw,nosuid,size=65536k,mode=755,inode64)
tmpfs on /proc/timer_list type tmpfs (rw,nosuid,size=65536k,mode=755,inode64)
tmpfs on /sys/firmware type tmpfs (ro,relatime)
crw-rw-rw-    1 root     root        1,   3 Jan 15 09:00 /proc/keys
--w-------    1 root     root             0 Jan 15 09:00 /proc/sysrq-trigger
crw-rw-rw-    1 root     root        1,   3 Jan 15 09:00 /proc/timer_list
[stderr] sh: can't create /proc/sysrq-trigger: Read-only file system
[exit 1]
`);
  });

  it("the host sees the files themselves", async () => {
    const k = await sandbox();
    expect(
      transcript(k, ["ls -l /proc/keys /proc/timer_list /proc/interrupts /proc/kcore /proc/sysrq-trigger", "cat /proc/keys", "head -3 /proc/timer_list", "head -3 /proc/interrupts", "grep -E '^(LOC|ERR)' /proc/interrupts"]),
    ).toBe(`$ ls -l /proc/keys /proc/timer_list /proc/interrupts /proc/kcore /proc/sysrq-trigger
-r--r--r-- 1 root root 0 Jan 15 09:00 /proc/interrupts
-r-------- 1 root root 0 Jan 15 09:00 /proc/kcore
-r--r--r-- 1 root root 0 Jan 15 09:00 /proc/keys
--w------- 1 root root 0 Jan 15 09:00 /proc/sysrq-trigger
-r-------- 1 root root 0 Jan 15 09:00 /proc/timer_list
$ cat /proc/keys
0a5b13f7 I--Q---     1 perm 1f3f0000     0 65534 keyring   _uid_ses.0: 1
14c1f00c I--Q---     1 perm 0c030000     0 65534 keyring   .user_reg: 2
184a6ea9 I------     1 perm 1f030000     0     0 keyring   .dns_resolver: empty
2446e355 I------     1 perm 1f0b0000     0     0 keyring   .builtin_trusted_keys: 1
26c5f08f I------     1 perm 0f0b0000     0     0 keyring   .blacklist: empty
3195cfca I--Q---     2 perm 1f3f0000     0 65534 keyring   _uid.0: empty
$ head -3 /proc/timer_list
Timer List Version: v0.10
HRTIMER_MAX_CLOCK_BASES: 8
now at 0 nsecs
$ head -3 /proc/interrupts
           CPU0       CPU1       
  0:         36          0   IO-APIC   2-edge      timer
  1:          9          0   IO-APIC   1-edge      i8042
$ grep -E '^(LOC|ERR)' /proc/interrupts
LOC:       1931          0   Local timer interrupts
ERR:          0
`);
  });
});
