/**
 * Namespaces: creating them (clone/unshare), copying a mount namespace, and joining one (setns).
 * Each namespace has an inode number, shown in /proc/PID/ns/* as e.g. "pid:[4026531836]".
 */
import type { NsType } from "../api";
import type { Kernel } from "../kernel";
import type { Mount, Namespace, Process } from "../world";
import { newMountIndex } from "../fs/mount";
import { mountKey } from "../fs/vfs";
import { mountNsTable } from "../fs/deferred-mounts";

export const NS_TYPES: NsType[] = ["cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"];

/**
 * A new namespace; `inum` when one was set aside for it (reserveNsInum), so that inode numbers
 * follow the order the kernel makes namespaces in rather than the order we build them.
 */
export function newNamespace(k: Kernel, type: NsType, data: Omit<Namespace, "inum" | "type">, inum = k.w.next.nsInum++): number {
  k.w.ns[inum] = { inum, type, ...data };
  return inum;
}

export function loopback(): import("../world").NetIface {
  return {
    name: "lo",
    index: 1,
    kind: "loopback",
    mac: "00:00:00:00:00:00",
    mtu: 65536,
    up: false,
    addrs: [],
    rxBytes: 0,
    txBytes: 0,
    rxPackets: 0,
    txPackets: 0,
  };
}

/**
 * Copies a mount namespace: every mount gets a new id in the new namespace. Returns the new
 * namespace and the id map (old -> new) so the caller can move its root and cwd.
 */
export function copyMountNs(k: Kernel, from: number): { inum: number; map: Map<number, number> } {
  const old = mountNsTable(k, from);
  const map = new Map<number, number>();
  for (const id of old.mounts) map.set(id, k.w.next.mount++);
  const inum = newNamespace(k, "mnt", { mnt: { root: map.get(old.root)!, mounts: [], index: newMountIndex() } });
  const ns = k.w.ns[inum].mnt!;
  for (const id of old.mounts) {
    const m = k.w.mounts[id];
    const copy: Mount = { ...m, id: map.get(id)!, ns: inum, parent: map.get(m.parent)!, options: [...m.options] };
    k.w.mounts[copy.id] = copy;
    ns.mounts.push(copy.id);
    if (copy.parent !== copy.id) ns.index[mountKey(copy.parent, copy.mountpoint.fs, copy.mountpoint.node)] = copy.id;
  }
  return { inum, map };
}

/** Sets an inode number aside for a namespace made later (newNamespace). */
export function reserveNsInum(k: Kernel): number {
  return k.w.next.nsInum++;
}

/** The order clone(2) and unshare(2) make namespaces in (copy_creds, then create_new_namespaces). */
const KERNEL_ORDER: NsType[] = ["user", "mnt", "uts", "ipc", "pid", "cgroup", "net", "time"];

/**
 * New namespaces of the given types for a process being cloned from (or unsharing) `p`.
 * A new pid namespace applies to children (returned as `pidns`), not to the caller.
 */
export function cloneNamespaces(
  k: Kernel,
  p: Process,
  types: NsType[],
): { ns: Partial<Process["ns"]>; pidns?: number; mntMap?: Map<number, number> } {
  const out: { ns: Partial<Process["ns"]>; pidns?: number; mntMap?: Map<number, number> } = { ns: {} };
  for (const t of KERNEL_ORDER.filter((t) => types.includes(t))) {
    switch (t) {
      case "mnt": {
        const { inum, map } = copyMountNs(k, p.ns.mnt);
        out.ns.mnt = inum;
        out.mntMap = map;
        break;
      }
      case "uts": {
        const u = k.w.ns[p.ns.uts].uts!;
        out.ns.uts = newNamespace(k, "uts", { uts: { ...u } });
        break;
      }
      case "ipc":
        out.ns.ipc = newNamespace(k, "ipc", {});
        break;
      case "net":
        out.ns.net = newNamespace(k, "net", { net: { ifaces: [loopback()], routes: [], nextIndex: 2 } });
        break;
      case "user":
        out.ns.user = newNamespace(k, "user", {
          parent: p.ns.user,
          user: { uidMap: [], gidMap: [], owner: p.euid },
        });
        break;
      case "cgroup":
        out.ns.cgroup = newNamespace(k, "cgroup", { cgroup: { root: p.cgroup } });
        break;
      case "time":
        out.ns.time = newNamespace(k, "time", {});
        break;
      case "pid": {
        const parent = k.w.ns[p.ns.pidChildren].pid!;
        out.pidns = newNamespace(k, "pid", {
          parent: p.ns.pidChildren,
          pid: { level: parent.level + 1, nextPid: 1, reaper: null, pids: {} },
        });
        break;
      }
    }
  }
  return out;
}

/** unshare(2) for the calling process. */
export function unshareProcess(k: Kernel, p: Process, types: NsType[]) {
  const created = cloneNamespaces(k, p, types);
  p.ns = { ...p.ns, ...created.ns, ...(created.pidns !== undefined ? { pidChildren: created.pidns } : {}) };
  if (created.mntMap) {
    p.root = { ...p.root, mnt: created.mntMap.get(p.root.mnt) ?? p.root.mnt };
    p.cwd = { ...p.cwd, mnt: created.mntMap.get(p.cwd.mnt) ?? p.cwd.mnt };
  }
}

/** Which processes use a namespace (for lsns and /proc). */
export function nsOf(p: Process, type: NsType): number {
  if (type === "pid") return p.pidns;
  return p.ns[type];
}
