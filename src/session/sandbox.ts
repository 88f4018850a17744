/**
 * A sandbox session: the host machine with a terminal and root's shell on it, and the clock driver.
 * The browser calls tick() as real time passes; tests and the headless runner let the clock jump.
 */
import { utf8Encode, toUint8 } from "../kernel/bytes";
import { exitStatus, type Kernel, openTty, resizeTty, run, spawn, typeInto } from "../kernel";
import { bootSandboxHost, HOST_ENV, HOST_LOGIN_SHELL } from "./host";
import { loadHelpTexts } from "../cli/flags/help";
import { endLogin, type Login, registerLogin } from "./login";

export interface SandboxOptions {
  seed?: number;
  rows?: number;
  cols?: number;
  /** Let the clock jump over idle time (tests) instead of following real time (browser). */
  instant?: boolean;
  /** Virtual seconds per real second (browser). */
  speed?: number;
  /**
   * Real milliseconds a tick may run before it yields (the page's frame budget, 8). Tests pass
   * Infinity, so that what a tick does never depends on how fast the machine running them is.
   */
  tickBudgetMs?: number;
}

/** Most process resumptions per tick, so a runaway script never freezes the page. */
const STEPS_PER_TICK = 20_000;
/** Real time one tick may take (ms): the page keeps painting and ^C gets through. */
const TICK_BUDGET_MS = 8;

export class Sandbox {
  readonly kernel: Kernel;
  private readonly tty: number;
  private shellPid = 0;
  /** The login the terminal's shell runs in (logind session, utmp entry). */
  private login?: Login;
  private readonly listeners = new Set<(bytes: Uint8Array) => void>();
  /** Output written before anyone listened (the first prompt): given to the first listener. */
  private early: Uint8Array[] = [];
  private readonly instant: boolean;
  private readonly speed: number;
  private readonly tickBudgetMs: number;

  private constructor(opts: SandboxOptions) {
    this.kernel = bootSandboxHost(opts.seed ?? 1);
    this.instant = opts.instant ?? false;
    this.speed = opts.speed ?? 1;
    this.tickBudgetMs = opts.tickBudgetMs ?? TICK_BUDGET_MS;
    this.tty = openTty(
      this.kernel,
      (bytes) => {
        const arr = toUint8(bytes);
        if (this.listeners.size === 0) this.early.push(arr);
        for (const l of this.listeners) l(arr);
      },
      opts.rows ?? 24,
      opts.cols ?? 80,
    );
  }

  static create(opts: SandboxOptions = {}): Sandbox {
    // The docker help texts come in their own chunk; fetch it while the user reads the prompt.
    void loadHelpTexts();
    const s = new Sandbox(opts);
    s.startShell();
    return s;
  }

  private startShell() {
    if (this.login) endLogin(this.kernel, this.login);
    this.shellPid = spawn(this.kernel, {
      ...HOST_LOGIN_SHELL,
      env: { ...HOST_ENV, TERM: "xterm-256color" },
      cwd: "/root",
      tty: this.tty,
    });
    const tty = this.kernel.w.ttys[this.tty].name;
    this.login = registerLogin(this.kernel, { pid: this.shellPid, tty, user: "root", uid: 0 }, this.login?.session);
    run(this.kernel, { instant: false, maxSteps: STEPS_PER_TICK });
  }

  onOutput(cb: (bytes: Uint8Array) => void): () => void {
    this.listeners.add(cb);
    for (const chunk of this.early) cb(chunk);
    this.early = [];
    return () => this.listeners.delete(cb);
  }

  /** Keystrokes as the terminal emulator sends them (a JS string; sent to the tty as UTF-8). */
  input(data: string) {
    typeInto(this.kernel, this.tty, utf8Encode(data));
  }

  resize(rows: number, cols: number) {
    resizeTty(this.kernel, this.tty, rows, cols);
  }

  /**
   * Runs the machine for `realMs` of real time. `busy`: work is waiting, call again on the next
   * frame. `wakeInMs`: real time until the next timer (sleep, top's refresh), when not busy.
   */
  tick(realMs: number): { busy: boolean; wakeInMs?: number } {
    const k = this.kernel;
    // The session may look at real time (the kernel may not): a tick stops at its budget.
    const deadline = performance.now() + this.tickBudgetMs;
    const overBudget = () => performance.now() > deadline;
    const state = this.instant
      ? run(k, { instant: true, maxSteps: STEPS_PER_TICK, until: () => (k.runQueue.length === 0 && k.hungry.size === 0) || overBudget() })
      : run(k, {
          instant: true,
          maxUptime: k.w.clock.nowUsec + Math.max(0, Math.round(realMs * 1000 * this.speed)),
          maxSteps: STEPS_PER_TICK,
          until: overBudget,
        });
    if (exitStatus(k, this.shellPid) !== undefined) this.startShell();
    const cut = state === "done" && overBudget();
    const busy = state === "busy" || cut || k.runQueue.length > 0 || k.hungry.size > 0;
    const next = k.nextTimer();
    if (busy || next === undefined) return { busy };
    return { busy, wakeInMs: Math.max(0, (next - k.w.clock.nowUsec) / 1000 / this.speed) };
  }

  /** Whether the shell is waiting for the user (nothing runs in the foreground). */
  get shell(): number {
    return this.shellPid;
  }
}
