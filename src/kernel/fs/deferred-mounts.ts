/**
 * Deferred mounts: a mount namespace may hold, instead of some of its mounts, a description of
 * them (MountNsData.deferred), attached the first time anyone could see them — a path walk reaching
 * one of the nodes they go on, a listing of the table, a mount or umount in the namespace, a copy
 * of it. Seen from any program the namespace always had them. A container that nobody looks into
 * costs its root mount alone (every container gets a dozen mounts: /proc, /dev, /sys, masks...).
 */
import type { Kernel } from "../kernel";
import type { DeferredMounts, MountNsData, NodeId } from "../world";
import type { FsHost } from "./driver";

type Attach = (k: Kernel, ns: number, args: DeferredMounts["args"]) => void;

const attachers = new Map<string, Attach>();

/** Registers who attaches the deferred mounts of `kind` (code, like programs: not in the world). */
export function defineDeferredMounts(kind: string, attach: Attach) {
  attachers.set(kind, attach);
}

/** The table of mount namespace `ns`, everything it defers attached first. */
export function mountNsTable(k: Kernel, ns: number): MountNsData {
  const table = k.w.ns[ns].mnt!;
  if (table.deferred !== undefined) attachDeferred(k, ns, table);
  return table;
}

/**
 * The table of the namespace mount `mnt` belongs to, for looking up what covers `node` there:
 * deferred mounts are attached first when one of them goes on that node.
 */
export function mountNsTableAt(h: FsHost, mnt: number, node: NodeId): MountNsData {
  const ns = h.w.mounts[mnt].ns;
  const table = h.w.ns[ns].mnt!;
  const d = table.deferred;
  // Only the kernel's namespaces defer mounts: the host is the kernel then.
  if (d !== undefined && mnt === table.root && d.at.includes(node)) attachDeferred(h as Kernel, ns, table);
  return table;
}

function attachDeferred(k: Kernel, ns: number, table: MountNsData) {
  const d = table.deferred!;
  const attach = attachers.get(d.kind);
  if (!attach) throw new Error(`no attacher for deferred mounts of kind ${d.kind}`);
  // Cleared first: the attacher's own mounts and walks see a plain table.
  table.deferred = undefined;
  attach(k, ns, d.args);
}
