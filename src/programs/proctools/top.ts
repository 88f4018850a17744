/**
 * top: busybox 1.35 as Debian builds it (CPU% per process and globally, integer percentages, no
 * SMP lines, no memory screen). Each frame rescans /proc; CPU% comes from the growth of each
 * process's utime+stime between frames against the growth of /proc/stat's counters. The first
 * frame measures a 0.1 s window. On a terminal it puts stdin into raw mode and reads keys.
 */
import type { Gen, ProgramDef, Signal, Sys, Termios } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { warn } from "../lib/io";
import { AccountNames } from "../lib/users";
import { formatCmdline, scanProcesses, smartUlltoa, terminalSize } from "./procscan";
import { parseMeminfo } from "../lib/meminfo";

const USAGE =
  "top [-bH] [-n COUNT] [-d SECONDS]\n\nShow a view of process activity in real time.\nRead the status of all processes from /proc each SECONDS\nand show a screenful of them.\nKeys:\n\tN/M/P/T: sort by pid/mem/cpu/time\n\tR: reverse sort\n\tH: toggle threads\n\tQ,^C: exit\nOptions:\n\t-b\tBatch mode\n\t-n N\tExit after N iterations\n\t-d SEC\tDelay between updates\n\t-H\tShow threads";

/** The line buffer's size in busybox's build: batch-mode lines are at most this minus 2 long. */
const LINE_BUF_SIZE = 448;
/** How often a waiting top looks for a key press. */
const KEY_POLL_MS = 100;

interface Jiffies {
  usr: number;
  nic: number;
  sys: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  total: number;
  busy: number;
}

interface TopEntry {
  pid: number;
  ppid: number;
  uid: number;
  vsz: number;
  ticks: number;
  pcpu: number;
  state: string;
  comm: string;
  cmdline: string;
}

type SortFn = (a: TopEntry, b: TopEntry) => number;
const pidSort: SortFn = (a, b) => b.pid - a.pid;
const memSort: SortFn = (a, b) => (b.vsz < a.vsz ? -1 : b.vsz !== a.vsz ? 1 : 0);
const pcpuSort: SortFn = (a, b) => b.pcpu - a.pcpu;
const timeSort: SortFn = (a, b) => (b.ticks < a.ticks ? -1 : b.ticks !== a.ticks ? 1 : 0);

function readJiffies(sys: Sys): Jiffies | null {
  const line = sys.readFile("/proc/stat").split("\n")[0];
  const m = /^cpu\s+(.*)$/.exec(line);
  if (!m) return null;
  const v = m[1].trim().split(/\s+/).map(Number);
  while (v.length < 8) v.push(0);
  const [usr, nic, sysT, idle, iowait, irq, softirq, steal] = v;
  const total = usr + nic + sysT + idle + iowait + irq + softirq + steal;
  return { usr, nic, sys: sysT, idle, iowait, irq, softirq, total, busy: total - idle - iowait };
}

function meminfo(sys: Sys): Record<string, number> {
  return parseMeminfo(sys.readFile("/proc/meminfo"));
}

/** snprintf(buf, size, ...) keeps at most size-1 characters. */
const clip = (s: string, size: number) => s.slice(0, Math.max(0, size - 1));

class TopState {
  prevHist = new Map<number, number>();
  cur: Jiffies | null = null;
  prev: Jiffies | null = null;
  totalPcpu = 0;
  sorts: SortFn[] = [pcpuSort, memSort, timeSort];
  inverted = false;
  names: AccountNames;
  constructor(readonly sys: Sys) {
    this.names = new AccountNames(sys);
  }

  scan(): TopEntry[] {
    return scanProcesses(this.sys).map((p) => ({
      pid: p.pid,
      ppid: p.ppid,
      uid: p.uid,
      vsz: p.vsz,
      ticks: p.utime + p.stime,
      pcpu: 0,
      state: p.state,
      comm: p.comm,
      cmdline: p.cmdline,
    }));
  }

  /** do_stats(): per-process tick deltas against the previous scan. */
  stats(top: TopEntry[]) {
    this.prev = this.cur;
    this.cur = readJiffies(this.sys);
    this.totalPcpu = 0;
    const hist = new Map<number, number>();
    for (const e of top) {
      hist.set(e.pid, e.ticks);
      const before = this.prevHist.get(e.pid);
      if (before !== undefined) {
        e.pcpu = e.ticks - before;
        this.totalPcpu += e.pcpu;
      }
    }
    this.prevHist = hist;
  }

  sort(top: TopEntry[]) {
    top.sort((a, b) => {
      let c = 0;
      for (const f of this.sorts) {
        c = f(a, b);
        if (c !== 0) break;
      }
      return this.inverted ? -c : c;
    });
  }

