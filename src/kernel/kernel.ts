/**
 * The kernel: owns the world (immer-managed), the runtime of processes in flight (generators), the
 * scheduler and the virtual clock. Subsystems (processes, files, ttys, mounts, cgroups) are split in
 * files beside this one; they operate on `k.w`, the draft of the current transaction.
 */
import { enablePatches, type Patch, produce, setAutoFreeze } from "immer";
import type { Gen, ProgramDef, Signal, Wait } from "./api";
import type { FsDriver, FsHost } from "./fs/driver";
import { diskDriver } from "./fs/diskfs";
import { LayerStore, layerDriver } from "./fs/layer";
import { Vfs } from "./fs/vfs";
import type { SuperBlock, World } from "./world";
import { cgroupDriver } from "./cgroup/cgroupfs";
import { procDriver } from "./procfs/procfs";
import { nsfsDriver, sysfsDriver } from "./procfs/sysfs";
import { overlayDriver } from "./fs/overlay";
import { SysImpl } from "./syscalls";
import { WaitQueues } from "./wait-queues";

enablePatches();
// The committed world is only ever changed through transact(); deep-freezing every result would
// cost more than all the rest of a container start.
setAutoFreeze(false);

/** Programs available to exec, by the name binaries carry in their inode (`prog`). */
export interface ProgramRegistry {
  get(name: string): ProgramDef | undefined;
}

export interface ProcRuntime {
  gen: Gen<number>;
  sys: SysImpl;
  /** Value passed into the generator at the next resume. */
  resume: unknown;
  /** Signal handlers; made when the first is installed (most processes never install one). */
  handlers: Map<Signal, (sig: Signal) => void> | null;
  /** A handler ran since the last blocking call: that call returns EINTR. */
  interrupted: boolean;
  /** CPU time still to burn for the current cpu wait. */
  cpuDebt: number;
}

/** Listeners outside the machine: terminal output and captured output streams. */
export interface Outside {
  tty: Map<number, (bytes: string) => void>;
  sinks: Map<number, (bytes: string) => void>;
}

/** A kernel bug surfaced while running a program (kept for tests; the process gets SIGSEGV). */
export interface Crash {
  pid: number;
  comm: string;
  error: unknown;
}

export const TICK_USEC = 10_000;

export class Kernel implements FsHost {
  world: World;
  private draft: World | null = null;
  readonly layers = new LayerStore();
  readonly rt = new Map<number, ProcRuntime>();
  readonly vfs: Vfs;
  readonly outside: Outside = { tty: new Map(), sinks: new Map() };
  readonly crashes: Crash[] = [];
  /** Scheduler state (runtime only: program code in flight cannot be serialized). */
  readonly runQueue: number[] = [];
  readonly hungry = new Set<number>();
  readonly timers = new Map<number, number>();
  readonly chanWaiters = new WaitQueues();
  /** Runnable processes held back because their cgroup is frozen. */
  readonly parked = new Set<number>();
  /** Called with immer patches after each transaction that changed the world. */
  onPatches: ((patches: Patch[], inverse: Patch[]) => void) | null = null;
  private nextSink = 1;
  /** Called once when a watched process ends (outside observers: the runner, the engine). */
  readonly exitWatchers = new Map<number, (status: { code?: number; signal?: Signal }) => void>();
  /** Services listening on unix sockets, by socket inode ("fs:node"); they build a client per caller pid. */
  readonly services = new Map<string, (pid: number) => unknown>();
  /** UDP services answering requests ("netns|ip|port" -> reply), such as Docker's embedded DNS. */
  readonly udpResponders = new Map<string, (payload: string, fromPid: number) => string>();
  /** The process whose code is running (whose system call is being served). */
  current = 0;

  constructor(
    world: World,
    readonly programs: ProgramRegistry,
  ) {
    this.world = world;
    this.vfs = new Vfs(this);
  }

  /** The world being changed (inside a transaction) or the committed one (read-only outside). */
  get w(): World {
    return this.draft ?? this.world;
  }

