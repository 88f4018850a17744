/** Files of /proc/PID: status, stat, cmdline, environ, cgroup, mounts, mountinfo, uid_map, ... */
import { Errno } from "../errno";
import type { Kernel } from "../kernel";
import type { Process, ProcFs } from "../world";
import { mountTable } from "../fs/mount";
import { pidIn } from "../proc/process";
import { signalNumber } from "../proc/signals";
import type { ProcEntry } from "./procfs";
import { capHex } from "../caps";
import { cpuMask, effectiveSet, formatCpuList } from "../cgroup/cpuset";
import { limitsFile } from "../proc/rlimits";
import { loginuidOf, sessionidOf, writeLoginuid } from "./loginuid";

const STATE_NAMES: Record<Process["state"], string> = {
  R: "R (running)",
  S: "S (sleeping)",
  D: "D (disk sleep)",
  T: "T (stopped)",
  Z: "Z (zombie)",
};

/** Clock ticks (USER_HZ = 100) from microseconds. */
const ticks = (us: number) => Math.floor(us / 10_000);
const kb = (bytes: number) => Math.ceil(bytes / 1024);

function pad8(n: number): string {
  return `${String(n).padStart(8)} kB`;
}

function sigMask(p: Process, which: "ignore" | "handler"): string {
  let mask = 0n;
  for (const [sig, d] of Object.entries(p.disp)) if (d === which) mask |= 1n << BigInt(signalNumber(sig as never) - 1);
  return mask.toString(16).padStart(16, "0");
}

/** A process's pids in the namespaces from the procfs's own down to the process's. */
function nsChain(k: Kernel, pfs: ProcFs, of: number): string {
  const level = k.w.ns[pfs.pidns].pid!.level;
  const q = k.w.procs[of];
  if (!q) return "0";
  return q.nspid.slice(level).join("\t");
}

function status(k: Kernel, pfs: ProcFs, p: Process): string {
  const pid = pidIn(k, p, pfs.pidns);
  const parent = k.w.procs[p.ppid];
  const ppid = parent ? pidIn(k, parent, pfs.pidns) : 0;
  const groups = p.groups.length > 0 ? `${p.groups.join(" ")} ` : " ";
  const zombie = p.state === "Z";
  const vm = zombie
    ? ""
    : [
        `VmPeak:\t${pad8(kb(p.vsz))}`,
        `VmSize:\t${pad8(kb(p.vsz))}`,
        `VmLck:\t${pad8(0)}`,
        `VmPin:\t${pad8(0)}`,
        `VmHWM:\t${pad8(kb(p.rss))}`,
        `VmRSS:\t${pad8(kb(p.rss))}`,
        `RssAnon:\t${pad8(kb(p.rss / 4))}`,
        `RssFile:\t${pad8(kb(p.rss) - kb(p.rss / 4))}`,
        `RssShmem:\t${pad8(0)}`,
        `VmData:\t${pad8(kb(p.rss / 2))}`,
        `VmStk:\t${pad8(132)}`,
        `VmExe:\t${pad8(kb(p.rss / 8))}`,
        `VmLib:\t${pad8(kb(p.rss / 2))}`,
        `VmPTE:\t${pad8(48)}`,
        `VmSwap:\t${pad8(0)}`,
        `HugetlbPages:\t${pad8(0)}`,
      ].join("\n") + "\n";
  return (
    [
      `Name:\t${p.comm}`,
      `Umask:\t${p.umask.toString(8).padStart(4, "0")}`,
      `State:\t${STATE_NAMES[p.state]}`,
      `Tgid:\t${pid}`,
      "Ngid:\t0",
      `Pid:\t${pid}`,
      `PPid:\t${ppid}`,
      "TracerPid:\t0",
      `Uid:\t${p.uid}\t${p.euid}\t${p.euid}\t${p.euid}`,
      `Gid:\t${p.gid}\t${p.egid}\t${p.egid}\t${p.egid}`,
      "FDSize:\t64",
      `Groups:\t${groups}`,
      `NStgid:\t${nsChain(k, pfs, p.pid)}`,
      `NSpid:\t${nsChain(k, pfs, p.pid)}`,
      `NSpgid:\t${nsChain(k, pfs, p.pgid)}`,
      `NSsid:\t${nsChain(k, pfs, p.sid)}`,
      "Kthread:\t0",
    ].join("\n") +
    "\n" +
    vm +
    [
      "CoreDumping:\t0",
      "THP_enabled:\t1",
      "untag_mask:\t0xffffffffffffffff",
      `Threads:\t1`,
      "SigQ:\t0/96365",
      "SigPnd:\t0000000000000000",
      "ShdPnd:\t0000000000000000",
      "SigBlk:\t0000000000000000",
      `SigIgn:\t${sigMask(p, "ignore")}`,
      `SigCgt:\t${sigMask(p, "handler")}`,
      `CapInh:\t${capHex(p.caps.inheritable)}`,
      `CapPrm:\t${capHex(p.caps.permitted)}`,
      `CapEff:\t${capHex(p.caps.effective)}`,
      `CapBnd:\t${capHex(p.caps.bounding)}`,
      `CapAmb:\t${capHex(p.caps.ambient)}`,
      `NoNewPrivs:\t${p.noNewPrivs ? 1 : 0}`,
      `Seccomp:\t${p.seccomp.mode}`,
      `Seccomp_filters:\t${p.seccomp.filters}`,
      "Speculation_Store_Bypass:\tthread vulnerable",
      "SpeculationIndirectBranch:\tconditional enabled",
      `Cpus_allowed:\t${cpuMask(effectiveSet(k, p.cgroup, "cpus"), k.w.config.cpus)}`,
      `Cpus_allowed_list:\t${formatCpuList(effectiveSet(k, p.cgroup, "cpus"))}`,
      "Mems_allowed:\t00000000,00000001",
      "Mems_allowed_list:\t0",
      "voluntary_ctxt_switches:\t0",
      "nonvoluntary_ctxt_switches:\t0",
    ].join("\n") +
    "\n"
  );
}

