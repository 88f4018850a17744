/** sysfs (a small /sys: class/net, kernel, fs/cgroup as a mountpoint) and nsfs (namespace inodes). */
import type { FileType } from "../api";
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { SysFs } from "../world";
import { type FsDriver, makeStat, typeBits } from "../fs/driver";
import { childNode, hashIno, parentNode, syntheticWriteOps } from "../fs/synthetic";

type K = Kernel;

const STATIC_DIRS = [
  "block", "bus", "class", "class/net", "dev", "dev/block", "dev/char", "devices", "devices/virtual",
  "devices/virtual/net", "firmware", "fs", "fs/cgroup", "kernel", "kernel/mm", "module", "power",
];

interface SysNode {
  type: FileType;
  content?: string;
  target?: string;
}

function ifaceFiles(k: K, sfs: SysFs): Record<string, SysNode> {
  const out: Record<string, SysNode> = {};
  const net = k.w.ns[sfs.netns]?.net;
  for (const i of net?.ifaces ?? []) {
    out[`class/net/${i.name}`] = { type: "symlink", target: `../../devices/virtual/net/${i.name}` };
    const base = `devices/virtual/net/${i.name}`;
    out[base] = { type: "dir" };
    out[`${base}/address`] = { type: "file", content: `${i.mac}\n` };
    out[`${base}/mtu`] = { type: "file", content: `${i.mtu}\n` };
    out[`${base}/ifindex`] = { type: "file", content: `${i.index}\n` };
    out[`${base}/operstate`] = { type: "file", content: `${i.up ? (i.kind === "loopback" ? "unknown" : "up") : "down"}\n` };
    out[`${base}/type`] = { type: "file", content: `${i.kind === "loopback" ? 772 : 1}\n` };
  }
  return out;
}

/** The nodes that are the same in every sysfs (the interfaces' are ifaceFiles). */
function staticNodes(k: K): Record<string, SysNode> {
  const out: Record<string, SysNode> = { "": { type: "dir" } };
  for (const d of STATIC_DIRS) out[d] = { type: "dir" };
  out["kernel/mm/transparent_hugepage"] = { type: "dir" };
  out["kernel/mm/transparent_hugepage/enabled"] = { type: "file", content: "always [madvise] never\n" };
  out["kernel/osrelease"] = { type: "file", content: `${k.w.config.kernelRelease}\n` };
  return out;
}

function tree(k: K, sfs: SysFs): Record<string, SysNode> {
  return { ...staticNodes(k), ...ifaceFiles(k, sfs) };
}

const STATIC_DIR_SET = new Set(["", ...STATIC_DIRS, "kernel/mm/transparent_hugepage"]);
const IFACE_PREFIXES = ["class/net/", "devices/virtual/net/"];

/** One node, without building the whole tree: only nodes below the interfaces' directories need them. */
function get(k: K, sfs: SysFs, node: string): SysNode {
  const n = STATIC_DIR_SET.has(node)
    ? { type: "dir" as const }
    : IFACE_PREFIXES.some((p) => node.startsWith(p))
      ? ifaceFiles(k, sfs)[node]
      : staticNodes(k)[node];
  if (!n) throw new Errno("ENOENT");
  return n;
}

export const sysfsDriver: FsDriver = {
  ...syntheticWriteOps,
  root: () => "",
  lookup(h, sb, dir, name) {
    const k = h as unknown as K;
    const d = dir as string;
    if (name === "." || name === "") return d;
    if (name === "..") return parentNode(d);
    if (get(k, sb as SysFs, d).type !== "dir") throw new Errno("ENOTDIR");
    const c = childNode(d, name);
    get(k, sb as SysFs, c);
    return c;
  },
  getattr(h, sb, node) {
    const k = h as unknown as K;
    const n = get(k, sb as SysFs, node as string);
    const t = k.w.clock.bootEpochUsec;
    return makeStat({
      ino: node === "" ? 1 : hashIno(node as string),
      mode: typeBits(n.type) | (n.type === "dir" ? 0o755 : n.type === "symlink" ? 0o777 : 0o444),
      nlink: n.type === "dir" ? 2 : 1,
      uid: 0,
      gid: 0,
      size: n.type === "file" ? 4096 : 0,
      atime: t,
      mtime: t,
      ctime: t,
    });
  },
  readdir(h, sb, dir) {
    const k = h as unknown as K;
    const d = dir as string;
    const all = tree(k, sb as SysFs);
    if (all[d]?.type !== "dir") throw new Errno(all[d] ? "ENOTDIR" : "ENOENT");
    const prefix = d === "" ? "" : `${d}/`;
    return Object.keys(all)
      .filter((p) => p !== d && p.startsWith(prefix) && !p.slice(prefix.length).includes("/"))
      .map((p) => ({ name: p.slice(prefix.length), ino: hashIno(p), type: all[p].type }));
  },
  readlink(h, sb, node) {
    const n = get(h as unknown as K, sb as SysFs, node as string);
    if (n.type !== "symlink") throw new Errno("EINVAL");
    return n.target!;
  },
  read(h, sb, node) {
    const n = get(h as unknown as K, sb as SysFs, node as string);
    if (n.type === "dir") throw new Errno("EISDIR");
    return n.content ?? "";
  },
  snapshot(h, sb, node) {
    return sysfsDriver.read(h, sb, node);
  },
  statfs: () => ({ bsize: 4096, blocks: 0, bfree: 0, files: 0, ffree: 0 }),
};

/** nsfs: the inodes namespace links lead to; their inode number is the namespace's. */
export const nsfsDriver: FsDriver = {
  ...syntheticWriteOps,
  root: () => 0,
  lookup: () => {
    throw new Errno("ENOTDIR");
  },
  getattr(h, _sb, node) {
    const k = h as unknown as K;
    const t = k.w.clock.bootEpochUsec;
    return makeStat({ ino: node as number, mode: 0o100444, nlink: 1, uid: 0, gid: 0, size: 0, atime: t, mtime: t, ctime: t });
  },
  readdir: () => {
    throw new Errno("ENOTDIR");
  },
  readlink: () => {
    throw new Errno("EINVAL");
  },
  read: () => {
    throw new Errno("EINVAL");
  },
  statfs: () => ({ bsize: 4096, blocks: 0, bfree: 0, files: 0, ffree: 0 }),
};
