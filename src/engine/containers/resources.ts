/**
 * A container's resource settings beyond memory/cpus/pids (cpuset, CFS period and quota, memory
 * reservation, block I/O, ulimits, oom_score_adj, /dev/shm size, sysctls, extra groups, devices,
 * log driver, cgroup parent): the daemon's checks (verifyPlatformContainerResources on a cgroup v2
 * host), and how runc applies them to the cgroup and the container's init.
 */
import type { Kernel } from "../../kernel";
import type { Cgroup, DiskFs, Loc, Process } from "../../kernel/world";
import { NET_SYSCTLS, setNetSysctl, sysctlPath } from "../../kernel/procfs/sysctl-net";
import { hostWalker } from "../hostfs";
import { formatCpuList, parseCpuList } from "../../kernel/cgroup/cpuset";
import { newCgroup } from "../../kernel/cgroup/cgroups";
import { setRlimits } from "../../kernel/proc/rlimits";
import { EngineError } from "../client";

export interface ThrottleDevice {
  Path: string;
  Rate: number;
}

export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
}

/** The HostConfig fields this module owns, with the Engine API's names and value shapes. */
export interface ResourceHostConfig {
  CpusetCpus: string;
  CpusetMems: string;
  CpuPeriod: number;
  CpuQuota: number;
  CpuRealtimePeriod: number;
  CpuRealtimeRuntime: number;
  MemoryReservation: number;
  MemorySwappiness: number | null;
  OomKillDisable: boolean | null;
  OomScoreAdj: number;
  BlkioWeight: number;
  BlkioWeightDevice: Array<{ Path: string; Weight: number }>;
  BlkioDeviceReadBps: ThrottleDevice[];
  BlkioDeviceWriteBps: ThrottleDevice[];
  BlkioDeviceReadIOps: ThrottleDevice[];
  BlkioDeviceWriteIOps: ThrottleDevice[];
  Devices: DeviceMapping[];
  DeviceCgroupRules: string[] | null;
  DeviceRequests: Array<{ Driver: string; Count: number; DeviceIDs: string[] | null; Capabilities: string[][]; Options: Record<string, string> }> | null;
  ShmSize: number;
  Ulimits: Array<{ Name: string; Hard: number; Soft: number }>;
  Sysctls: Record<string, string>;
  GroupAdd: string[] | null;
  LogConfig: { Type: string; Config: Record<string, string> };
  CgroupParent: string;
  StorageOpt: Record<string, string>;
  Runtime: string;
  Isolation: string;
  Annotations: Record<string, string>;
}

export const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;
const MIN_MEMORY = 6 * 1024 * 1024;

/** Log drivers dockerd has built in; the ones `docker logs` can read back. */
export const LOG_DRIVERS = ["awslogs", "etwlogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local", "logentries", "none", "splunk", "syslog"];
export const READABLE_LOG_DRIVERS = ["json-file", "local", "journald"];
const LOG_OPTS: Record<string, string[]> = {
  "json-file": ["max-file", "max-size", "compress", "labels", "labels-regex", "env", "env-regex", "tag"],
  local: ["max-file", "max-size", "compress"],
  none: [],
};

/** The fields as the record holds them, defaults filled in (records made before they existed too). */
export function resourcesOf(h: Partial<ResourceHostConfig>): ResourceHostConfig {
  return {
    CpusetCpus: h.CpusetCpus ?? "",
    CpusetMems: h.CpusetMems ?? "",
    CpuPeriod: h.CpuPeriod ?? 0,
    CpuQuota: h.CpuQuota ?? 0,
    CpuRealtimePeriod: h.CpuRealtimePeriod ?? 0,
    CpuRealtimeRuntime: h.CpuRealtimeRuntime ?? 0,
    MemoryReservation: h.MemoryReservation ?? 0,
    MemorySwappiness: h.MemorySwappiness ?? null,
    OomKillDisable: h.OomKillDisable ?? null,
    OomScoreAdj: h.OomScoreAdj ?? 0,
    BlkioWeight: h.BlkioWeight ?? 0,
    BlkioWeightDevice: h.BlkioWeightDevice ?? [],
    BlkioDeviceReadBps: h.BlkioDeviceReadBps ?? [],
    BlkioDeviceWriteBps: h.BlkioDeviceWriteBps ?? [],
    BlkioDeviceReadIOps: h.BlkioDeviceReadIOps ?? [],
    BlkioDeviceWriteIOps: h.BlkioDeviceWriteIOps ?? [],
    Devices: h.Devices ?? [],
    DeviceCgroupRules: h.DeviceCgroupRules ?? null,
    DeviceRequests: h.DeviceRequests ?? null,
    ShmSize: h.ShmSize || DEFAULT_SHM_SIZE,
    Ulimits: h.Ulimits ?? [],
    Sysctls: h.Sysctls ?? {},
    GroupAdd: h.GroupAdd ?? null,
    LogConfig: h.LogConfig ?? { Type: "json-file", Config: {} },
    CgroupParent: h.CgroupParent ?? "",
    StorageOpt: h.StorageOpt ?? {},
    Runtime: h.Runtime || "runc",
    Isolation: h.Isolation ?? "",
    Annotations: h.Annotations ?? {},
  };
}

