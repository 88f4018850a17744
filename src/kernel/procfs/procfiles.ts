/** Machine-wide files of /proc (meminfo, uptime, loadavg, version, cpuinfo, sys/kernel/*, ...). */
import type { Kernel } from "../kernel";
import { pidIn } from "../proc/process";
import { KERNEL_FILES } from "./kernelfiles";
import type { ProcEntry } from "./procfs";
import { netSysctlEntries } from "./sysctl-net";

const kB = (bytes: number) => `${String(Math.floor(bytes / 1024)).padStart(8)} kB`;

function memUsed(k: Kernel): number {
  return Object.values(k.w.procs).reduce((s, p) => s + p.rss, 0);
}

function meminfo(k: Kernel): string {
  const total = k.w.config.memTotal;
  const cached = 600 * 1024 * 1024;
  const buffers = 13 * 1024 * 1024;
  const used = memUsed(k) + 180 * 1024 * 1024;
  const free = Math.max(0, total - used - cached - buffers);
  const rows: Array<[string, number]> = [
    ["MemTotal", total],
    ["MemFree", free],
    ["MemAvailable", free + cached + buffers],
    ["Buffers", buffers],
    ["Cached", cached],
    ["SwapCached", 0],
    ["Active", 400 * 1024 * 1024],
    ["Inactive", 313 * 1024 * 1024],
    ["SwapTotal", 0],
    ["SwapFree", 0],
    ["Dirty", 0],
    ["Writeback", 0],
    ["AnonPages", memUsed(k)],
    ["Mapped", 136 * 1024 * 1024],
    ["Shmem", 9 * 1024 * 1024],
    ["Slab", 126 * 1024 * 1024],
    ["SReclaimable", 99 * 1024 * 1024],
    ["SUnreclaim", 27 * 1024 * 1024],
    ["KernelStack", 2400 * 1024],
    ["PageTables", 5592 * 1024],
    ["CommitLimit", Math.floor(total / 2)],
    ["Committed_AS", memUsed(k) * 3],
    ["VmallocTotal", 34359738367 * 1024],
    ["HugePages_Total", 0],
    ["Hugepagesize", 2048 * 1024],
  ];
  return rows
    .map(([name, v]) => (name.startsWith("HugePages_") ? `${`${name}:`.padEnd(16)}${String(v).padStart(8)}\n` : `${`${name}:`.padEnd(16)}${kB(v)}\n`))
    .join("");
}

function cpuinfo(k: Kernel): string {
  let out = "";
  for (let i = 0; i < k.w.config.cpus; i++) {
    out += [
      `processor\t: ${i}`,
      "vendor_id\t: GenuineIntel",
      "cpu family\t: 6",
      "model\t\t: 85",
      "model name\t: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz",
      "stepping\t: 7",
      "cpu MHz\t\t: 2499.998",
      "cache size\t: 36608 KB",
      `physical id\t: 0`,
      `siblings\t: ${k.w.config.cpus}`,
      `core id\t\t: ${i}`,
      `cpu cores\t: ${k.w.config.cpus}`,
      "fpu\t\t: yes",
      "flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch avx2 bmi1 bmi2 avx512f",
      "bogomips\t: 4999.99",
      "address sizes\t: 46 bits physical, 48 bits virtual",
      "",
      "",
    ].join("\n");
  }
  return out.slice(0, -1);
}

function uptime(k: Kernel): string {
  const up = k.w.clock.nowUsec / 1e6;
  const idle = up * k.w.config.cpus * 0.97;
  return `${up.toFixed(2)} ${idle.toFixed(2)}\n`;
}

function loadavg(k: Kernel): string {
  const [a, b, c] = k.w.loadavg;
  const live = Object.values(k.w.procs).filter((p) => p.state !== "Z");
  const running = live.filter((p) => p.state === "R").length;
  const me = k.w.procs[k.current];
  const last = k.w.next.pid - 1;
  void me;
  return `${a.toFixed(2)} ${b.toFixed(2)} ${c.toFixed(2)} ${Math.max(1, running)}/${live.length} ${last}\n`;
}

function version(k: Kernel): string {
  return `Linux version ${k.w.config.kernelRelease} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) ${k.w.config.kernelVersion}\n`;
}

const FILESYSTEMS = [
  "nodev\tsysfs", "nodev\ttmpfs", "nodev\tbdev", "nodev\tproc", "nodev\tcgroup", "nodev\tcgroup2", "nodev\tcpuset",
  "nodev\tdevtmpfs", "nodev\tdebugfs", "nodev\ttracefs", "nodev\tsecurityfs", "nodev\tsockfs", "nodev\tbpf",
  "nodev\tpipefs", "nodev\tramfs", "nodev\thugetlbfs", "nodev\tdevpts", "\text3", "\text2", "\text4",
  "nodev\tautofs", "nodev\tmqueue", "nodev\toverlay", "nodev\tbinfmt_misc",
];

