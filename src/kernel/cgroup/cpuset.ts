/**
 * The cpuset controller: cpuset.cpus / cpuset.mems lists ("0-2,4") and the effective sets a cgroup
 * gets from its ancestors (what /proc/PID/status shows as Cpus_allowed_list).
 */
import type { Kernel } from "../kernel";
import { cgroupChain } from "./cgroups";

/** Parses a cpu list ("0-2,4"); null when malformed ("" is the empty set). */
export function parseCpuList(spec: string): number[] | null {
  const out = new Set<number>();
  if (spec.trim() === "") return [];
  for (const part of spec.trim().split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return null;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo || hi > 8191) return null;
    for (let i = lo; i <= hi; i++) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** Formats a sorted set as the kernel prints lists: ranges joined by commas. */
export function formatCpuList(ids: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
    parts.push(i === j ? String(ids[i]) : `${ids[i]}-${ids[j]}`);
    i = j;
  }
  return parts.join(",");
}

/** The CPUs (or memory nodes) a cgroup may use: its own list within each ancestor's. */
export function effectiveSet(k: Kernel, path: string, which: "cpus" | "mems"): number[] {
  const all = which === "cpus" ? Array.from({ length: k.w.config.cpus }, (_, i) => i) : [0];
  let set = all;
  for (const p of cgroupChain(path).reverse()) {
    const cg = k.w.cgroups[p];
    const own = which === "cpus" ? cg?.cpusetCpus : cg?.cpusetMems;
    if (!own) continue;
    const mine = parseCpuList(own) ?? [];
    const narrowed = set.filter((c) => mine.includes(c));
    // An empty intersection falls back to the parent's (cgroup v2 rule for effective sets).
    if (narrowed.length > 0) set = narrowed;
  }
  return set;
}

/** The hex mask of /proc/PID/status (Cpus_allowed), 32 bits per comma-separated word. */
export function cpuMask(ids: number[], total: number): string {
  const words = Math.max(1, Math.ceil(total / 32));
  const out: string[] = [];
  for (let w = words - 1; w >= 0; w--) {
    let v = 0;
    for (const id of ids) if (id >= w * 32 && id < (w + 1) * 32) v |= 1 << (id - w * 32);
    out.push((v >>> 0).toString(16).padStart(w === words - 1 ? 1 : 8, "0"));
  }
  return out.join(",");
}