/** /proc/PID/stat: the 52 fields ps and top read. */
function stat(k: Kernel, pfs: ProcFs, p: Process): string {
  const at = (g: number) => {
    const q = k.w.procs[g];
    return q ? pidIn(k, q, pfs.pidns) : 0;
  };
  const tty = p.tty !== null ? (136 << 8) | k.w.ttys[p.tty]?.id : 0;
  const tpgid = p.tty !== null ? at(k.w.ttys[p.tty]?.fgPgrp ?? 0) || -1 : -1;
  const utime = ticks(p.cpuUsec - Math.floor(p.cpuUsec / 4));
  const stime = ticks(Math.floor(p.cpuUsec / 4));
  const fields = [
    pidIn(k, p, pfs.pidns),
    `(${p.comm})`,
    p.state,
    at(p.ppid),
    at(p.pgid),
    at(p.sid),
    tty,
    tpgid,
    4194560,
    100,
    0,
    0,
    0,
    utime,
    stime,
    0,
    0,
    20 + p.nice,
    p.nice,
    1,
    0,
    ticks(p.startUsec),
    p.vsz,
    Math.ceil(p.rss / 4096),
    "18446744073709551615",
    ...Array(25).fill(0),
    0,
    0,
    0,
  ];
  fields[37] = 17;
  return `${fields.slice(0, 52).join(" ")}\n`;
}

function mountOpts(m: { readonly: boolean; options: string[] }): string {
  return [m.readonly ? "ro" : "rw", ...m.options].join(",");
}

function mounts(k: Kernel, p: Process): string {
  return mountTable(k, p.ns.mnt, p.root)
    .map(({ m, path }) => `${m.source} ${escapeMount(path)} ${m.fstype} ${mountOpts(m)} 0 0\n`)
    .join("");
}