function cpuStatLine(k: Kernel): string {
  const busy = Object.values(k.w.procs).reduce((s, p) => s + p.cpuUsec, 0);
  const total = (k.w.clock.nowUsec * k.w.config.cpus) / 10_000;
  const user = Math.floor((busy * 0.75) / 10_000);
  const sys = Math.floor((busy * 0.25) / 10_000);
  const idle = Math.max(0, Math.floor(total - user - sys));
  return `${user} 0 ${sys} ${idle} 0 0 0 0 0 0`;
}

function procStat(k: Kernel): string {
  const lines = [`cpu  ${cpuStatLine(k)}`];
  for (let i = 0; i < k.w.config.cpus; i++) lines.push(`cpu${i} ${cpuStatLine(k)}`);
  const running = Object.values(k.w.procs).filter((p) => p.state === "R").length;
  lines.push(
    "intr 0",
    "ctxt 0",
    `btime ${Math.floor(k.w.clock.bootEpochUsec / 1e6)}`,
    `processes ${k.w.next.pid - 1}`,
    `procs_running ${Math.max(1, running)}`,
    "procs_blocked 0",
    "softirq 0 0 0 0 0 0 0 0 0 0 0",
  );
  return `${lines.join("\n")}\n`;
}

function hostnameOf(k: Kernel): string {
  const p = k.w.procs[k.current];
  return k.w.ns[p ? p.ns.uts : k.w.initNs.uts].uts!.hostname;
}

const file = (content: (k: Kernel) => string, perm?: number): ProcEntry => ({ type: "file", content: (k) => content(k), perm });
const dir: ProcEntry = { type: "dir" };

export const PROC_FILES: Record<string, ProcEntry> = {
  self: {
    type: "symlink",
    link: (k, pfs) => String(pidIn(k, k.w.procs[k.current], pfs.pidns)),
    magic: null as never,
  },
  "thread-self": {
    type: "symlink",
    link: (k, pfs) => {
      const pid = pidIn(k, k.w.procs[k.current], pfs.pidns);
      return `${pid}/task/${pid}`;
    },
  },
  mounts: { type: "symlink", link: () => "self/mounts" },
  net: { type: "symlink", link: () => "self/net" },
  meminfo: file(meminfo),
  cpuinfo: file(cpuinfo),
  uptime: file(uptime),
  loadavg: file(loadavg),
  version: file(version),
  stat: file(procStat),
  filesystems: file(() => `${FILESYSTEMS.join("\n")}\n`),
  cmdline: file((k) => `BOOT_IMAGE=/boot/vmlinuz-${k.w.config.kernelRelease} root=/dev/sda1 ro quiet\n`),
  swaps: file(() => "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"),
  cgroups: file(() => "#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpuset\t0\t1\t1\ncpu\t0\t1\t1\ncpuacct\t0\t1\t1\nblkio\t0\t1\t1\nmemory\t0\t1\t1\ndevices\t0\t1\t1\nfreezer\t0\t1\t1\nnet_cls\t0\t1\t1\nperf_event\t0\t1\t1\nnet_prio\t0\t1\t1\nhugetlb\t0\t1\t1\npids\t0\t1\t1\nrdma\t0\t1\t1\nmisc\t0\t1\t1\n"),
  ...KERNEL_FILES,
  acpi: dir,
  bus: dir,
  fs: dir,
  irq: dir,
  sys: dir,
  "sys/kernel": dir,
  "sys/kernel/hostname": {
    type: "file",
    perm: 0o644,
    content: (k) => `${hostnameOf(k)}\n`,
    write: (k, _pfs, _p, data) => {
      const p = k.w.procs[k.current];
      k.w.ns[p.ns.uts].uts!.hostname = data.replace(/\n$/, "").slice(0, 64);
    },
  },
  "sys/kernel/ostype": file(() => "Linux\n"),
  "sys/kernel/osrelease": file((k) => `${k.w.config.kernelRelease}\n`),
  "sys/kernel/version": file((k) => `${k.w.config.kernelVersion}\n`),
  "sys/kernel/pid_max": file(() => "4194304\n", 0o644),
  "sys/kernel/threads-max": file(() => "192730\n", 0o644),
  "sys/vm": dir,
  "sys/vm/overcommit_memory": file(() => "0\n", 0o644),
  "sys/vm/swappiness": file(() => "60\n", 0o644),
  ...netSysctlEntries(),
  "sys/fs": dir,
  "sys/fs/file-max": file(() => "9223372036854775807\n", 0o644),
};

// /proc/self is a plain (non-magic) link resolved relative to /proc.
delete (PROC_FILES.self as { magic?: unknown }).magic;
