/**
 * cgroup v2 accounting and limits: memory (memory.max and the OOM killer), cpu (cpu.max quota per
 * period, cpu.weight, cpu.stat) and pids (pids.max makes fork fail with EAGAIN).
 */
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { Cgroup } from "../world";
import { sendSignal } from "../proc/signal";

export const ROOT_CONTROLLERS = ["cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc"];

export function newCgroup(path: string, now: number): Cgroup {
  return {
    path,
    subtreeControl: [],
    memoryMax: null,
    memoryHigh: null,
    memoryMin: 0,
    memoryLow: 0,
    swapMax: null,
    oomGroup: false,
    memoryCurrent: 0,
    memoryPeak: 0,
    memoryEvents: { low: 0, high: 0, max: 0, oom: 0, oom_kill: 0, oom_group_kill: 0 },
    cpuMax: { quota: null, period: 100_000 },
    cpuWeight: 100,
    cpuStat: { usage: 0, user: 0, system: 0, periods: 0, throttled: 0, throttledUsec: 0 },
    cpuPeriodUsed: 0,
    cpuPeriodStart: now,
    cpuThrottledThisPeriod: false,
    pidsMax: null,
    pidsCurrent: 0,
    pidsPeak: 0,
    pidsEvents: 0,
    frozen: false,
  };
}

/** The cgroup and its ancestors, leaf first, ending with the root (""). */
export function cgroupChain(path: string): string[] {
  const out: string[] = [];
  let p = path;
  for (;;) {
    out.push(p);
    if (p === "") return out;
    const i = p.lastIndexOf("/");
    p = i < 0 ? "" : p.slice(0, i);
  }
}

