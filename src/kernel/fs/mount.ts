/**
 * mount(2) and umount(2): new filesystems (tmpfs, proc, sysfs, cgroup2, overlay), bind mounts,
 * read-only remounts; and the mount table as /proc/mounts shows it.
 */
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { Loc, Mount, Process, SuperBlock } from "../world";
import { newDiskFs } from "./diskfs";
import { overlayMountData } from "./overlay";
import { mountKey, sameLoc, type Walker } from "./vfs";
import { capable } from "../caps";
import { mountNsTable } from "./deferred-mounts";

export function walkerOf(p: Process): Walker {
  return { root: p.root, cwd: p.cwd, cred: { uid: p.euid, gid: p.egid, groups: p.groups, caps: p.caps.effective } };
}

/** Anonymous device numbers (major 0) for virtual filesystems, like the kernel's. */
export function anonDev(k: Kernel): number {
  return k.w.next.dev++;
}

export function addFs(k: Kernel, make: (id: string) => SuperBlock): SuperBlock {
  const id = `fs${k.w.next.fs++}`;
  const sb = make(id);
  k.w.fs[id] = sb;
  return sb;
}

/**
 * An empty mount index for a new mount namespace. Its keys are unique to the namespace, so it is a
 * dictionary from the start: a plain `{}` would make the engine a new hidden class per key.
 */
export function newMountIndex(): Record<string, number> {
  return Object.create(null);
}

/**
 * The index of a namespace with no mount below its root yet, shared (an empty dictionary costs
 * ~190 bytes, and a container's namespace keeps its mounts deferred): attaching replaces it.
 */
export const NO_MOUNTS_BELOW_ROOT: Record<string, number> = Object.freeze(newMountIndex());

/** Attaches a filesystem (from its root node) at `at` in mount namespace `ns`. */
export function attachMount(
  k: Kernel,
  ns: number,
  at: Loc | null,
  m: Omit<Mount, "id" | "ns" | "parent" | "mountpoint">,
): Mount {
  const id = k.w.next.mount++;
  const parent = at ? at.mnt : id;
  const mountpoint = at ? { fs: at.fs, node: at.node } : { fs: m.fs, node: m.root };
  // Field by field, in the order a spread of `m` gave (spreading is slow).
  const { fs, root, source, fstype, readonly, options } = m;
  const mount: Mount =
    m.hidden === undefined
      ? { fs, root, source, fstype, readonly, options, id, ns, parent, mountpoint }
      : { fs, root, source, fstype, readonly, options, hidden: m.hidden, id, ns, parent, mountpoint };
  const mns = mountNsTable(k, ns);
  k.w.mounts[id] = mount;
  mns.mounts.push(id);
  if (at) {
    if (mns.index === NO_MOUNTS_BELOW_ROOT) mns.index = newMountIndex();
    mns.index[mountKey(at.mnt, at.fs, at.node)] = id;
  }
  else mns.root = id;
  return mount;
}

function parseOpts(data: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of data.split(",")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    out.set(eq < 0 ? part : part.slice(0, eq), eq < 0 ? "" : part.slice(eq + 1));
  }
  return out;
}

/** Parses tmpfs sizes: "64m", "1g", "100k", plain bytes, or "50%". */
export function parseSize(s: string, total: number): number {
  const m = /^(\d+)([kmgKMG%]?)$/.exec(s);
  if (!m) throw new Errno("EINVAL");
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit === "%") return Math.floor((total * n) / 100);
  return n * (unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1);
}

export interface MountRequest {
  source: string;
  target: string;
  fstype: string;
  flags: string[];
  data: string;
}

