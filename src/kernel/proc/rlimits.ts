/**
 * Resource limits (getrlimit/setrlimit) of a process, and /proc/PID/limits as Linux prints it
 * (fs/proc/base.c proc_pid_limits). A process without its own table has the defaults a process
 * started by systemd's docker.service passes on (dockerd's LimitNOFILE=infinity, etc.).
 */
import type { Kernel } from "../kernel";
import type { Process, Rlimits } from "../world";

/** The resources in the order of /proc/PID/limits: go-units name, label, unit. */
export const RLIMITS: ReadonlyArray<{ name: string; label: string; unit: string }> = [
  { name: "cpu", label: "Max cpu time", unit: "seconds" },
  { name: "fsize", label: "Max file size", unit: "bytes" },
  { name: "data", label: "Max data size", unit: "bytes" },
  { name: "stack", label: "Max stack size", unit: "bytes" },
  { name: "core", label: "Max core file size", unit: "bytes" },
  { name: "rss", label: "Max resident set", unit: "bytes" },
  { name: "nproc", label: "Max processes", unit: "processes" },
  { name: "nofile", label: "Max open files", unit: "files" },
  { name: "memlock", label: "Max locked memory", unit: "bytes" },
  { name: "as", label: "Max address space", unit: "bytes" },
  { name: "locks", label: "Max file locks", unit: "locks" },
  { name: "sigpending", label: "Max pending signals", unit: "signals" },
  { name: "msgqueue", label: "Max msgqueue size", unit: "bytes" },
  { name: "nice", label: "Max nice priority", unit: "" },
  { name: "rtprio", label: "Max realtime priority", unit: "" },
  { name: "rttime", label: "Max realtime timeout", unit: "us" },
];

/**
 * The kernel's initial limits: RLIMIT_NPROC and RLIMIT_SIGPENDING are half of max_threads
 * (RAM pages / 32 on x86-64, 16 KiB stacks), so they follow the machine's memory.
 */
export function defaultRlimits(k: Kernel): Rlimits {
  const threads = Math.floor(k.w.config.memTotal / 4096 / 64);
  return {
    cpu: [null, null],
    fsize: [null, null],
    data: [null, null],
    stack: [8 * 1024 * 1024, null],
    core: [0, null],
    rss: [null, null],
    nproc: [threads, threads],
    nofile: [1048576, 1048576],
    memlock: [8 * 1024 * 1024, 8 * 1024 * 1024],
    as: [null, null],
    locks: [null, null],
    sigpending: [threads, threads],
    msgqueue: [819200, 819200],
    nice: [0, 0],
    rtprio: [0, 0],
    rttime: [null, null],
  };
}

/** A process's limit of one resource: [soft, hard], null meaning unlimited. */
export function getRlimit(k: Kernel, p: Process, name: string): [number | null, number | null] {
  return p.rlimits?.[name] ?? defaultRlimits(k)[name] ?? [null, null];
}

/** Replaces some limits of a process (its children inherit the new table on fork). */
export function setRlimits(k: Kernel, p: Process, limits: Rlimits) {
  p.rlimits = { ...(p.rlimits ?? defaultRlimits(k)), ...limits };
}

/** /proc/PID/limits. */
export function limitsFile(k: Kernel, p: Process): string {
  const col = (v: number | null) => `${(v === null ? "unlimited" : String(v)).padEnd(20)} `;
  let out = `${"Limit".padEnd(25)} ${"Soft Limit".padEnd(20)} ${"Hard Limit".padEnd(20)} ${"Units".padEnd(10)}\n`;
  for (const r of RLIMITS) {
    const [soft, hard] = getRlimit(k, p, r.name);
    out += `${r.label.padEnd(25)} ${col(soft)}${col(hard)}${r.unit === "" ? "" : r.unit.padEnd(10)}\n`;
  }
  return out;
}
