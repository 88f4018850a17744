/**
 * The scheduler and the virtual clock. Processes run one at a time until they block; CPU-hungry
 * processes share the machine's CPUs tick by tick, by weight and within their cgroup's cpu.max.
 * Nothing here knows real time: the caller either lets the clock jump to the next timer (tests, the
 * headless runner) or advances it as real time passes (the browser).
 */
import { ProcessExit } from "../api";
import { Errno } from "../errno";
import { type Kernel, TICK_USEC } from "../kernel";
import { cgroupChain, cgroupCpuAccount, cgroupFrozen, cgroupQuotaLeft, cgroupThrottle } from "../cgroup/cgroups";
import { applyExec, ExecRequest, exitProcess } from "./process";

export type RunState = "idle" | "busy" | "done" | "waiting";

export interface RunOptions {
  /** Let the clock jump to the next timer when nothing else can run (default true). */
  instant?: boolean;
  /** Stop as soon as this holds (checked between steps). */
  until?: () => boolean;
  /** Most process resumptions in this call, to keep a browser frame short. */
  maxSteps?: number;
  /** Do not let the clock pass this uptime (microseconds since boot). */
  maxUptime?: number;
}

/** Runs one process until it blocks, exits or execs. */
export function resumeProc(k: Kernel, pid: number) {
  const p = k.w.procs[pid];
  const rt = k.rt.get(pid);
  if (!p || !rt || p.state === "Z" || p.state === "T") return;
  // Handlers of pending signals run first; an interrupted blocking call then sees EINTR.
  while (p.pending.length > 0) {
    const sig = p.pending.shift()!;
    const h = rt.handlers?.get(sig);
    if (h && p.disp[sig] === "handler") {
      rt.interrupted = true;
      h(sig);
    }
  }
  p.state = "R";
  k.clearWait(pid);
  k.current = pid;
  let step: IteratorResult<unknown, number>;
  try {
    const value = rt.resume;
    rt.resume = undefined;
    step = rt.gen.next(value);
  } catch (e) {
    if (!k.w.procs[pid] || k.w.procs[pid].state === "Z") return;
    if (e instanceof ProcessExit) {
      exitProcess(k, pid, { code: e.code & 0xff });
      return;
    }
    if (e instanceof ExecRequest) {
      applyExec(k, pid, e);
      k.runQueue.push(pid);
      return;
    }
    k.crashes.push({ pid, comm: p.comm, error: e });
    const msg = e instanceof Errno ? e.message : e instanceof Error ? e.message : String(e);
    k.transact(() => rt.sys.emergencyStderr(`${p.comm}: ${msg}\n`));
    exitProcess(k, pid, { signal: "SEGV", core: true });
    return;
  }
  const now = k.w.procs[pid];
  if (!now || now.state === "Z" || k.rt.get(pid) !== rt) return;
  if (step.done) {
    exitProcess(k, pid, { code: (step.value ?? 0) & 0xff });
    return;
  }
  if (now.state === "T") {
    // Stopped itself while running (e.g. raise(SIGTSTP)): remember the wait for SIGCONT.
    now.wait = step.value as never;
    return;
  }
  k.setWait(pid, step.value as never);
}

/** Runs processes until everything waits (or a limit is hit). */
export function run(k: Kernel, opts: RunOptions = {}): RunState {
  return k.transact(() => {
    const instant = opts.instant ?? true;
    const maxSteps = opts.maxSteps ?? Number.POSITIVE_INFINITY;
    let steps = 0;
    for (;;) {
      if (opts.until?.()) return "done";
      if (steps >= maxSteps) return "busy";
      const pid = k.runQueue.shift();
      if (pid !== undefined) {
        const proc = k.w.procs[pid];
        if (proc && cgroupFrozen(k, proc.cgroup)) {
          k.parked.add(pid);
          continue;
        }
        resumeProc(k, pid);
        steps++;
        continue;
      }
      if (k.hungry.size > 0) {
        if (opts.maxUptime !== undefined && k.w.clock.nowUsec >= opts.maxUptime) return "waiting";
        const dt = opts.maxUptime === undefined ? TICK_USEC : Math.min(TICK_USEC, opts.maxUptime - k.w.clock.nowUsec);
        steps += cpuTick(k, dt);
        continue;
      }
      const next = k.nextTimer();
      if (next === undefined) return "idle";
      if (next > k.w.clock.nowUsec) {
        if (!instant) return "waiting";
        if (opts.maxUptime !== undefined && next > opts.maxUptime) {
          setClock(k, opts.maxUptime);
          return "waiting";
        }
        setClock(k, next);
      }
      k.fireTimers();
    }
  });
}

