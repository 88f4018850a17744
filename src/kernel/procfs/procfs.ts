/**
 * procfs: the /proc of one pid namespace. Per-process directories (status, stat, cmdline, environ,
 * cgroup, mounts, mountinfo, ns/*, fd/*, cwd, root, exe) and machine-wide files (meminfo, uptime,
 * loadavg, version, cpuinfo, filesystems, mounts, sys/kernel/*). Contents are generated when a file
 * is opened, from the world.
 */
import type { FileType, NsType } from "../api";
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { Loc, NodeId, Process, ProcFs } from "../world";
import { type DirEntry, type FsDriver, type FsHost, makeStat, typeBits } from "../fs/driver";
import { hashIno, syntheticWriteOps } from "../fs/synthetic";
import { pidIn, globalPid } from "../proc/process";
import { nsOf } from "../ns/namespaces";
import { PROC_FILES } from "./procfiles";
import { processFiles } from "./pidfiles";

type K = Kernel;

export interface ProcEntry {
  type: FileType;
  /** File content, generated at open. */
  content?: (k: K, pfs: ProcFs, p: Process | null) => string;
  /** Symlink target (as readlink shows it). */
  link?: (k: K, pfs: ProcFs, p: Process | null) => string;
  /** Where following the link leads, for magic links. */
  magic?: (k: K, pfs: ProcFs, p: Process | null) => Loc | null;
  /** Writable knob. */
  write?: (k: K, pfs: ProcFs, p: Process | null, data: string) => void;
  perm?: number;
}

const NS_LINKS: NsType[] = ["cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"];

function kk(h: FsHost): K {
  return h as unknown as K;
}

/** Current process (the one making the system call). */
function current(k: K): Process {
  return k.w.procs[k.current];
}

function procByNsPid(k: K, pfs: ProcFs, pid: number): Process | null {
  const g = globalPid(k, pfs.pidns, pid);
  const p = g === undefined ? undefined : k.w.procs[g];
  return p ?? null;
}

/** Splits "123/ns/pid" into the process and the rest ("ns/pid"). */
function parse(k: K, pfs: ProcFs, node: string): { p: Process | null; rest: string } {
  const slash = node.indexOf("/");
  const head = slash < 0 ? node : node.slice(0, slash);
  if (/^\d+$/.test(head)) {
    const p = procByNsPid(k, pfs, Number(head));
    if (!p) throw new Errno("ENOENT");
    return { p, rest: slash < 0 ? "" : node.slice(slash + 1) };
  }
  return { p: null, rest: node };
}

function entryFor(k: K, pfs: ProcFs, node: string): { e: ProcEntry; p: Process | null } {
  if (node === "") return { e: { type: "dir" }, p: null };
  const { p, rest } = parse(k, pfs, node);
  if (p) {
    if (rest === "") return { e: { type: "dir" }, p };
    const e = processEntry(k, p, rest);
    if (!e) throw new Errno("ENOENT");
    return { e, p };
  }
  const e = PROC_FILES[rest];
  if (!e) throw new Errno("ENOENT");
  return { e, p: null };
}

function processEntry(k: K, p: Process, rest: string): ProcEntry | undefined {
  const files = processFiles();
  if (files[rest]) return files[rest];
  if (rest === "ns" || rest === "fd" || rest === "task") return { type: "dir", perm: rest === "fd" ? 0o500 : 0o511 };
  if (rest.startsWith("ns/")) {
    const t = rest.slice(3);
    const type = t === "pid_for_children" ? "pid" : t === "time_for_children" ? "time" : (t as NsType);
    if (!NS_LINKS.includes(type) && t !== "pid_for_children" && t !== "time_for_children") return undefined;
    const inum = () => (t === "pid_for_children" ? p.ns.pidChildren : nsOf(p, type));
    return {
      type: "symlink",
      perm: 0o777,
      link: () => `${type}:[${inum()}]`,
      magic: (kx) => nsLoc(kx, inum()),
    };
  }
  if (rest.startsWith("fd/")) {
    const fd = Number(rest.slice(3));
    const e = p.fds[fd];
    if (!e || !/^\d+$/.test(rest.slice(3))) return undefined;
    return {
      type: "symlink",
      perm: 0o700,
      link: (kx) => fdTarget(kx, p, fd),
      magic: (kx) => kx.w.files[p.fds[fd]?.file]?.loc ?? null,
    };
  }
  if (rest.startsWith("task/")) {
    const tid = rest.slice(5);
    if (tid === String(pidIn(k, p, p.pidns))) return { type: "dir", perm: 0o555 };
    return undefined;
  }
  return undefined;
}

/** The location a namespace link leads to (an nsfs inode). */
export function nsLoc(k: K, inum: number): Loc {
  const nsfs = Object.values(k.w.fs).find((f) => f.kind === "nsfs")!;
  return { mnt: -1, fs: nsfs.id, node: inum };
}

function fdTarget(k: K, p: Process, fd: number): string {
  const f = k.w.files[p.fds[fd].file];
  if (f.listener || f.pipeOut !== undefined) return `socket:[${20000 + f.id}]`;
  switch (f.kind) {
    case "pipe":
      return `pipe:[${4026532000 + f.pipe!}]`;
    case "tty":
      return `/dev/${k.w.ttys[f.tty!].name}`;
    case "sink":
      return `pipe:[${4026531000 + f.sink!}]`;
    default:
      return f.path ?? "/";
  }
}

