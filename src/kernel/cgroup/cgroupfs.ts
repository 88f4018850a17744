/**
 * cgroup2 filesystem (/sys/fs/cgroup): one directory per cgroup, interface files per enabled
 * controller, mkdir/rmdir to create and remove cgroups, writes to move processes and set limits.
 */
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { CgroupFs, Cgroup, Process } from "../world";
import { type FsDriver, makeStat, typeBits } from "../fs/driver";
import { childNode, hashIno, parentNode, syntheticWriteOps } from "../fs/synthetic";
import { globalPid, pidIn } from "../proc/process";
import { sendSignal } from "../proc/signal";
import { effectiveSet, formatCpuList, parseCpuList } from "./cpuset";
import { cgroupControllers, cgroupCreate, cgroupMigrate, cgroupRemove, cgroupSetFrozen, oomKill, ROOT_CONTROLLERS } from "./cgroups";

type K = Kernel;

interface Knob {
  /** Controller the file belongs to ("" = core). */
  ctrl: string;
  rootToo?: boolean;
  onlyRoot?: boolean;
  read: (k: K, cg: Cgroup) => string;
  write?: (k: K, cg: Cgroup, data: string) => void;
}

const maxOr = (v: number | null) => (v === null ? "max" : String(v));

/** Parses "max" or a byte count with an optional K/M/G suffix (the kernel's memparse). */
function parseMax(data: string, bytes: boolean): number | null {
  const s = data.trim();
  if (s === "max") return null;
  const m = bytes ? /^(\d+)([kKmMgGtT]?)$/.exec(s) : /^(\d+)()$/.exec(s);
  if (!m) throw new Errno("EINVAL");
  const mult = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2].toLowerCase()] ?? 1;
  const n = Number(m[1]) * mult;
  // memory limits are kept in whole pages, as the kernel rounds them down.
  return bytes ? Math.floor(n / 4096) * 4096 : n;
}

function procsIn(k: K, cg: Cgroup): Process[] {
  return Object.values(k.w.procs).filter((p) => p.cgroup === cg.path && p.state !== "Z");
}

function viewerNs(k: K): number {
  const p = k.w.procs[k.current];
  return p ? p.pidns : k.w.initNs.pid;
}

function subtree(k: K, cg: Cgroup): Process[] {
  const prefix = `${cg.path}/`;
  return Object.values(k.w.procs).filter(
    (p) => p.state !== "Z" && (cg.path === "" || p.cgroup === cg.path || p.cgroup.startsWith(prefix)),
  );
}