function escapeMount(s: string): string {
  return s.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`);
}

function mountinfo(k: Kernel, p: Process): string {
  return mountTable(k, p.ns.mnt, p.root)
    .map(({ m, path }) => {
      const sb = k.w.fs[m.fs];
      const dev = devString(sb.dev);
      const root = rootInFs(k, m);
      const flags = [m.readonly ? "ro" : "rw", ...m.options.filter((o) => ["nosuid", "nodev", "noexec", "relatime", "noatime"].includes(o))];
      const superOpts = [m.readonly ? "ro" : "rw", ...m.options.filter((o) => !["nosuid", "nodev", "noexec", "relatime", "noatime"].includes(o))];
      return `${m.id} ${m.parent} ${dev} ${escapeMount(root)} ${escapeMount(path)} ${flags.join(",")} - ${m.fstype} ${m.source} ${superOpts.join(",")}\n`;
    })
    .join("");
}

export function devString(dev: number): string {
  return `${dev >> 8}:${dev & 0xff}`;
}

function rootInFs(k: Kernel, m: { fs: string; root: string | number }): string {
  const sb = k.w.fs[m.fs];
  const drv = k.driver(sb);
  if (m.root === drv.root(k, sb)) return "/";
  if (typeof m.root === "string") return `/${m.root}`;
  const parts: string[] = [];
  let node = m.root as number;
  const disk = sb as import("../world").DiskFs;
  for (let guard = 0; guard < 256 && disk.inodes?.[node] && node !== disk.rootIno; guard++) {
    parts.unshift(disk.inodes[node].name ?? "");
    node = disk.inodes[node].parent ?? disk.rootIno;
  }
  return `/${parts.join("/")}`;
}

function cgroupFile(k: Kernel, p: Process, viewer: Process | undefined): string {
  const root = viewer ? (k.w.ns[viewer.ns.cgroup].cgroup?.root ?? "") : "";
  let path = p.cgroup;
  if (root !== "" && (path === root || path.startsWith(`${root}/`))) path = path.slice(root.length);
  else if (root !== "") path = `/..${path === "" ? "" : `/${path}`}`;
  if (!path.startsWith("/")) path = `/${path}`;
  return `0::${path}\n`;
}

function idMap(k: Kernel, p: Process, which: "uidMap" | "gidMap"): string {
  const ns = k.w.ns[p.ns.user].user!;
  const map = ns[which];
  if (p.ns.user === k.w.initNs.user) return `${"0".padStart(10)}${"0".padStart(11)}${"4294967295".padStart(11)}\n`;
  return map.map(([a, b, c]) => `${String(a).padStart(10)}${String(b).padStart(11)}${String(c).padStart(11)}\n`).join("");
}

function writeIdMap(k: Kernel, p: Process, which: "uidMap" | "gidMap", data: string) {
  const ns = k.w.ns[p.ns.user];
  if (!ns.user || ns.user[which].length > 0) throw new Errno("EPERM");
  const rows = data
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
  if (rows.some((r) => r.length !== 3 || r.some((n) => !Number.isFinite(n)))) throw new Errno("EINVAL");
  ns.user[which] = rows;
}

/** Little-endian hex of an IPv4 address, as /proc/net shows addresses. */
function hexIp(ip: string): string {
  return ip
    .split(".")
    .reverse()
    .map((o) => Number(o).toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
}

function prefixMask(bits: number): string {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return hexIp([24, 16, 8, 0].map((s) => (mask >>> s) & 255).join("."));
}

function netDev(k: Kernel, p: Process): string {
  const net = k.w.ns[p.ns.net].net!;
  const head =
    "Inter-|   Receive                                                |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";
  const row = (i: (typeof net.ifaces)[number]) =>
    `${i.name.padStart(6)}:${String(i.rxBytes).padStart(8)} ${String(i.rxPackets).padStart(7)}    0    0    0     0          0         0 ${String(i.txBytes).padStart(8)} ${String(i.txPackets).padStart(7)}    0    0    0     0       0          0\n`;
  return head + net.ifaces.map(row).join("");
}

function netRoute(k: Kernel, p: Process): string {
  const net = k.w.ns[p.ns.net].net!;
  const pad = (l: string) => `${l.padEnd(127)}\n`;
  const rows = net.routes.map((r) => {
    const [dst, bits] = r.dst === "default" ? ["0.0.0.0", "0"] : r.dst.split("/");
    const flags = (r.via ? 0x3 : 0x1).toString(16).padStart(4, "0").toUpperCase();
    return pad(`${r.dev}\t${hexIp(dst)}\t${hexIp(r.via ?? "0.0.0.0")}\t${flags}\t0\t0\t0\t${prefixMask(Number(bits))}\t0\t0\t0`);
  });
  return pad("Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT") + rows.join("");
}

/** Listening TCP sockets of the process's network namespace (state 0A). */
function netTcp(k: Kernel, p: Process): string {
  const listeners = Object.values((k.w.ext as { listeners?: Record<string, { netns: number; ip: string; port: number; file: number }> }).listeners ?? {})
    .filter((l) => l.netns === p.ns.net)
    .sort((a, b) => a.port - b.port);
  const head = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode${" ".repeat(53)}\n`;
  return (
    head +
    listeners
      .map((l, i) => {
        const local = `${hexIp(l.ip)}:${l.port.toString(16).padStart(4, "0").toUpperCase()}`;
        return `${String(i).padStart(4)}: ${local} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 ${20000 + l.file} 1 0000000000000000 100 0 0 10 0${" ".repeat(21)}\n`;
      })
      .join("")
  );
}

let cached: Record<string, ProcEntry> | null = null;