function pidDirNames(): string[] {
  return [...Object.keys(processFiles()).filter((n) => !n.includes("/")), "ns", "fd", "task"].sort();
}

export const procDriver: FsDriver = {
  ...syntheticWriteOps,
  root: () => "",
  lookup(h, sb, dir, name) {
    const k = kk(h);
    const pfs = sb as ProcFs;
    const d = dir as string;
    if (name === "." || name === "") return d;
    if (name === "..") return d.includes("/") ? d.slice(0, d.lastIndexOf("/")) : "";
    const { e } = entryFor(k, pfs, d);
    if (e.type !== "dir") throw new Errno("ENOTDIR");
    const child = d === "" ? name : `${d}/${name}`;
    entryFor(k, pfs, child);
    return child;
  },
  getattr(h, sb, node) {
    const k = kk(h);
    const pfs = sb as ProcFs;
    const { e, p } = entryFor(k, pfs, node as string);
    const perm = e.perm ?? (e.type === "dir" ? 0o555 : e.type === "symlink" ? 0o777 : e.write ? 0o644 : 0o444);
    const t = p ? p.startUsec + k.w.clock.bootEpochUsec : k.w.clock.bootEpochUsec;
    const nlink = e.type === "dir" ? (node === "" ? 2 + Object.keys(k.w.procs).length : 9) : 1;
    return makeStat({
      ino: node === "" ? 1 : hashIno(node as string),
      mode: typeBits(e.type) | perm,
      nlink,
      uid: p ? p.euid : 0,
      gid: p ? p.egid : 0,
      size: 0,
      atime: t,
      mtime: t,
      ctime: t,
    });
  },
  readdir(h, sb, dir) {
    const k = kk(h);
    const pfs = sb as ProcFs;
    const d = dir as string;
    const { e, p } = entryFor(k, pfs, d);
    if (e.type !== "dir") throw new Errno("ENOTDIR");
    const mk = (name: string): DirEntry => {
      const child = d === "" ? name : `${d}/${name}`;
      return { name, ino: hashIno(child), type: entryFor(k, pfs, child).e.type };
    };
    if (d === "") {
      const pids = Object.values(k.w.procs)
        .map((q) => pidIn(k, q, pfs.pidns))
        .filter((n) => n > 0)
        .sort((a, b) => a - b)
        .map(String);
      const top = Object.keys(PROC_FILES).filter((n) => !n.includes("/"));
      return [...top.map(mk), ...pids.map(mk)];
    }
    const { rest } = parse(k, pfs, d);
    if (p && rest === "") return pidDirNames().map(mk);
    if (p && rest === "ns") return [...NS_LINKS, "pid_for_children", "time_for_children"].sort().map((n) => mk(n));
    if (p && rest === "fd")
      return Object.keys(p.fds)
        .map(Number)
        .sort((a, b) => a - b)
        .map((n) => mk(String(n)));
    if (p && rest === "task") return [mk(String(pidIn(k, p, pfs.pidns)))];
    if (p && processFiles()[rest]?.type === "dir")
      return Object.keys(processFiles())
        .filter((n) => n.startsWith(`${rest}/`) && !n.slice(rest.length + 1).includes("/"))
        .map((n) => mk(n.slice(rest.length + 1)));
    const prefix = `${rest}/`;
    const names = Object.keys(PROC_FILES)
      .filter((n) => n.startsWith(prefix) && !n.slice(prefix.length).includes("/"))
      .map((n) => n.slice(prefix.length));
    return names.map(mk);
  },
  readlink(h, sb, node) {
    const k = kk(h);
    const pfs = sb as ProcFs;
    const { e, p } = entryFor(k, pfs, node as string);
    if (e.type !== "symlink" || !e.link) throw new Errno("EINVAL");
    return e.link(k, pfs, p);
  },
  magicLink(h, sb, node) {
    const k = kk(h);
    const pfs = sb as ProcFs;
    const { e, p } = entryFor(k, pfs, node as string);
    return e.magic ? e.magic(k, pfs, p) : null;
  },
  read(h, sb, node) {
    return snapshot(kk(h), sb as ProcFs, node);
  },
  snapshot(h, sb, node) {
    return snapshot(kk(h), sb as ProcFs, node);
  },
  writeSynthetic(h, sb, node, data) {
    const k = kk(h);
    const pfs = sb as ProcFs;
    const { e, p } = entryFor(k, pfs, node as string);
    if (!e.write) throw new Errno("EACCES");
    e.write(k, pfs, p, data);
  },
  statfs: () => ({ bsize: 4096, blocks: 0, bfree: 0, files: 0, ffree: 0 }),
};

function snapshot(k: K, pfs: ProcFs, node: NodeId): string {
  const { e, p } = entryFor(k, pfs, node as string);
  if (e.type === "dir") throw new Errno("EISDIR");
  return e.content ? e.content(k, pfs, p) : "";
}

export { current };
