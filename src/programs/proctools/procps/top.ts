/**
 * procps-ng 4.0.2's top, its batch mode (-b): the summary (uptime line, tasks, %Cpu(s) from the
 * growth of /proc/stat between two reads, MiB Mem/Swap from /proc/meminfo with used = total -
 * available), a blank line and the task table sorted by %CPU (ties in pid order), cut to the width:
 * -w, else $COLUMNS, else the terminal's, else 80. Interactive mode (full-screen, keys) is not
 * simulated: without -b it prints the same frames.
 */
import type { Gen, ProgramDef, Sys } from "../../../kernel/api";
import { Errno } from "../../../kernel/errno";
import { err, out } from "../../lib/io";
import { AccountNames } from "../../lib/users";
import { procPids } from "../procscan";
import { uptimeLine } from "./uptime";
import { parseMeminfo } from "../../lib/meminfo";

const USAGE = `
Usage:
 top [options]

Options:
 -b, --batch-mode                run in non-interactive batch mode
 -c, --cmdline-toggle            reverse last remembered 'c' state
 -d, --delay =SECS [.TENTHS]     iterative delay as SECS [.TENTHS]
 -E, --scale-summary-mem =SCALE  set mem as: k,m,g,t,p,e for SCALE
 -e, --scale-task-mem =SCALE     set mem with: k,m,g,t,p for SCALE
 -H, --threads-show              show tasks plus all their threads
 -i, --idle-toggle               reverse last remembered 'i' state
 -n, --iterations =NUMBER        exit on maximum iterations NUMBER
 -O, --list-fields               output all field names, then exit
 -o, --sort-override =FIELD      force sorting on this named FIELD
 -p, --pid =PIDLIST              monitor only the tasks in PIDLIST
 -S, --accum-time-toggle         reverse last remembered 'S' state
 -s, --secure-mode               run with secure mode restrictions
 -U, --filter-any-user =USER     show only processes owned by USER
 -u, --filter-only-euser =USER   show only processes owned by USER
 -w, --width [=COLUMNS]          change print width [,use COLUMNS]
 -1, --single-cpu-toggle         reverse last remembered '1' state

 -h, --help                      display this help text, then exit
 -V, --version                   output version information & exit

For more details see top(1).
`;

const WITH_ARG = "dEenopUuw";
const LONG: Record<string, string> = {
  "batch-mode": "b", "cmdline-toggle": "c", delay: "d", "scale-summary-mem": "E", "scale-task-mem": "e",
  "threads-show": "H", "idle-toggle": "i", iterations: "n", "list-fields": "O", "sort-override": "o", pid: "p",
  "accum-time-toggle": "S", "secure-mode": "s", "filter-any-user": "U", "filter-only-euser": "u", width: "w",
  "single-cpu-toggle": "1", help: "h", version: "V",
};

interface Task {
  pid: number;
  user: string;
  uid: number;
  pr: string;
  ni: number;
  virtKib: number;
  resKib: number;
  shrKib: number;
  state: string;
  cpuTicks: number;
  comm: string;
  cmdline: string;
}

function read(sys: Sys, path: string): string {
  try {
    return sys.readFile(path);
  } catch {
    return "";
  }
}