/** Advances the clock by `usec` as if that much real time passed, running what becomes due. */
export function advance(k: Kernel, usec: number, maxSteps?: number): RunState {
  const target = k.w.clock.nowUsec + usec;
  return run(k, { instant: true, maxUptime: target, maxSteps });
}

function setClock(k: Kernel, uptime: number) {
  const c = k.w.clock;
  if (uptime <= c.nowUsec) return;
  updateLoad(k, uptime);
  c.nowUsec = uptime;
}

/** Load averages, recomputed every 5 s of uptime with the kernel's fixed-point decay factors. */
function updateLoad(k: Kernel, uptime: number) {
  const w = k.w;
  const running = k.hungry.size + k.runQueue.length;
  const factors = [1884 / 2048, 2014 / 2048, 2037 / 2048];
  while (w.loadavgAt + 5_000_000 <= uptime) {
    w.loadavgAt += 5_000_000;
    w.loadavg = w.loadavg.map((l, i) => l * factors[i] + running * (1 - factors[i])) as [number, number, number];
  }
}

/**
 * One tick of CPU time: the machine's CPUs are shared among hungry processes by cgroup weight,
 * each process getting at most one CPU, each cgroup at most what its cpu.max quota has left.
 * Returns how many resumptions happened.
 */
function cpuTick(k: Kernel, dt: number): number {
  const w = k.w;
  for (const pid of k.hungry) {
    const proc = k.w.procs[pid];
    if (proc && cgroupFrozen(k, proc.cgroup)) {
      k.hungry.delete(pid);
      k.parked.add(pid);
    }
  }
  const pids = [...k.hungry].sort((a, b) => a - b);
  const weight = (pid: number) => w.cgroups[w.procs[pid].cgroup]?.cpuWeight ?? 100;
  // Water-filling: capacity split by weight, capped at one CPU per process.
  const grant = new Map<number, number>();
  let capacity = w.config.cpus * dt;
  let open = pids.slice();
  while (open.length > 0 && capacity > 1e-9) {
    const total = open.reduce((s, pid) => s + weight(pid), 0);
    const next: number[] = [];
    let used = 0;
    for (const pid of open) {
      const want = dt - (grant.get(pid) ?? 0);
      const share = (capacity * weight(pid)) / total;
      const g = Math.min(want, share);
      grant.set(pid, (grant.get(pid) ?? 0) + g);
      used += g;
      if (g < want - 1e-9) next.push(pid);
    }
    capacity -= used;
    if (next.length === open.length) break;
    open = next;
  }
  let steps = 0;
  let maxUsed = 0;
  let totalUsed = 0;
  const throttled = new Set<string>();
  for (const pid of pids) {
    const p = w.procs[pid];
    const rt = k.rt.get(pid);
    if (!p || !rt || p.state !== "R") {
      k.hungry.delete(pid);
      continue;
    }
    let g = Math.floor(grant.get(pid) ?? 0);
    const left = cgroupQuotaLeft(k, p.cgroup, w.clock.nowUsec);
    if (left < g) {
      g = left;
      for (const cg of cgroupChain(p.cgroup)) throttled.add(cg);
    }
    let rounds = 0;
    const granted = g;
    while (g > 0 && k.hungry.has(pid) && rounds++ < 10_000) {
      const use = Math.min(g, rt.cpuDebt);
      rt.cpuDebt -= use;
      g -= use;
      p.cpuUsec += use;
      cgroupCpuAccount(k, p.cgroup, use);
      if (rt.cpuDebt <= 0) {
        k.hungry.delete(pid);
        resumeProc(k, pid);
        steps++;
        // A process that yields again for CPU goes on using its grant within this tick.
        if (k.w.procs[pid]?.state === "R" && !k.hungry.has(pid)) break;
      }
    }
    maxUsed = Math.max(maxUsed, granted - g);
    totalUsed += granted - g;
  }
  // The tick lasts as long as the CPUs were busy: processes that ran out of work early (a shell
  // between two commands) do not make the clock skip the rest of the tick.
  const stillHungry = pids.some((pid) => k.hungry.has(pid));
  const elapsed = stillHungry ? dt : Math.min(dt, Math.max(1, maxUsed, Math.ceil(totalUsed / w.config.cpus)));
  cgroupThrottle(k, throttled, elapsed, w.clock.nowUsec);
  setClock(k, w.clock.nowUsec + elapsed);
  k.fireTimers();
  return steps + 1;
}
