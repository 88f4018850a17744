/**
 * The net.* sysctls of /proc/sys/net: per network namespace, as on Linux (a new namespace starts
 * from the defaults; `docker run --sysctl net.…` and writes change only the caller's namespace).
 */
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { ProcEntry } from "./procfs";

/** A few net sysctls and their defaults in a fresh namespace (path under /proc/sys). */
export const NET_SYSCTLS: Readonly<Record<string, string>> = {
  "net/core/somaxconn": "4096",
  "net/ipv4/ip_default_ttl": "64",
  "net/ipv4/ip_forward": "1",
  "net/ipv4/ip_local_port_range": "32768\t60999",
  "net/ipv4/ip_nonlocal_bind": "0",
  "net/ipv4/ip_unprivileged_port_start": "1024",
  "net/ipv4/ping_group_range": "1\t0",
  "net/ipv4/tcp_fin_timeout": "60",
  "net/ipv4/tcp_keepalive_time": "7200",
  "net/ipv4/tcp_syncookies": "1",
  "net/ipv6/conf/all/disable_ipv6": "0",
};

/** "net.ipv4.ip_forward" -> "net/ipv4/ip_forward". */
export function sysctlPath(key: string): string {
  return key.replace(/\./g, "/");
}

function netns(k: Kernel) {
  const p = k.w.procs[k.current] ?? k.w.procs[1];
  return k.w.ns[p.ns.net]?.net;
}

/** The value of a net sysctl in a namespace. */
export function netSysctl(k: Kernel, ns: number, path: string): string | undefined {
  return k.w.ns[ns]?.net?.sysctls?.[path] ?? NET_SYSCTLS[path];
}

/** Sets a net sysctl in a namespace (what writing its /proc/sys file does); values as written. */
export function setNetSysctl(k: Kernel, ns: number, path: string, value: string) {
  const net = k.w.ns[ns]?.net;
  if (!net || NET_SYSCTLS[path] === undefined) throw new Errno("ENOENT");
  const v = value.trim().split(/\s+/).join("\t");
  if (!/^-?\d+(\t-?\d+)*$/.test(v)) throw new Errno("EINVAL");
  net.sysctls = { ...(net.sysctls ?? {}), [path]: v };
}

/** The /proc/sys/net entries (directories and files) for PROC_FILES. */
export function netSysctlEntries(): Record<string, ProcEntry> {
  const out: Record<string, ProcEntry> = {};
  for (const path of Object.keys(NET_SYSCTLS)) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) out[`sys/${parts.slice(0, i).join("/")}`] = { type: "dir" };
    out[`sys/${path}`] = {
      type: "file",
      perm: 0o644,
      content: (k) => `${netns(k)?.sysctls?.[path] ?? NET_SYSCTLS[path]}\n`,
      write: (k, _pfs, _p, data) => {
        const p = k.w.procs[k.current] ?? k.w.procs[1];
        setNetSysctl(k, p.ns.net, path, data);
      },
    };
  }
  return out;
}
