/**
 * Drives the simulated machine's clock with real time. The kernel has no timers of its own: the
 * page runs it for the real time that passed, on each keystroke and then every animation frame
 * while it has work, or once when its next timer (a `sleep`) is due. An idle machine costs nothing.
 */

/** What the driver needs of a session (Sandbox.tick). */
export interface Clocked {
  tick(realMs: number): { busy: boolean; wakeInMs?: number };
}

/** The browser's clock and schedulers, injectable so the driver runs under test without a page. */
export interface Scheduler {
  now(): number;
  requestFrame(run: () => void): number;
  cancelFrame(id: number): void;
  setTimer(run: () => void, ms: number): number;
  clearTimer(id: number): void;
}

export const browserScheduler: Scheduler = {
  now: () => performance.now(),
  requestFrame: (run) => requestAnimationFrame(run),
  cancelFrame: (id) => cancelAnimationFrame(id),
  setTimer: (run, ms) => window.setTimeout(run, ms),
  clearTimer: (id) => window.clearTimeout(id),
};

/** setTimeout fires at once for delays past 2^31-1 ms; a `sleep 1000000000` must not spin. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class ClockDriver {
  private last: number;
  private frame: number | undefined;
  private timer: number | undefined;
  private stopped = false;

  constructor(
    private readonly machine: Clocked,
    private readonly scheduler: Scheduler = browserScheduler,
  ) {
    this.last = scheduler.now();
  }

  /** Something happened (a keystroke, a resize): run the machine now, then keep it going as needed. */
  kick(): void {
    this.step();
  }

  /** Stops driving; the machine keeps its state but its clock no longer moves. */
  stop(): void {
    this.stopped = true;
    this.cancelPending();
  }

  private readonly onFrame = () => {
    this.frame = undefined;
    this.step();
  };

  private readonly onTimer = () => {
    this.timer = undefined;
    this.step();
  };

  private step(): void {
    if (this.stopped) return;
    const now = this.scheduler.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    const { busy, wakeInMs } = this.machine.tick(elapsed);
    if (this.timer !== undefined) {
      this.scheduler.clearTimer(this.timer);
      this.timer = undefined;
    }
    if (busy) {
      if (this.frame === undefined) this.frame = this.scheduler.requestFrame(this.onFrame);
    } else if (wakeInMs !== undefined && this.frame === undefined) {
      this.timer = this.scheduler.setTimer(this.onTimer, Math.min(Math.ceil(wakeInMs), MAX_TIMER_MS));
    }
  }

  private cancelPending(): void {
    if (this.frame !== undefined) this.scheduler.cancelFrame(this.frame);
    if (this.timer !== undefined) this.scheduler.clearTimer(this.timer);
    this.frame = this.timer = undefined;
  }
}