  /** One frame: header lines and as many processes as fit. */
  frame(top: TopEntry[], lines: number, scrWidth: number, batch: boolean): string {
    const mi = meminfo(this.sys);
    const headerWidth = Math.min(scrWidth, 100);
    let text = "";
    const memLine = clip(
      `Mem: ${(mi.MemTotal ?? 0) - (mi.MemFree ?? 0)}K used, ${mi.MemFree ?? 0}K free, ${(mi.MemShared ?? 0) + (mi.Shmem ?? 0)}K shrd, ${mi.Buffers ?? 0}K buff, ${mi.Cached ?? 0}K cached`,
      headerWidth,
    );
    text += batch ? `${memLine}\n` : `\x1b[H\x1b[J${memLine}\n`;
    const cur = this.cur!;
    const prev = this.prev!;
    const totalDiff = cur.total - prev.total || 1;
    const pct = (k: keyof Jiffies) => `${String(Math.floor((100 * (cur[k] - prev[k])) / totalDiff)).padStart(4)}% `;
    text += `${clip(`CPU:${pct("usr")}usr${pct("sys")}sys${pct("nic")}nic${pct("idle")}idle${pct("iowait")}io${pct("irq")}irq${pct("softirq")}sirq`, headerWidth)}\n`;
    let load = "";
    try {
      load = this.sys.readFile("/proc/loadavg").slice(0, 100 - "Load average: ".length - 1);
    } catch {
      // no loadavg: an empty average, as busybox leaves it
    }
    text += `${clip(`Load average: ${load.split("\n")[0]}`, headerWidth)}\n`;
    let linesRem = lines - 3;
    const head = "  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND".slice(0, scrWidth);
    text += batch ? head : `\x1b[7m${head}\x1b[m`;
    linesRem--;

    // Fixed-point arithmetic exactly as busybox does it (32-bit unsigned where it is).
    const totalMemory = mi.MemTotal || 1;
    let pmemShift = 21;
    let pmemScale = Math.floor((100 * 2 ** 21) / totalMemory);
    while (pmemScale >= 512) {
      pmemScale = Math.floor(pmemScale / 4);
      pmemShift -= 2;
    }
    const pmemHalf = Math.floor(2 ** pmemShift / 2);
    const busyJifs = (cur.busy - prev.busy) >>> 0;
    let totalPcpu = this.totalPcpu;
    if (totalPcpu < busyJifs) totalPcpu = busyJifs;
    let pcpuShift = 6;
    let pcpuScale = (100 * 64 * (busyJifs & 0xffff)) >>> 0;
    if (pcpuScale === 0) pcpuScale = 1;
    while (pcpuScale < 2 ** 30) {
      pcpuScale *= 4;
      pcpuShift += 2;
    }
    const tmp = Number((BigInt((cur.total - prev.total) & 0xffff) * BigInt(totalPcpu)) & 0xffffffffn);
    if (tmp !== 0) pcpuScale = Math.floor(pcpuScale / tmp);
    while (pcpuScale >= 1024) {
      pcpuScale = Math.floor(pcpuScale / 4);
      pcpuShift -= 2;
    }
    const pcpuHalf = Math.floor(2 ** pcpuShift / 2);

    const rows = Math.min(linesRem, top.length);
    for (let i = 0; i < rows; i++) {
      const s = top[i];
      const pmem = Math.floor((s.vsz * pmemScale + pmemHalf) / 2 ** pmemShift);
      const pcpu = Math.floor(Number((BigInt(s.pcpu) * BigInt(pcpuScale) + BigInt(pcpuHalf)) & 0xffffffffn) / 2 ** pcpuShift);
      const user = (this.names.user(s.uid) ?? String(s.uid)).slice(0, 8).padEnd(8);
      const fields = `${String(s.pid).padStart(5)}${String(s.ppid).padStart(6)} ${user} ${s.state}  ${smartUlltoa(s.vsz, 5)}${String(pmem).padStart(4)}%${String(pcpu).padStart(4)}% `;
      const size = scrWidth + 2;
      let line = clip(`\n${fields}`, size);
      if (size - line.length > 1) line += formatCmdline(s.cmdline, size - line.length, s.comm);
      text += line;
    }
    text += batch ? "\n" : "\r";
    return text;
  }
}

const FATAL: Signal[] = ["HUP", "INT", "QUIT", "PIPE", "ALRM", "TERM", "USR1", "USR2"];