export function doMount(k: Kernel, p: Process, req: MountRequest) {
  if (!capable(p, "SYS_ADMIN")) throw new Errno("EPERM");
  const w = walkerOf(p);
  const target = k.vfs.walk(w, req.target, true);
  const flags = new Set(req.flags);
  const readonly = flags.has("ro") || flags.has("rdonly");
  const ns = p.ns.mnt;

  // Propagation changes (private, shared, slave, unbindable): mounts here never propagate, so
  // these succeed without changing anything.
  const PROPAGATION = ["private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable"];
  if (req.fstype === "" && req.flags.length > 0 && req.flags.every((f) => PROPAGATION.includes(f))) return;
  if (flags.has("remount")) {
    const m = k.w.mounts[target.mnt];
    if (target.node !== m.root) throw new Errno("EINVAL");
    m.readonly = readonly;
    return;
  }
  if (flags.has("bind") || flags.has("rbind")) {
    const src = k.vfs.walk(w, req.source, true);
    const m = k.w.mounts[src.mnt];
    attachMount(k, ns, target, {
      fs: src.fs,
      root: src.node,
      source: m.source,
      fstype: m.fstype,
      // MS_RDONLY is ignored on the first bind; it takes a remount to make a bind read-only.
      readonly: false,
      options: [...m.options],
    });
    return;
  }
  if (k.vfs.stat(target).type !== "dir" && req.fstype !== "") throw new Errno("ENOTDIR");
  const opts = parseOpts(req.data);
  const now = k.now();
  let sb: SuperBlock;
  let options = ["relatime"];
  let readonlyOverride = false;
  switch (req.fstype) {
    case "tmpfs":
    case "devpts":
    case "mqueue":
    case "devtmpfs": {
      const size = opts.has("size") ? parseSize(opts.get("size")!, k.w.config.memTotal) : Math.floor(k.w.config.memTotal / 2);
      sb = addFs(k, (id) => newDiskFs(id, req.fstype, anonDev(k), now, size));
      const root = (sb as import("../world").DiskFs).inodes[(sb as import("../world").DiskFs).rootIno];
      if (opts.has("mode")) root.mode = 0o040000 | (Number.parseInt(opts.get("mode")!, 8) & 0o7777);
      else if (req.fstype !== "tmpfs") root.mode = 0o040755;
      options = ["nosuid", "nodev", "relatime"];
      if (req.fstype === "tmpfs") {
        const kb = Math.floor(size / 1024);
        // Linux lists size= only when it differs from the default (half of RAM).
        const sizeOpt = opts.has("size") && size !== Math.floor(k.w.config.memTotal / 2) ? [`size=${kb}k`] : [];
        options = [...(flags.has("nosuid") ? ["nosuid"] : []), ...(flags.has("nodev") ? ["nodev"] : []), ...(flags.has("noexec") ? ["noexec"] : []), "relatime", ...sizeOpt];
        if (opts.has("mode")) options.push(`mode=${opts.get("mode")!.replace(/^0+(?=\d{3})/, "")}`);
        if (opts.has("uid")) options.push(`uid=${opts.get("uid")}`);
        if (opts.has("gid")) options.push(`gid=${opts.get("gid")}`);
      }
      break;
    }
    case "proc":
      sb = addFs(k, (id) => ({ id, kind: "proc", dev: anonDev(k), pidns: p.pidns }));
      options = ["nosuid", "nodev", "noexec", "relatime"];
      break;
    case "sysfs":
      sb = addFs(k, (id) => ({ id, kind: "sysfs", dev: anonDev(k), netns: p.ns.net }));
      options = ["nosuid", "nodev", "noexec", "relatime"];
      break;
    case "cgroup2":
      sb = addFs(k, (id) => ({ id, kind: "cgroup2", dev: anonDev(k), root: k.w.ns[p.ns.cgroup].cgroup!.root }));
      options = ["nosuid", "nodev", "noexec", "relatime"];
      break;
    case "overlay":
      sb = addFs(k, (id) => overlayMountData(k, id, anonDev(k), w, req.data));
      options = ["relatime", ...req.data.split(",").filter((o) => o !== "")];
      // Without an upper directory an overlay can only be read (Linux marks the mount ro).
      if (!(sb as import("../world").OverlayFs).upper) readonlyOverride = true;
      break;
    case "":
      throw new Errno("EINVAL");
    default:
      if (req.source.startsWith("/dev/")) throw new Errno("ENOTBLK");
      throw new Errno("ENODEV");
  }
  for (const f of ["nosuid", "nodev", "noexec"]) if (flags.has(f) && !options.includes(f)) options.unshift(f);
  attachMount(k, ns, target, {
    fs: sb.id,
    root: k.driver(sb).root(k, sb),
    source: req.source,
    fstype: req.fstype,
    readonly: readonly || readonlyOverride,
    options,
  });
}

export function doUmount(k: Kernel, p: Process, target: string, lazy: boolean) {
  if (!capable(p, "SYS_ADMIN")) throw new Errno("EPERM");
  const loc = k.vfs.walk(walkerOf(p), target, true);
  const m = k.w.mounts[loc.mnt];
  if (loc.node !== m.root) throw new Errno("EINVAL");
  if (m.parent === m.id) throw new Errno("EBUSY");
  const ns = mountNsTable(k, m.ns);
  const children = ns.mounts.filter((id) => id !== m.id && k.w.mounts[id].parent === m.id);
  if (!lazy) {
    if (children.length > 0) throw new Errno("EBUSY");
    const busy = Object.values(k.w.procs).some(
      (q) =>
        q.state !== "Z" &&
        (q.cwd.mnt === m.id ||
          q.root.mnt === m.id ||
          Object.values(q.fds).some((e) => k.w.files[e.file]?.loc?.mnt === m.id)),
    );
    if (busy) throw new Errno("EBUSY");
  }
  detach(k, m.id);
}

function detach(k: Kernel, id: number) {
  const m = k.w.mounts[id];
  const ns = k.w.ns[m.ns].mnt!;
  for (const c of ns.mounts.filter((c) => c !== id && k.w.mounts[c].parent === id)) detach(k, c);
  delete ns.index[mountKey(m.parent, m.mountpoint.fs, m.mountpoint.node)];
  ns.mounts = ns.mounts.filter((x) => x !== id);
  delete k.w.mounts[id];
}

/** Mounts of a namespace in mount order, with their mountpoint paths seen from `root`. */
export function mountTable(k: Kernel, ns: number, root: Loc): Array<{ m: Mount; path: string }> {
  const out: Array<{ m: Mount; path: string }> = [];
  for (const id of mountNsTable(k, ns).mounts) {
    const m = k.w.mounts[id];
    if (m.hidden) continue;
    const at: Loc = { mnt: m.id, fs: m.fs, node: m.root };
    const path = k.vfs.pathOf(at, root);
    if (!isBelow(k, at, root)) continue;
    out.push({ m, path });
  }
  return out;
}

/** Is `loc` at or below `root` in the mount tree? */
function isBelow(k: Kernel, loc: Loc, root: Loc): boolean {
  let cur = loc;
  for (let guard = 0; guard < 10000; guard++) {
    if (cur.mnt === root.mnt) return true;
    const m = k.w.mounts[cur.mnt];
    if (!m || m.parent === m.id) return sameLoc(cur, root);
    cur = { mnt: m.parent, fs: m.mountpoint.fs, node: m.mountpoint.node };
  }
  return false;
}