function readTasks(sys: Sys, names: AccountNames): Task[] {
  const tasks: Task[] = [];
  for (const pid of procPids(sys)) {
    const stat = read(sys, `/proc/${pid}/stat`);
    const close = stat.lastIndexOf(")");
    if (close < 0) continue;
    const f = stat.slice(close + 2).trim().split(" ");
    const status = read(sys, `/proc/${pid}/status`);
    const uid = Number(/^Uid:\s+\d+\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const statm = read(sys, `/proc/${pid}/statm`).split(" ").map(Number);
    const priority = Number(f[15]);
    tasks.push({
      pid,
      uid,
      user: names.user(uid) ?? String(uid),
      // Real-time priorities (below -99 after the kernel's offset) print as "rt".
      pr: priority < -99 ? "rt" : String(priority),
      ni: Number(f[16]),
      virtKib: Math.floor(Number(f[20]) / 1024),
      resKib: Number(f[21]) * 4,
      shrKib: (statm[2] || 0) * 4,
      state: f[0],
      cpuTicks: Number(f[11]) + Number(f[12]),
      comm: stat.slice(stat.indexOf("(") + 1, close),
      cmdline: read(sys, `/proc/${pid}/cmdline`).replace(/\0$/, "").split("\0").join(" "),
    });
  }
  return tasks;
}

/** /proc/stat's first line: user nice system idle iowait irq softirq steal. */
function cpuJiffies(sys: Sys): number[] {
  const line = read(sys, "/proc/stat").split("\n")[0] ?? "";
  return line.trim().split(/\s+/).slice(1, 9).map((n) => Number(n) || 0);
}

function meminfo(sys: Sys): Record<string, number> {
  return parseMeminfo(read(sys, "/proc/meminfo"));
}

/** scale_mem: KiB while it fits the column, then m, g, t with as many decimals as fit. */
function scaleMem(kib: number, width: number): string {
  const plain = String(kib);
  if (plain.length <= width) return plain;
  let v = kib;
  for (const unit of ["m", "g", "t", "p", "e"]) {
    v /= 1024;
    for (const decimals of [3, 2, 1, 0]) {
      const s = `${v.toFixed(decimals)}${unit}`;
      if (s.length <= width) return s;
    }
  }
  return "+".padStart(width);
}

/** TIME+: minutes:seconds.hundredths. */
function timePlus(ticks: number): string {
  const cs = ticks;
  const minutes = Math.floor(cs / 6000);
  const seconds = Math.floor(cs / 100) % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}.${String(cs % 100).padStart(2, "0")}`;
}

const pct = (x: number) => x.toFixed(1).padStart(5);
const mib = (kib: number) => (kib / 1024).toFixed(1).padStart(9);

function frame(sys: Sys, cols: number, pids: number[] | null, cpuBefore: number[], cpuAfter: number[]): string {
  const tasks = readTasks(sys, new AccountNames(sys)).filter((t) => !pids || pids.includes(t.pid));
  const cut = (line: string) => line.slice(0, cols);
  const lines: string[] = [];
  lines.push(cut(`top - ${uptimeLine(sys)}`));
  const count = (states: string) => tasks.filter((t) => states.includes(t.state)).length;
  lines.push(
    cut(
      `Tasks:${String(tasks.length).padStart(4)} total,${String(count("R")).padStart(4)} running,` +
        `${String(count("SDI")).padStart(4)} sleeping,${String(count("Tt")).padStart(4)} stopped,` +
        `${String(count("Z")).padStart(4)} zombie`,
    ),
  );
  const delta = cpuAfter.map((v, i) => v - (cpuBefore[i] ?? 0));
  let total = delta.reduce((a, b) => a + b, 0);
  // No time passed between the two reads: procps counts the frame as one idle tick.
  if (total < 1) {
    delta[3] = 1;
    total = 1;
  }
  const share = (i: number) => pct((delta[i] * 100) / total);
  lines.push(
    cut(
      `%Cpu(s):${share(0)} us,${share(2)} sy,${share(1)} ni,${share(3)} id,${share(4)} wa,` +
        `${share(5)} hi,${share(6)} si,${share(7)} st `,
    ),
  );
  const m = meminfo(sys);
  const buffCache = (m.Buffers ?? 0) + (m.Cached ?? 0) + (m.SReclaimable ?? 0);
  const avail = m.MemAvailable ?? m.MemFree ?? 0;
  lines.push(
    cut(
      `MiB Mem :${mib(m.MemTotal ?? 0)} total,${mib(m.MemFree ?? 0)} free,${mib((m.MemTotal ?? 0) - avail)} used,` +
        `${mib(buffCache)} buff/cache     `,
    ),
  );
  const swapTotal = m.SwapTotal ?? 0;
  const swapFree = m.SwapFree ?? 0;
  lines.push(
    cut(`MiB Swap:${mib(swapTotal)} total,${mib(swapFree)} free,${mib(swapTotal - swapFree)} used.${mib(avail)} avail Mem `),
  );
  lines.push("");
  const memTotal = m.MemTotal || 1;
  // Every column but COMMAND: its heading and how a task fills it.
  const fixed: [string, (t: Task) => string][] = [
    ["  PID", (t) => String(t.pid).padStart(5)],
    ["USER    ", (t) => (t.user.length > 8 ? `${t.user.slice(0, 7)}+` : t.user.padEnd(8))],
    [" PR", (t) => t.pr.padStart(3)],
    [" NI", (t) => String(t.ni).padStart(3)],
    ["   VIRT", (t) => scaleMem(t.virtKib, 7).padStart(7)],
    ["   RES", (t) => scaleMem(t.resKib, 6).padStart(6)],
    ["   SHR", (t) => scaleMem(t.shrKib, 6).padStart(6)],
    ["S", (t) => t.state],
    [" %CPU", () => pct(0)],
    [" %MEM", (t) => pct((t.resKib * 100) / memTotal)],
    ["    TIME+", (t) => timePlus(t.cpuTicks).padStart(9)],
  ];
  const shown: typeof fixed = [];
  let used = 0;
  for (const col of fixed) {
    const w = col[0].length + (shown.length ? 1 : 0);
    if (used + w > cols) break;
    shown.push(col);
    used += w;
  }
  const commandWidth = shown.length === fixed.length ? cols - used - 1 : 0;
  const command = (t: Task) => (t.comm.length > commandWidth ? `${t.comm.slice(0, commandWidth - 1)}+` : t.comm);
  const row = (cells: string[], last: string | null) => (last === null ? cells.join(" ") : `${cells.join(" ")} ${last}`);
  lines.push(row(shown.map((c) => c[0]), commandWidth > 0 ? "COMMAND" : null));
  // %CPU is the same for every task in a frame without a measured interval: pid order stays.
  for (const t of tasks) lines.push(row(shown.map((c) => c[1](t)), commandWidth > 0 ? command(t) : null));
  return `${lines.join("\n")}\n`;
}

function* topMain(sys: Sys): Gen<number> {
  const argv = sys.argv;
  const opts: [string, string | undefined][] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const hits = Object.keys(LONG).filter((k) => k.startsWith(name));
      const key = hits.includes(name) ? name : hits.length === 1 ? hits[0] : undefined;
      if (!key) {
        yield* err(sys, `top: unrecognized option '${a}'\n`);
        return 0;
      }
      const c = LONG[key];
      let v = eq < 0 ? undefined : a.slice(eq + 1);
      if (WITH_ARG.includes(c) && c !== "w" && v === undefined) v = argv[++i];
      opts.push([c, v]);
      continue;
    }
    if (!a.startsWith("-") || a.length < 2) {
      yield* err(sys, `top: unknown option '${a}'\n`);
      return 0;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (!"bcdEeHinOopSsUuw1hV".includes(c)) {
        // 4.0.2 leaves with status 0 after getopt's complaint.
        yield* err(sys, `top: invalid option -- '${c}'\n`);
        return 0;
      }
      if (WITH_ARG.includes(c)) {
        let v: string | undefined = j + 1 < a.length ? a.slice(j + 1) : undefined;
        // -w's argument is optional: only a following number is taken.
        if (v === undefined && (c !== "w" || /^\d+$/.test(argv[i + 1] ?? ""))) v = argv[++i];
        if (v === undefined && c !== "w") {
          yield* err(sys, `top: option requires an argument -- '${c}'\n`);
          return 0;
        }
        opts.push([c, v]);
        break;
      }
      opts.push([c, undefined]);
    }
  }
  let iterations = Number.POSITIVE_INFINITY;
  let delayMs = 3000;
  let cols = 0;
  let pids: number[] | null = null;
  for (const [c, v] of opts) {
    if (c === "h") {
      yield* out(sys, USAGE);
      return 0;
    }
    if (c === "V") {
      yield* out(sys, "top from procps-ng 4.0.2\n");
      return 0;
    }
    if (c === "n") iterations = Number.parseInt(v ?? "", 10) || 1;
    if (c === "d") delayMs = Math.max(0, Number.parseFloat(v ?? "") || 0) * 1000;
    if (c === "p") pids = [...(pids ?? []), ...(v ?? "").split(",").map(Number)];
    if (c === "w") cols = v === undefined ? 512 : Number(v);
  }
  if (cols === 0) {
    const env = Number(sys.env.COLUMNS ?? "");
    if (env > 0) cols = env;
    else if (sys.isatty(1)) cols = sys.winsize(1).cols;
    else cols = 80;
  }
  let before = cpuJiffies(sys);
  for (let n = 0; n < iterations; n++) {
    if (n > 0) {
      try {
        yield* sys.sleep(delayMs);
      } catch (e) {
        if (e instanceof Errno && e.code === "EINTR") return 0;
        throw e;
      }
      // Batch frames are separated by a blank line.
      yield* out(sys, "\n");
    }
    const after = cpuJiffies(sys);
    yield* out(sys, frame(sys, cols, pids, before, after));
    before = after;
  }
  return 0;
}

export const procpsTop: ProgramDef = { name: "procps:top", rss: 4 * 1024 * 1024, main: topMain };