export function processFiles(): Record<string, ProcEntry> {
  if (cached) return cached;
  const viewer = (k: Kernel) => k.w.procs[k.current];
  cached = {
    status: { type: "file", content: (k, pfs, p) => status(k, pfs, p!) },
    stat: { type: "file", content: (k, pfs, p) => stat(k, pfs, p!) },
    statm: {
      type: "file",
      content: (_k, _f, p) => `${Math.ceil(p!.vsz / 4096)} ${Math.ceil(p!.rss / 4096)} ${Math.ceil(p!.rss / 8192)} 1 0 ${Math.ceil(p!.rss / 8192)} 0\n`,
    },
    cmdline: { type: "file", content: (_k, _f, p) => (p!.state === "Z" ? "" : p!.argv.map((a) => `${a}\x00`).join("")) },
    comm: { type: "file", perm: 0o644, content: (_k, _f, p) => `${p!.comm}\n` },
    environ: {
      type: "file",
      perm: 0o400,
      content: (_k, _f, p) =>
        Object.entries(p!.env)
          .map(([n, v]) => `${n}=${v}\x00`)
          .join(""),
    },
    cgroup: { type: "file", content: (k, _f, p) => cgroupFile(k, p!, viewer(k)) },
    mounts: { type: "file", content: (k, _f, p) => mounts(k, p!) },
    mountinfo: { type: "file", content: (k, _f, p) => mountinfo(k, p!) },
    uid_map: { type: "file", perm: 0o644, content: (k, _f, p) => idMap(k, p!, "uidMap"), write: (k, _f, p, d) => writeIdMap(k, p!, "uidMap", d) },
    gid_map: { type: "file", perm: 0o644, content: (k, _f, p) => idMap(k, p!, "gidMap"), write: (k, _f, p, d) => writeIdMap(k, p!, "gidMap", d) },
    setgroups: { type: "file", perm: 0o644, content: () => "allow\n", write: () => {} },
    oom_score: { type: "file", content: (k, _f, p) => `${Math.max(0, Math.round((p!.rss / k.w.config.memTotal) * 1000) + 666 + (p!.oomScoreAdj ?? 0))}\n` },
    oom_score_adj: { type: "file", perm: 0o644, content: (_k, _f, p) => `${p!.oomScoreAdj ?? 0}\n`, write: (k, _f, p, d) => writeOomScoreAdj(k, p!, d) },
    limits: { type: "file", content: (k, _f, p) => limitsFile(k, p!) },
    loginuid: { type: "file", perm: 0o644, content: (_k, _f, p) => loginuidOf(p!), write: (k, _f, p, d) => writeLoginuid(k, p!, d) },
    sessionid: { type: "file", content: (_k, _f, p) => sessionidOf(p!) },
    net: { type: "dir", perm: 0o555 },
    "net/dev": { type: "file", content: (k, _f, p) => netDev(k, p!) },
    "net/route": { type: "file", content: (k, _f, p) => netRoute(k, p!) },
    "net/tcp": { type: "file", content: (k, _f, p) => netTcp(k, p!) },
    "net/tcp6": {
      type: "file",
      content: () => "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n",
    },
    "net/udp": {
      type: "file",
      content: () => "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops             \n",
    },
    "net/unix": { type: "file", content: () => "Num       RefCount Protocol Flags    Type St Inode Path\n" },
    "net/if_inet6": { type: "file", content: () => "" },
    cwd: {
      type: "symlink",
      link: (k, _f, p) => k.vfs.pathOf(p!.cwd, viewer(k)?.root ?? p!.root),
      magic: (_k, _f, p) => p!.cwd,
    },
    root: {
      type: "symlink",
      link: (k, _f, p) => k.vfs.pathOf(p!.root, viewer(k)?.root ?? p!.root),
      magic: (_k, _f, p) => p!.root,
    },
    exe: {
      type: "symlink",
      link: (_k, _f, p) => p!.exe,
      magic: (k, _f, p) => {
        try {
          return k.vfs.walk({ root: p!.root, cwd: p!.cwd, cred: { uid: 0, gid: 0, groups: [] } }, p!.exe, true);
        } catch {
          return null;
        }
      },
    },
  };
  return cached;
}

/** oom_score_adj takes -1000..1000; lowering it below its value needs CAP_SYS_RESOURCE (root here). */
function writeOomScoreAdj(k: Kernel, p: Process, data: string) {
  const s = data.trim();
  if (!/^-?\d+$/.test(s)) throw new Errno("EINVAL");
  const n = Number(s);
  if (n < -1000 || n > 1000) throw new Errno("EINVAL");
  const writer = k.w.procs[k.current];
  if (writer && writer.euid !== 0 && n < (p.oomScoreAdj ?? 0)) throw new Errno("EACCES");
  p.oomScoreAdj = n;
}