  /**
   * Runs `fn` with the world open for change. When someone records history (`onPatches` set: time
   * travel, persistence), the change is an immer transaction that yields patches and leaves the
   * previous world untouched; otherwise the world is changed in place, which is several times
   * faster (no proxies, no copies) and gives the same result.
   */
  transact<T>(fn: () => T): T {
    if (this.draft) return fn();
    const listener = this.onPatches;
    if (!listener) {
      this.draft = this.world;
      try {
        return fn();
      } finally {
        this.draft = null;
      }
    }
    let result!: T;
    const recipe = (d: World) => {
      this.draft = d;
      try {
        result = fn();
      } finally {
        this.draft = null;
      }
    };
    this.world = produce(this.world, recipe, (p, inv) => {
      if (p.length > 0) listener(p, inv);
    });
    return result;
  }

  now(): number {
    return this.w.clock.bootEpochUsec + this.w.clock.nowUsec;
  }

  uptime(): number {
    return this.w.clock.nowUsec;
  }

  driver(sb: SuperBlock): FsDriver {
    switch (sb.kind) {
      case "disk":
        return diskDriver;
      case "layer":
        return layerDriver;
      case "overlay":
        return overlayDriver;
      case "proc":
        return procDriver;
      case "sysfs":
        return sysfsDriver;
      case "cgroup2":
        return cgroupDriver;
      case "nsfs":
        return nsfsDriver;
    }
  }

  /** Gives a process (already in the world) its program and queues it to run. */
  startProcess(pid: number, prog: ProgramDef) {
    const p = this.w.procs[pid];
    const sys = new SysImpl(this, pid, p.argv, p.env);
    this.rt.set(pid, { gen: prog.main(sys), sys, resume: undefined, handlers: null, interrupted: false, cpuDebt: 0 });
    this.runQueue.push(pid);
  }

  layer(digest: string) {
    return this.layers.get(digest);
  }

  /** Registers an outside listener for data written to a sink file; returns the sink id. */
  addSink(cb: (bytes: string) => void): number {
    const id = this.nextSink++;
    this.outside.sinks.set(id, cb);
    return id;
  }

  // --- wait queues -----------------------------------------------------------------------------

  /** Makes every process waiting on `chan` runnable. */
  wake(chan: string) {
    for (const pid of this.chanWaiters.take(chan)) this.makeRunnable(pid);
  }

  makeRunnable(pid: number) {
    const p = this.w.procs[pid];
    if (!p || p.state === "Z" || p.state === "T") return;
    this.clearWait(pid);
    if (p.state !== "R") {
      p.state = "R";
      this.runQueue.push(pid);
    } else if (!this.runQueue.includes(pid) && !this.hungry.has(pid)) this.runQueue.push(pid);
  }

  clearWait(pid: number) {
    const p = this.w.procs[pid];
    const wait = p?.wait;
    if (wait?.kind === "chan") this.chanWaiters.remove(wait.chan, pid);
    this.timers.delete(pid);
    if (p) p.wait = null;
  }

  /** Records what a process now waits for. */
  setWait(pid: number, wait: Wait) {
    const p = this.w.procs[pid];
    const rt = this.rt.get(pid);
    if (!p || !rt) return;
    switch (wait.kind) {
      case "yield":
        p.state = "R";
        p.wait = null;
        this.runQueue.push(pid);
        return;
      case "cpu":
        p.state = "R";
        p.wait = wait;
        rt.cpuDebt = Math.max(1, wait.usec);
        this.hungry.add(pid);
        return;
      case "timer":
        p.state = "S";
        p.wait = wait;
        this.timers.set(pid, wait.until);
        return;
      case "chan": {
        p.state = "S";
        p.wait = wait;
        this.chanWaiters.add(wait.chan, pid);
        if (wait.until !== undefined) this.timers.set(pid, wait.until);
      }
    }
  }

  nextTimer(): number | undefined {
    let next: number | undefined;
    for (const t of this.timers.values()) if (next === undefined || t < next) next = t;
    return next;
  }

  fireTimers() {
    const now = this.w.clock.nowUsec;
    const due = [...this.timers.entries()].filter(([, t]) => t <= now).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    for (const [pid] of due) this.makeRunnable(pid);
  }
}
