/**
 * Docker's default read-only and masked paths (moby oci/defaults.go), applied as runc applies them
 * after the container's other mounts: each read-only path bound read-only onto itself, then each
 * masked directory covered by an empty read-only tmpfs and each masked file by a bind of the
 * container's /dev/null. Paths the kernel does not have are skipped. (Privileged containers get none.)
 */
import { Errno, type Kernel } from "../../kernel";
import { newDiskFs } from "../../kernel/fs/diskfs";
import { addFs, anonDev, attachMount } from "../../kernel/fs/mount";
import type { Walker } from "../../kernel/fs/vfs";
import type { DiskFs, Loc } from "../../kernel/world";

export const READONLY_PATHS = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

export const MASKED_PATHS = [
  "/proc/asound",
  "/proc/acpi",
  "/proc/interrupts",
  "/proc/kcore",
  "/proc/keys",
  "/proc/latency_stats",
  "/proc/timer_list",
  "/proc/timer_stats",
  "/proc/sched_debug",
  "/proc/scsi",
  "/sys/firmware",
  "/sys/devices/virtual/powercap",
];

/** Options of the mounts: proc's own, and those of the masking tmpfs. */
const PROC_OPTIONS = ["nosuid", "nodev", "noexec", "relatime"];
const MASK_TMPFS_OPTIONS = ["relatime"];

function found(k: Kernel, w: Walker, path: string): Loc | null {
  try {
    return k.vfs.walk(w, path, true);
  } catch (e) {
    if (e instanceof Errno) return null;
    throw e;
  }
}

/** An empty read-only tmpfs that hides a directory. */
function maskFs(k: Kernel, now: number): { fs: string; root: number } {
  const sb = addFs(k, (id) => newDiskFs(id, "tmpfs", anonDev(k), now, 0)) as DiskFs;
  sb.inodes[sb.rootIno].mode = 0o040555;
  return { fs: sb.id, root: sb.rootIno };
}

/**
 * Finds paths below a few top directories (/proc, /sys), each top directory walked once: the rest
 * of a path is walked from it, which ends where walking the whole path does.
 */
function finder(k: Kernel, w: Walker): (path: string) => Loc | null {
  const tops = new Map<string, Loc | null>();
  return (path) => {
    const slash = path.indexOf("/", 1);
    if (slash < 0) return found(k, w, path);
    const top = path.slice(0, slash);
    let dir = tops.get(top);
    if (dir === undefined) tops.set(top, (dir = found(k, w, top)));
    return dir && found(k, { ...w, cwd: dir }, path.slice(slash + 1));
  };
}

/**
 * Mounts the read-only and masked paths in the container's mount namespace `mntNs` (walked by
 * `w`); `devNull` is the container's /dev/null (its node, or its path while /dev is unexpanded).
 */
export function applyDefaultMasks(k: Kernel, mntNs: number, w: Walker, devNullAt: Loc | string, now: number) {
  const find = finder(k, w);
  for (const path of READONLY_PATHS) {
    const at = find(path);
    if (!at) continue;
    const m = k.w.mounts[at.mnt];
    attachMount(k, mntNs, at, { fs: at.fs, root: at.node, source: m.source, fstype: m.fstype, readonly: true, options: m.fstype === "proc" ? PROC_OPTIONS : [...m.options] });
  }
  const devNull = typeof devNullAt === "string" ? found(k, w, devNullAt) : devNullAt;
  for (const path of MASKED_PATHS) {
    const at = find(path);
    if (!at) continue;
    if (k.vfs.stat(at).type === "dir") {
      attachMount(k, mntNs, at, { ...maskFs(k, now), source: "tmpfs", fstype: "tmpfs", readonly: true, options: MASK_TMPFS_OPTIONS });
    } else if (devNull) {
      const dev = k.w.mounts[devNull.mnt];
      attachMount(k, mntNs, at, { fs: devNull.fs, root: devNull.node, source: dev.source, fstype: dev.fstype, readonly: false, options: dev.options });
    }
  }
}