function* topMain(sys: Sys): Gen<number> {
  // make_all_argv_opts(): every word is an option, "top bn1" works.
  const argv = [sys.argv[0], ...sys.argv.slice(1).map((a) => (a.startsWith("-") ? a : `-${a}`))];
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(argv, { flags: "bHm", withArg: "dn" });
  } catch (e) {
    if (e instanceof OptError) return yield* usageError(sys, USAGE, e.message);
    throw e;
  }
  let intervalMs = 5000;
  let iterations = 0;
  const dArg = parsed.args.d?.at(-1);
  if (dArg !== undefined) {
    const t = dArg.replace(/^-/, "");
    if (!/^(\d+\.?\d*|\.\d+)$/.test(t)) {
      yield* warn(sys, `invalid number '${t}'`);
      return 1;
    }
    intervalMs = Math.round(Number(t) * 1000);
  }
  const nArg = parsed.args.n?.at(-1);
  if (nArg !== undefined) {
    const t = nArg.replace(/^-/, "");
    if (!/^\d+$/.test(t)) {
      yield* warn(sys, `invalid number '${t}'`);
      return 1;
    }
    iterations = Number(t);
  }
  const batch = !!parsed.flags.b;
  try {
    sys.chdir("/proc");
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    yield* warn(sys, `can't change directory to '/proc': ${e.message}`);
    return 1;
  }

  const st = new TopState(sys);
  const keys = batch ? null : KeyInput.open(sys);
  let caught: Signal | null = null;
  for (const sig of FATAL)
    sys.signal(sig, (s) => {
      caught = s;
    });
  const restore = () => keys?.restore();
  try {
    let quit = keys ? yield* keys.handle(st, 0) : false;
    while (!quit) {
      let lines = 2 ** 31 - 1;
      let col = LINE_BUF_SIZE - 2;
      if (!batch) {
        const size = terminalSize(sys, 1);
        lines = size.rows;
        col = size.cols;
        if (lines < 5 || col < 10) {
          yield* sys.sleep(intervalMs);
          continue;
        }
        if (col > LINE_BUF_SIZE - 2) col = LINE_BUF_SIZE - 2;
      }
      let top = st.scan();
      if (top.length === 0) {
        yield* warn(sys, "no process info in /proc");
        break;
      }
      if (st.cur === null) {
        st.stats(top);
        yield* sys.sleep(100);
        top = st.scan();
      }
      st.stats(top);
      st.sort(top);
      for (;;) {
        yield* sys.write(1, st.frame(top, lines, col, batch));
        if (iterations > 0 && --iterations === 0) {
          quit = true;
          break;
        }
        if (!keys) {
          yield* sys.sleep(intervalMs);
          break;
        }
        const r = yield* keys.handle(st, intervalMs);
        if (r === "redraw") continue;
        quit = r === true;
        break;
      }
    }
    yield* sys.write(1, "\n");
  } catch (e) {
    if (!(e instanceof Errno) || e.code !== "EINTR" || caught === null) throw e;
    restore();
    sys.signal(caught, "default");
    sys.kill(sys.getpid(), caught);
    return 1;
  }
  restore();
  return 0;
}

/** Keys typed at a raw-mode terminal, read without blocking. */
class KeyInput {
  private constructor(
    private readonly sys: Sys,
    private readonly fd: number,
    private readonly saved: Termios,
  ) {}

  static open(sys: Sys): KeyInput | null {
    if (!sys.isatty(0)) return null;
    try {
      const saved = sys.tcgetattr(0);
      const fd = sys.open(sys.ttyname(0), { read: true, nonblock: true, cloexec: true });
      sys.tcsetattr(0, { icanon: false, echo: false, isig: false, icrnl: false });
      return new KeyInput(sys, fd, saved);
    } catch (e) {
      if (e instanceof Errno) return null;
      throw e;
    }
  }

  restore() {
    try {
      this.sys.tcsetattr(0, this.saved);
    } catch {
      // the terminal is gone
    }
  }

  private *readKey(timeoutMs: number): Gen<string | null> {
    let waited = 0;
    for (;;) {
      try {
        const c = yield* this.sys.read(this.fd, 1);
        return c === "" ? null : c;
      } catch (e) {
        if (!(e instanceof Errno) || e.code !== "EAGAIN") throw e;
      }
      if (waited >= timeoutMs) return null;
      const step = Math.min(KEY_POLL_MS, timeoutMs - waited);
      yield* this.sys.sleep(step);
      waited += step;
    }
  }

  /** handle_input(): true to quit, "redraw" never (busybox rescans on any other key). */
  *handle(st: TopState, intervalMs: number): Gen<boolean | "redraw"> {
    let timeout = intervalMs;
    for (;;) {
      const c = yield* this.readKey(timeout);
      timeout = 0;
      if (c === null) return false;
      if (c === "\x03" || c === "\x04") return true;
      const k = c.toLowerCase();
      if (k === "q") return true;
      if (k === "n") st.sorts = [pidSort, ...st.sorts.slice(1)];
      else if (k === "m") st.sorts = [memSort, pcpuSort, timeSort];
      else if (k === "p") st.sorts = [pcpuSort, memSort, timeSort];
      else if (k === "t") st.sorts = [timeSort, memSort, pcpuSort];
      else if (k === "r") st.inverted = !st.inverted;
      else if (k === "h") {
        // threads: every simulated process has one
      } else return false;
    }
  }
}

export const top: ProgramDef = { name: "top", main: topMain };