const KNOBS: Record<string, Knob> = {
  "cgroup.controllers": { ctrl: "", rootToo: true, read: (k, cg) => `${cgroupControllers(k, cg.path).join(" ")}\n` },
  "cgroup.subtree_control": {
    ctrl: "",
    rootToo: true,
    read: (_k, cg) => `${cg.subtreeControl.join(" ")}\n`,
    write: (k, cg, data) => {
      const avail = cgroupControllers(k, cg.path);
      const next = new Set(cg.subtreeControl);
      for (const tok of data.trim().split(/\s+/).filter(Boolean)) {
        const op = tok[0];
        const name = tok.slice(1);
        if ((op !== "+" && op !== "-") || !avail.includes(name)) throw new Errno(op === "+" || op === "-" ? "ENOENT" : "EINVAL");
        if (op === "+") next.add(name);
        else next.delete(name);
      }
      if (cg.path !== "" && next.size > 0 && procsIn(k, cg).length > 0) throw new Errno("EBUSY");
      cg.subtreeControl = ROOT_CONTROLLERS.filter((c) => next.has(c));
    },
  },
  "cgroup.procs": {
    ctrl: "",
    rootToo: true,
    read: (k, cg) =>
      procsIn(k, cg)
        .map((p) => pidIn(k, p, viewerNs(k)))
        .filter((n) => n > 0)
        .sort((a, b) => a - b)
        .map((n) => `${n}\n`)
        .join(""),
    write: (k, cg, data) => {
      const s = data.trim();
      if (!/^\d+$/.test(s)) throw new Errno("EINVAL");
      const n = Number(s);
      const g = n === 0 ? k.current : globalPid(k, viewerNs(k), n);
      if (g === undefined || !k.w.procs[g] || k.w.procs[g].state === "Z") throw new Errno("ESRCH");
      if (cg.path !== "" && k.w.cgroups[parentNode(cg.path)] && cg.subtreeControl.length > 0) throw new Errno("EBUSY");
      cgroupMigrate(k, g, cg.path);
    },
  },
  "cgroup.threads": {
    ctrl: "",
    rootToo: true,
    read: (k, cg) => KNOBS["cgroup.procs"].read(k, cg),
  },
  "cgroup.type": { ctrl: "", read: () => "domain\n" },
  "cgroup.events": { ctrl: "", read: (k, cg) => `populated ${subtree(k, cg).length > 0 ? 1 : 0}\nfrozen ${cg.frozen ? 1 : 0}\n` },
  "cgroup.freeze": {
    ctrl: "",
    read: (_k, cg) => `${cg.frozen ? 1 : 0}\n`,
    write: (k, cg, data) => {
      const s = data.trim();
      if (s !== "0" && s !== "1") throw new Errno("EINVAL");
      cgroupSetFrozen(k, cg.path, s === "1");
    },
  },
  "cgroup.kill": {
    ctrl: "",
    read: () => {
      throw new Errno("EINVAL");
    },
    write: (k, cg, data) => {
      if (data.trim() !== "1") throw new Errno("ERANGE");
      for (const p of subtree(k, cg)) sendSignal(k, p.pid, "KILL", 0);
    },
  },
  "cgroup.max.depth": { ctrl: "", rootToo: true, read: () => "max\n" },
  "cgroup.max.descendants": { ctrl: "", rootToo: true, read: () => "max\n" },
  "cgroup.stat": {
    ctrl: "",
    rootToo: true,
    read: (k, cg) => {
      const prefix = cg.path === "" ? "" : `${cg.path}/`;
      const n = Object.keys(k.w.cgroups).filter((p) => p !== cg.path && p.startsWith(prefix)).length;
      return `nr_descendants ${n}\nnr_dying_descendants 0\n`;
    },
  },
  "cpu.stat": {
    ctrl: "",
    rootToo: true,
    read: (k, cg) => {
      const s = cg.cpuStat;
      const base = `usage_usec ${s.usage}\nuser_usec ${s.user}\nsystem_usec ${s.system}\n`;
      if (cg.path === "" || !cgroupControllers(k, cg.path).includes("cpu")) return base;
      return `${base}nr_periods ${s.periods}\nnr_throttled ${s.throttled}\nthrottled_usec ${s.throttledUsec}\nnr_bursts 0\nburst_usec 0\n`;
    },
  },
  "cpu.max": {
    ctrl: "cpu",
    read: (_k, cg) => `${maxOr(cg.cpuMax.quota)} ${cg.cpuMax.period}\n`,
    write: (_k, cg, data) => {
      const [q, per] = data.trim().split(/\s+/);
      const quota = parseMax(q ?? "", false);
      const period = per === undefined ? cg.cpuMax.period : Number(per);
      if (!Number.isInteger(period) || period < 1000 || period > 1_000_000) throw new Errno("EINVAL");
      if (quota !== null && quota < 1000) throw new Errno("EINVAL");
      cg.cpuMax = { quota, period };
    },
  },
  "cpu.max.burst": { ctrl: "cpu", read: () => "0\n", write: () => {} },
  "cpu.weight": {
    ctrl: "cpu",
    read: (_k, cg) => `${cg.cpuWeight}\n`,
    write: (_k, cg, data) => {
      const s = data.trim();
      if (!/^\d+$/.test(s)) throw new Errno("EINVAL");
      const n = Number(s);
      if (n < 1 || n > 10000) throw new Errno("ERANGE");
      cg.cpuWeight = n;
    },
  },
  "cpu.weight.nice": { ctrl: "cpu", read: (_k, cg) => `${cg.cpuWeight === 100 ? 0 : Math.round(-Math.log(cg.cpuWeight / 100) / Math.log(1.25))}\n` },
  "cpu.idle": { ctrl: "cpu", read: () => "0\n", write: () => {} },
  "memory.current": { ctrl: "memory", read: (_k, cg) => `${cg.memoryCurrent}\n` },
  "memory.peak": { ctrl: "memory", read: (_k, cg) => `${cg.memoryPeak}\n` },
  "memory.max": {
    ctrl: "memory",
    read: (_k, cg) => `${maxOr(cg.memoryMax)}\n`,
    write: (k, cg, data) => {
      cg.memoryMax = parseMax(data, true);
      if (cg.memoryMax !== null && cg.memoryCurrent > cg.memoryMax) oomKill(k, cg.path);
    },
  },
  "memory.high": {
    ctrl: "memory",
    read: (_k, cg) => `${maxOr(cg.memoryHigh)}\n`,
    write: (_k, cg, data) => {
      cg.memoryHigh = parseMax(data, true);
    },
  },
  "memory.low": {
    ctrl: "memory",
    read: (_k, cg) => `${cg.memoryLow}\n`,
    write: (_k, cg, data) => {
      cg.memoryLow = parseMax(data, true) ?? Number.MAX_SAFE_INTEGER;
    },
  },
  "memory.min": {
    ctrl: "memory",
    read: (_k, cg) => `${cg.memoryMin}\n`,
    write: (_k, cg, data) => {
      cg.memoryMin = parseMax(data, true) ?? Number.MAX_SAFE_INTEGER;
    },
  },
  "memory.oom.group": {
    ctrl: "memory",
    read: (_k, cg) => `${cg.oomGroup ? 1 : 0}\n`,
    write: (_k, cg, data) => {
      cg.oomGroup = data.trim() === "1";
    },
  },
  "memory.events": {
    ctrl: "memory",
    read: (_k, cg) =>
      Object.entries(cg.memoryEvents)
        .map(([n, v]) => `${n} ${v}\n`)
        .join(""),
  },
  "memory.events.local": { ctrl: "memory", read: (k, cg) => KNOBS["memory.events"].read(k, cg) },
  "memory.stat": {
    ctrl: "memory",
    rootToo: true,
    read: (_k, cg) => {
      const anon = Math.floor(cg.memoryCurrent * 0.8);
      const file = cg.memoryCurrent - anon;
      return [
        `anon ${anon}`,
        `file ${file}`,
        "kernel 0",
        "kernel_stack 0",
        "pagetables 0",
        "sec_pagetables 0",
        "percpu 0",
        "sock 0",
        "vmalloc 0",
        "shmem 0",
        `file_mapped ${file}`,
        "file_dirty 0",
        "file_writeback 0",
        "swapcached 0",
        "anon_thp 0",
        "file_thp 0",
        "shmem_thp 0",
        `inactive_anon ${anon}`,
        "active_anon 0",
        `inactive_file ${file}`,
        "active_file 0",
        "unevictable 0",
        "slab_reclaimable 0",
        "slab_unreclaimable 0",
        "slab 0",
        "",
      ].join("\n");
    },
  },
  "memory.swap.current": { ctrl: "memory", read: () => "0\n" },
  "memory.swap.max": {
    ctrl: "memory",
    read: (_k, cg) => `${maxOr(cg.swapMax)}\n`,
    write: (_k, cg, data) => {
      cg.swapMax = parseMax(data, true);
    },
  },
  "memory.swap.events": { ctrl: "memory", read: () => "high 0\nmax 0\nfail 0\n" },
  "cpuset.cpus": {
    ctrl: "cpuset",
    read: (_k, cg) => `${cg.cpusetCpus ?? ""}\n`,
    write: (k, cg, data) => {
      const ids = parseCpuList(data);
      if (ids === null || ids.some((i) => i >= k.w.config.cpus)) throw new Errno("EINVAL");
      cg.cpusetCpus = formatCpuList(ids);
    },
  },
  "cpuset.cpus.effective": { ctrl: "cpuset", rootToo: true, read: (k, cg) => `${formatCpuList(effectiveSet(k, cg.path, "cpus"))}\n` },
  "cpuset.cpus.exclusive": { ctrl: "cpuset", read: () => "\n" },
  "cpuset.cpus.partition": { ctrl: "cpuset", read: () => "member\n" },
  "cpuset.mems": {
    ctrl: "cpuset",
    read: (_k, cg) => `${cg.cpusetMems ?? ""}\n`,
    write: (_k, cg, data) => {
      const ids = parseCpuList(data);
      if (ids === null || ids.some((i) => i > 0)) throw new Errno("EINVAL");
      cg.cpusetMems = formatCpuList(ids);
    },
  },
  "cpuset.mems.effective": { ctrl: "cpuset", rootToo: true, read: (k, cg) => `${formatCpuList(effectiveSet(k, cg.path, "mems"))}\n` },
  "io.weight": {
    ctrl: "io",
    read: (_k, cg) => `default ${cg.ioWeight ?? 100}\n`,
    write: (_k, cg, data) => {
      const m = /^(?:default\s+)?(\d+)$/.exec(data.trim());
      if (!m || Number(m[1]) < 1 || Number(m[1]) > 10000) throw new Errno(m ? "ERANGE" : "EINVAL");
      cg.ioWeight = Number(m[1]);
    },
  },
  "io.max": {
    ctrl: "io",
    read: (_k, cg) =>
      Object.entries(cg.ioMax ?? {})
        .map(([dev, l]) => `${dev} rbps=${maxOr(l.rbps)} wbps=${maxOr(l.wbps)} riops=${maxOr(l.riops)} wiops=${maxOr(l.wiops)}\n`)
        .join(""),
    write: (_k, cg, data) => {
      const [dev, ...kvs] = data.trim().split(/\s+/);
      if (!/^\d+:\d+$/.test(dev ?? "")) throw new Errno("EINVAL");
      const cur = { rbps: null, wbps: null, riops: null, wiops: null, ...(cg.ioMax?.[dev] ?? {}) };
      for (const kv of kvs) {
        const [key, v] = kv.split("=");
        if (!(key in cur) || v === undefined) throw new Errno("EINVAL");
        cur[key as keyof typeof cur] = parseMax(v, false);
      }
      const next = { ...(cg.ioMax ?? {}) };
      if (Object.values(cur).every((x) => x === null)) delete next[dev];
      else next[dev] = cur;
      cg.ioMax = next;
    },
  },
  "io.stat": { ctrl: "io", rootToo: true, read: () => "" },
  "pids.current": { ctrl: "pids", read: (_k, cg) => `${cg.pidsCurrent}\n` },
  "pids.peak": { ctrl: "pids", read: (_k, cg) => `${cg.pidsPeak}\n` },
  "pids.max": {
    ctrl: "pids",
    read: (_k, cg) => `${maxOr(cg.pidsMax)}\n`,
    write: (_k, cg, data) => {
      cg.pidsMax = parseMax(data, false);
    },
  },
  "pids.events": { ctrl: "pids", read: (_k, cg) => `max ${cg.pidsEvents}\n` },
};