export function parentCgroup(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** Controllers available in a cgroup: those its parent enables for its children. */
export function cgroupControllers(k: Kernel, path: string): string[] {
  if (path === "") return ROOT_CONTROLLERS;
  return k.w.cgroups[parentCgroup(path)]?.subtreeControl ?? [];
}

export function cgroupCreate(k: Kernel, path: string) {
  if (k.w.cgroups[path]) throw new Errno("EEXIST");
  if (!k.w.cgroups[parentCgroup(path)]) throw new Errno("ENOENT");
  k.w.cgroups[path] = newCgroup(path, k.w.clock.nowUsec);
}

export function cgroupRemove(k: Kernel, path: string) {
  const cg = k.w.cgroups[path];
  if (!cg || path === "") throw new Errno(path === "" ? "EBUSY" : "ENOENT");
  const prefix = `${path}/`;
  if (Object.keys(k.w.cgroups).some((p) => p.startsWith(prefix))) throw new Errno("EBUSY");
  if (Object.values(k.w.procs).some((p) => p.cgroup === path && p.state !== "Z")) throw new Errno("EBUSY");
  delete k.w.cgroups[path];
}

/** fork() charges a task to every cgroup on the path; at any pids.max it fails with EAGAIN. */
export function cgroupChargePids(k: Kernel, path: string) {
  const chain = cgroupChain(path).map((p) => k.w.cgroups[p]).filter(Boolean);
  for (const cg of chain) {
    if (cg.pidsMax !== null && cg.pidsCurrent + 1 > cg.pidsMax) {
      cg.pidsEvents++;
      throw new Errno("EAGAIN");
    }
  }
  for (const cg of chain) {
    cg.pidsCurrent++;
    cg.pidsPeak = Math.max(cg.pidsPeak, cg.pidsCurrent);
  }
}

export function cgroupUnchargePids(k: Kernel, path: string) {
  for (const p of cgroupChain(path)) {
    const cg = k.w.cgroups[p];
    if (cg) cg.pidsCurrent = Math.max(0, cg.pidsCurrent - 1);
  }
}

/** Moves a task's charges from one cgroup to another (writing cgroup.procs). */
export function cgroupMigrate(k: Kernel, pid: number, to: string) {
  const p = k.w.procs[pid];
  if (!k.w.cgroups[to]) throw new Errno("ENOENT");
  if (p.cgroup === to) return;
  cgroupMemory(k, p.cgroup, -p.rss, false);
  cgroupUnchargePids(k, p.cgroup);
  p.cgroup = to;
  for (const path of cgroupChain(to)) {
    const cg = k.w.cgroups[path];
    if (!cg) continue;
    cg.pidsCurrent++;
    cg.pidsPeak = Math.max(cg.pidsPeak, cg.pidsCurrent);
  }
  cgroupMemory(k, to, p.rss);
}

/**
 * Charges (or, negative, uncharges) memory along the path. A charge beyond a memory.max runs the
 * OOM killer in that cgroup: the process using the most memory in it gets SIGKILL.
 */
export function cgroupMemory(k: Kernel, path: string, delta: number, enforce = true) {
  if (delta === 0) return;
  for (const p of cgroupChain(path)) {
    const cg = k.w.cgroups[p];
    if (!cg) continue;
    cg.memoryCurrent = Math.max(0, cg.memoryCurrent + delta);
    cg.memoryPeak = Math.max(cg.memoryPeak, cg.memoryCurrent);
  }
  if (!enforce || delta < 0) return;
  for (const p of cgroupChain(path)) {
    const cg = k.w.cgroups[p];
    if (cg && cg.memoryMax !== null && cg.memoryCurrent > cg.memoryMax) oomKill(k, p);
  }
}

/** The OOM killer, scoped to one cgroup (memory.max was exceeded there). */
export function oomKill(k: Kernel, path: string) {
  const cg = k.w.cgroups[path];
  const prefix = path === "" ? "" : `${path}/`;
  let guard = 0;
  while (cg.memoryMax !== null && cg.memoryCurrent > cg.memoryMax && guard++ < 1000) {
    const victims = Object.values(k.w.procs).filter(
      (p) => p.state !== "Z" && (p.cgroup === path || p.cgroup.startsWith(prefix) || path === ""),
    );
    if (victims.length === 0) return;
    victims.sort((a, b) => b.rss - a.rss || b.pid - a.pid);
    cg.memoryEvents.max++;
    cg.memoryEvents.oom++;
    cg.memoryEvents.oom_kill++;
    sendSignal(k, victims[0].pid, "KILL", 0);
  }
}

/** CPU time (µs) left to a cgroup path in the current cpu.max period (the tightest ancestor). */
export function cgroupQuotaLeft(k: Kernel, path: string, now: number): number {
  let left = Number.POSITIVE_INFINITY;
  for (const p of cgroupChain(path)) {
    const cg = k.w.cgroups[p];
    if (!cg || cg.cpuMax.quota === null) continue;
    rollPeriod(cg, now);
    left = Math.min(left, Math.max(0, cg.cpuMax.quota - cg.cpuPeriodUsed));
  }
  return left;
}

function rollPeriod(cg: Cgroup, now: number) {
  const period = cg.cpuMax.period;
  if (now < cg.cpuPeriodStart + period) return;
  const n = Math.floor((now - cg.cpuPeriodStart) / period);
  cg.cpuPeriodStart += n * period;
  cg.cpuPeriodUsed = 0;
  cg.cpuThrottledThisPeriod = false;
}

export function cgroupCpuAccount(k: Kernel, path: string, usec: number) {
  const system = Math.floor(usec / 4);
  for (const p of cgroupChain(path)) {
    const cg = k.w.cgroups[p];
    if (!cg) continue;
    cg.cpuStat.usage += usec;
    cg.cpuStat.system += system;
    cg.cpuStat.user += usec - system;
    if (cg.cpuMax.quota !== null) cg.cpuPeriodUsed += usec;
  }
}

/** Period bookkeeping after a tick: nr_periods, nr_throttled, throttled_usec. */
export function cgroupThrottle(k: Kernel, throttled: Set<string>, dt: number, now: number) {
  for (const cg of Object.values(k.w.cgroups)) {
    if (cg.cpuMax.quota === null) continue;
    const before = cg.cpuPeriodStart;
    rollPeriod(cg, now);
    if (throttled.has(cg.path)) {
      cg.cpuStat.throttledUsec += dt;
      if (!cg.cpuThrottledThisPeriod) {
        cg.cpuThrottledThisPeriod = true;
        cg.cpuStat.throttled++;
      }
    }
    if (now + dt >= before + cg.cpuMax.period) cg.cpuStat.periods++;
  }
}

/** Is the cgroup, or one of its ancestors, frozen (cgroup.freeze = 1)? */
export function cgroupFrozen(k: Kernel, path: string): boolean {
  return cgroupChain(path).some((p) => k.w.cgroups[p]?.frozen);
}

/** cgroup.freeze: frozen tasks are parked by the scheduler; thawing puts them back to run. */
export function cgroupSetFrozen(k: Kernel, path: string, frozen: boolean) {
  const cg = k.w.cgroups[path];
  if (!cg) return;
  cg.frozen = frozen;
  if (frozen) return;
  for (const pid of [...k.parked]) {
    const p = k.w.procs[pid];
    if (!p || p.state === "Z") {
      k.parked.delete(pid);
      continue;
    }
    if (cgroupFrozen(k, p.cgroup)) continue;
    k.parked.delete(pid);
    if (k.rt.get(pid)?.cpuDebt && p.wait?.kind === "cpu") k.hungry.add(pid);
    else k.runQueue.push(pid);
  }
}