/** The settings the memory/cpu checks also need (the record's own fields). */
interface BaseLimits {
  Memory?: number;
  MemorySwap?: number;
  NanoCpus?: number;
}

const bad = (msg: string) => new EngineError(msg, 400);

/**
 * The daemon's checks of the resource settings on create (update: on docker update), in its
 * order. Adjusts what it discards (as dockerd does) and returns the warnings to print.
 */
export function verifyResources(k: Kernel, h: Partial<ResourceHostConfig> & BaseLimits, update = false): string[] {
  const warnings: string[] = [];
  const memory = h.Memory ?? 0;
  const swap = h.MemorySwap ?? 0;
  // docker update checks the memory limits itself, against the container's (update.ts).
  if (!update) {
    if (memory !== 0 && memory < MIN_MEMORY) throw bad("Minimum memory limit allowed is 6MB");
    if (memory > 0 && swap > 0 && swap < memory) throw bad("Minimum memoryswap limit should be larger than memory limit, see usage");
    if (memory === 0 && swap > 0) throw bad("You should always set the Memory limit when using Memoryswap limit, see usage");
  }
  // fixMemorySwappiness: -1 means unset.
  if (h.MemorySwappiness === -1) h.MemorySwappiness = null;
  if (h.MemorySwappiness !== undefined && h.MemorySwappiness !== null) {
    // cgroup v2 has no memory.swappiness.
    warnings.push("Your kernel does not support memory swappiness capabilities or the cgroup is not mounted. Memory swappiness discarded.");
    h.MemorySwappiness = null;
  }
  const reservation = h.MemoryReservation ?? 0;
  if (reservation > 0 && reservation < MIN_MEMORY) throw bad("Minimum memory reservation allowed is 6MB");
  if (memory > 0 && reservation > 0 && memory < reservation) throw bad("Minimum memory limit can not be less than memory reservation limit, see usage");
  if (h.OomKillDisable !== undefined && h.OomKillDisable !== null) {
    // cgroup v2 cannot disable the OOM killer.
    if (h.OomKillDisable) warnings.push("Your kernel does not support OomKillDisable. OomKillDisable discarded.");
    h.OomKillDisable = null;
  }
  const nano = h.NanoCpus ?? 0;
  const period = h.CpuPeriod ?? 0;
  const quota = h.CpuQuota ?? 0;
  if (nano > 0 && period > 0) throw bad("Conflicting options: Nano CPUs and CPU Period cannot both be set");
  if (nano > 0 && quota > 0) throw bad("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
  // The range is the whole machine's (as many CPUs as the daemon sees), 0.01 as Windows words it.
  const cpus = k.w.config.cpus;
  if (nano < 0 || nano > cpus * 1e9) throw bad(`Range of CPUs is from 0.01 to ${cpus}.00, as there are only ${cpus} CPUs available`);
  if (period !== 0 && (period < 1000 || period > 1_000_000)) throw bad("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
  if (quota > 0 && quota < 1000) throw bad("CPU cfs quota can not be less than 1ms (i.e. 1000)");
  cpusetCheck(h.CpusetCpus ?? "", "cpus", "CPUs", k.w.config.cpus);
  cpusetCheck(h.CpusetMems ?? "", "mems", "memory nodes", 1);
  const weight = h.BlkioWeight ?? 0;
  if (weight > 0 && (weight < 10 || weight > 1000)) throw bad("Range of blkio weight is from 10 to 1000");
  if (update) return warnings;
  // validateResources (runconfig): no real-time group scheduling on cgroup v2.
  if ((h.CpuRealtimePeriod ?? 0) !== 0 || (h.CpuRealtimeRuntime ?? 0) !== 0) throw bad("kernel does not support CPU real-time scheduler");
  const adj = h.OomScoreAdj ?? 0;
  if (adj < -1000 || adj > 1000) throw bad(`Invalid value ${adj}, range for oom score adj is [-1000, 1000]`);
  if ((h.ShmSize ?? 0) < 0) throw bad("SHM size can not be less than 0");
  const parent = h.CgroupParent ?? "";
  // The systemd cgroup driver (cgroup v2 hosts) takes slices only.
  if (parent !== "" && (parent.length <= 6 || !parent.endsWith(".slice"))) throw bad('cgroup-parent for systemd cgroup should be a valid slice named as "xxx.slice"');
  const runtime = h.Runtime ?? "";
  if (runtime !== "" && runtime !== "runc" && runtime !== "io.containerd.runc.v2") throw bad(`unknown or invalid runtime name: ${runtime}`);
  const isolation = h.Isolation ?? "";
  if (isolation !== "" && isolation !== "default") throw bad(`invalid isolation (${isolation}): linux only supports 'default'`);
  if (Object.keys(h.StorageOpt ?? {}).length > 0) throw bad("--storage-opt is supported only for overlay over xfs with 'pquota' mount option");
  const log = h.LogConfig;
  if (log) {
    if (!LOG_DRIVERS.includes(log.Type)) throw bad(`error looking up logging plugin ${log.Type}: plugin "${log.Type}" not found`);
    const known = LOG_OPTS[log.Type];
    for (const key of Object.keys(log.Config)) {
      if (known && !known.includes(key)) throw bad(log.Type === "json-file" ? `unknown log opt '${key}' for json-file log driver` : `unknown log opt '${key}' for log driver ${log.Type}`);
    }
    const size = log.Config["max-size"];
    if (size !== undefined && !/^\d+(\.\d+)?\s*([kmgtp]i?b?)?$/i.test(size)) throw bad(`failed to initialize logging driver: invalid size: '${size}'`);
  }
  // No device driver (nvidia) is registered for GPU requests.
  for (const r of h.DeviceRequests ?? []) if (r.Driver === "") throw bad(`could not select device driver "" with capabilities: ${JSON.stringify(r.Capabilities).replace(/"/g, "").replace(/,/g, " ")}`);
  return warnings;
}

function cpusetCheck(spec: string, what: "cpus" | "mems", label: string, count: number) {
  if (spec === "") return;
  const ids = parseCpuList(spec);
  if (ids === null) throw bad(`Invalid value ${spec} for cpuset ${what}: invalid format: ${spec}`);
  if (ids.some((i) => i >= count)) throw bad(`Requested ${label} are not available - requested ${spec}, available: ${formatCpuList(Array.from({ length: count }, (_, i) => i))}`);
}

/** The cgroup a container's parent names (systemd driver): "a-b.slice" is a.slice/a-b.slice. */
export function sliceDir(parent: string): string {
  if (parent === "") return "system.slice";
  const name = parent.replace(/\.slice$/, "");
  const parts = name.split("-");
  const dirs: string[] = [];
  for (let i = 1; i <= parts.length; i++) dirs.push(`${parts.slice(0, i).join("-")}.slice`);
  return dirs.join("/");
}

/** Creates the slices above a container's cgroup (systemd does), with its controllers enabled. */
export function ensureSlice(k: Kernel, dir: string) {
  let path = "";
  for (const part of dir.split("/")) {
    const parentPath = path;
    path = path === "" ? part : `${path}/${part}`;
    if (k.w.cgroups[path]) continue;
    const parent = k.w.cgroups[parentPath];
    k.w.cgroups[path] = newCgroup(path, k.w.clock.nowUsec);
    if (parent && parent.subtreeControl.length === 0) parent.subtreeControl = ["cpuset", "cpu", "io", "memory", "pids"];
    k.w.cgroups[path].subtreeControl = ["cpuset", "cpu", "io", "memory", "pids"];
  }
}

/** Block devices of the simulated host, by path: major:minor (for io.max lines). */
function blockDevice(path: string): string {
  const m = /^\/dev\/(?:sd|vd|xvd)([a-z])(\d*)$/.exec(path);
  return m ? `8:${(m[1].charCodeAt(0) - 97) * 16 + Number(m[2] || 0)}` : "8:0";
}

/**
 * runc's cgroup v2 settings for what this module owns (after the base limits): cpuset.cpus/mems,
 * cpu.max from the CFS period and quota, memory.low from the reservation, io.weight (blkio weight
 * converted to the v2 range) and io.max from the throttles.
 */
export function applyCgroupResources(cg: Cgroup, h: Partial<ResourceHostConfig> & BaseLimits) {
  const r = resourcesOf(h);
  cg.cpusetCpus = r.CpusetCpus === "" ? "" : formatCpuList(parseCpuList(r.CpusetCpus) ?? []);
  cg.cpusetMems = r.CpusetMems === "" ? "" : formatCpuList(parseCpuList(r.CpusetMems) ?? []);
  if (!(h.NanoCpus && h.NanoCpus > 0) && (r.CpuPeriod !== 0 || r.CpuQuota !== 0)) {
    cg.cpuMax = { quota: r.CpuQuota > 0 ? r.CpuQuota : null, period: r.CpuPeriod || 100_000 };
  }
  cg.memoryLow = r.MemoryReservation;
  cg.ioWeight = r.BlkioWeight > 0 ? Math.floor(1 + ((r.BlkioWeight - 10) * 9999) / 990) : 100;
  const io: NonNullable<Cgroup["ioMax"]> = {};
  const put = (list: ThrottleDevice[], key: "rbps" | "wbps" | "riops" | "wiops") => {
    for (const d of list) {
      const dev = blockDevice(d.Path);
      io[dev] = { ...(io[dev] ?? { rbps: null, wbps: null, riops: null, wiops: null }), [key]: d.Rate };
    }
  };
  put(r.BlkioDeviceReadBps, "rbps");
  put(r.BlkioDeviceWriteBps, "wbps");
  put(r.BlkioDeviceReadIOps, "riops");
  put(r.BlkioDeviceWriteIOps, "wiops");
  cg.ioMax = io;
}

/** What runc sets on the container's init: its rlimits (--ulimit) and oom_score_adj. */
export function applyProcessResources(k: Kernel, p: Process, h: Partial<ResourceHostConfig>) {
  const r = resourcesOf(h);
  p.oomScoreAdj = r.OomScoreAdj;
  if (r.Ulimits.length === 0) return;
  const limits: Record<string, [number | null, number | null]> = {};
  for (const u of r.Ulimits) limits[u.Name] = [u.Soft < 0 ? null : u.Soft, u.Hard < 0 ? null : u.Hard];
  setRlimits(k, p, limits);
}

/**
 * --group-add: names are looked up in the container's /etc/group (numbers are taken as they are);
 * the result joins the user's own groups, sorted as the kernel keeps them.
 */
export function addedGroups(groupFile: string, names: string[] | null, base: number[]): number[] | string {
  const out = new Set(base);
  for (const g of names ?? []) {
    if (/^\d+$/.test(g)) {
      out.add(Number(g));
      continue;
    }
    const line = groupFile.split("\n").find((l) => l.split(":")[0] === g);
    if (!line) return `Unable to find group ${g}: no matching entries in group file`;
    out.add(Number(line.split(":")[2]));
  }
  return [...out].sort((a, b) => a - b);
}

/** The size option of the /dev/shm mount (tmpfs shows whole KiB of whole pages). */
export function shmSizeOption(bytes: number): string {
  return `size=${Math.ceil(bytes / 4096) * 4}k`;
}

/** A device node of the host (--device): its type, permissions and numbers; null when missing. */
export function hostDevice(k: Kernel, path: string): { type: "char" | "block"; perm: number; rdev: [number, number]; gid: number } | null {
  const loc = k.vfs.tryWalk(hostWalker(k), path, true);
  if (loc === null) return null;
  const st = k.vfs.stat(loc);
  if (st.type !== "char" && st.type !== "block") return null;
  return { type: st.type, perm: st.mode & 0o7777, rdev: st.rdev ?? [0, 0], gid: st.gid };
}

/** The daemon's check of --device sources (at create). */
export function verifyDevices(k: Kernel, devices: DeviceMapping[]) {
  for (const d of devices)
    if (hostDevice(k, d.PathOnHost) === null) throw bad(`error gathering device information while adding custom device "${d.PathOnHost}": no such file or directory`);
}

/** Makes the --device nodes in the container's fresh /dev (a tmpfs), as runc mknods them. */
export function addDevices(k: Kernel, devFs: DiskFs, devices: DeviceMapping[]) {
  if (devices.length === 0) return;
  const drv = k.vfs.drv(devFs.id);
  const sb = k.vfs.sb(devFs.id);
  for (const d of devices) {
    const dev = hostDevice(k, d.PathOnHost);
    if (!dev || !d.PathInContainer.startsWith("/dev/")) continue;
    let dir: string | number = devFs.rootIno;
    const parts = d.PathInContainer.slice(5).split("/").filter(Boolean);
    const name = parts.pop();
    if (!name) continue;
    for (const part of parts) {
      try {
        dir = drv.lookup(k, sb, dir, part);
      } catch {
        dir = drv.create(k, sb, dir, part, { type: "dir", perm: 0o755, uid: 0, gid: 0 });
      }
    }
    try {
      drv.unlink(k, sb, dir, name);
    } catch {
      // nothing there yet
    }
    drv.create(k, sb, dir, name, { type: dev.type, perm: dev.perm, uid: 0, gid: dev.gid, rdev: dev.rdev });
  }
}

/** A file of the container's root filesystem ("" when missing). */
export function readIn(k: Kernel, root: Loc, path: string): string {
  const loc = k.vfs.tryWalk({ root, cwd: root, cred: { uid: 0, gid: 0, groups: [] } }, path, true);
  if (loc === null) return "";
  try {
    return k.vfs.drv(loc.fs).read(k, k.vfs.sb(loc.fs), loc.node);
  } catch {
    return "";
  }
}

/** The net sysctls docker sets in a container's namespace (unprivileged low ports and ping). */
const DOCKER_NET_SYSCTLS: Readonly<Record<string, string>> = Object.freeze({
  "net/ipv4/ip_unprivileged_port_start": "0",
  "net/ipv4/ping_group_range": "0\t2147483647",
});

/**
 * The sysctls runc writes into the container's network namespace: docker's defaults (any user may
 * bind low ports and ping), then --sysctl net.* (the IPC ones have no model here).
 */
export function applyNetSysctls(k: Kernel, netns: number, h: Partial<ResourceHostConfig>) {
  const net = k.w.ns[netns].net!;
  // What every container gets, in one object they share (sysctl writes replace it, see sysctl-net.ts).
  if (net.sysctls === undefined) net.sysctls = DOCKER_NET_SYSCTLS;
  else {
    setNetSysctl(k, netns, "net/ipv4/ip_unprivileged_port_start", "0");
    setNetSysctl(k, netns, "net/ipv4/ping_group_range", "0 2147483647");
  }
  for (const [key, value] of Object.entries(h.Sysctls ?? {})) {
    const path = sysctlPath(key);
    if (key.startsWith("net.") && NET_SYSCTLS[path] !== undefined) setNetSysctl(k, netns, path, value);
  }
}

/**
 * Why the log driver cannot start (the daemon's "failed to initialize logging driver"), if so:
 * syslog and journald need their sockets on the host, fluentd its collector.
 */
export function logDriverStartError(k: Kernel, h: Partial<ResourceHostConfig>): string | undefined {
  const { Type, Config } = resourcesOf(h).LogConfig;
  const has = (path: string) => k.vfs.tryWalk(hostWalker(k), path, true) !== null;
  if (Type === "syslog" && !Config["syslog-address"] && !has("/dev/log") && !has("/var/run/syslog") && !has("/var/run/log"))
    return "failed to initialize logging driver: Unix syslog delivery error";
  if (Type === "journald" && !has("/run/systemd/journal/socket")) return "failed to initialize logging driver: journald is not enabled on this host";
  if (Type === "fluentd" && !Config["fluentd-address"]) return "failed to initialize logging driver: dial tcp 127.0.0.1:24224: connect: connection refused";
  return undefined;
}