function knobsOf(k: K, cg: Cgroup): string[] {
  const ctrls = cgroupControllers(k, cg.path);
  const isRoot = cg.path === "";
  return Object.keys(KNOBS)
    .filter((name) => {
      const kn = KNOBS[name];
      if (isRoot) return kn.rootToo === true;
      return kn.ctrl === "" || ctrls.includes(kn.ctrl);
    })
    .sort();
}

/** The cgroup path of a node inside this mount, or null when the node is a file. */
function abs(sb: CgroupFs, node: string): string {
  if (sb.root === "") return node;
  return node === "" ? sb.root : `${sb.root}/${node}`;
}

function resolve(k: K, sb: CgroupFs, node: string): { cg: Cgroup; file?: string } {
  const asDir = k.w.cgroups[abs(sb, node)];
  if (asDir) return { cg: asDir };
  const parent = k.w.cgroups[abs(sb, parentNode(node))];
  const name = node.slice(node.lastIndexOf("/") + 1);
  if (!parent || !knobsOf(k, parent).includes(name)) throw new Errno("ENOENT");
  return { cg: parent, file: name };
}

export const cgroupDriver: FsDriver = {
  ...syntheticWriteOps,
  root: () => "",
  lookup(h, sb, dir, name) {
    const k = h as unknown as K;
    const d = dir as string;
    if (name === "." || name === "") return d;
    if (name === "..") return parentNode(d);
    if (resolve(k, sb as CgroupFs, d).file) throw new Errno("ENOTDIR");
    const c = childNode(d, name);
    resolve(k, sb as CgroupFs, c);
    return c;
  },
  getattr(h, sb, node) {
    const k = h as unknown as K;
    const r = resolve(k, sb as CgroupFs, node as string);
    const t = k.w.clock.bootEpochUsec;
    const writable = r.file ? KNOBS[r.file].write !== undefined : true;
    const mode = r.file ? typeBits("file") | (writable ? 0o644 : 0o444) : typeBits("dir") | 0o755;
    return makeStat({ ino: hashIno(abs(sb as CgroupFs, node as string)), mode, nlink: r.file ? 1 : 2, uid: 0, gid: 0, size: 0, atime: t, mtime: t, ctime: t });
  },
  readdir(h, sb, dir) {
    const k = h as unknown as K;
    const d = dir as string;
    const r = resolve(k, sb as CgroupFs, d);
    if (r.file) throw new Errno("ENOTDIR");
    const prefix = r.cg.path === "" ? "" : `${r.cg.path}/`;
    const subdirs = Object.keys(k.w.cgroups)
      .filter((p) => p !== r.cg.path && p.startsWith(prefix) && !p.slice(prefix.length).includes("/"))
      .map((p) => p.slice(prefix.length));
    return [
      ...knobsOf(k, r.cg).map((name) => ({ name, ino: hashIno(`${r.cg.path}/${name}`), type: "file" as const })),
      ...subdirs.map((name) => ({ name, ino: hashIno(`${prefix}${name}`), type: "dir" as const })),
    ];
  },
  readlink: () => {
    throw new Errno("EINVAL");
  },
  read(h, sb, node) {
    const k = h as unknown as K;
    const r = resolve(k, sb as CgroupFs, node as string);
    if (!r.file) throw new Errno("EISDIR");
    return KNOBS[r.file].read(k, r.cg);
  },
  snapshot(h, sb, node) {
    return cgroupDriver.read(h, sb, node);
  },
  writeSynthetic(h, sb, node, data) {
    const k = h as unknown as K;
    const r = resolve(k, sb as CgroupFs, node as string);
    const knob = r.file ? KNOBS[r.file] : undefined;
    if (!knob?.write) throw new Errno(r.file ? "EACCES" : "EISDIR");
    knob.write(k, r.cg, data);
  },
  create(h, sb, dir, name, n) {
    const k = h as unknown as K;
    if (n.type !== "dir") throw new Errno("EACCES");
    const path = abs(sb as CgroupFs, childNode(dir as string, name));
    cgroupCreate(k, path);
    return childNode(dir as string, name);
  },
  rmdir(h, sb, dir, name) {
    const k = h as unknown as K;
    const path = abs(sb as CgroupFs, childNode(dir as string, name));
    if (!k.w.cgroups[path]) throw new Errno(resolve(k, sb as CgroupFs, childNode(dir as string, name)).file ? "ENOTDIR" : "ENOENT");
    cgroupRemove(k, path);
  },
  statfs: () => ({ bsize: 4096, blocks: 0, bfree: 0, files: 0, ffree: 0 }),
};
