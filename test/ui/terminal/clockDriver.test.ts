import { describe, expect, it } from "vitest";
import { type Clocked, ClockDriver, type Scheduler } from "../../../src/ui/terminal/clockDriver";

/** A scheduler whose time and callbacks the test moves by hand. */
function fakeScheduler() {
  let now = 1000;
  let nextId = 1;
  const frames = new Map<number, () => void>();
  const timers = new Map<number, { run: () => void; ms: number }>();
  const scheduler: Scheduler = {
    now: () => now,
    requestFrame: (run) => {
      frames.set(nextId, run);
      return nextId++;
    },
    cancelFrame: (id) => frames.delete(id),
    setTimer: (run, ms) => {
      timers.set(nextId, { run, ms });
      return nextId++;
    },
    clearTimer: (id) => timers.delete(id),
  };
  return {
    scheduler,
    frames,
    timers,
    advance: (ms: number) => {
      now += ms;
    },
    runFrames: () => {
      const due = [...frames.values()];
      frames.clear();
      for (const f of due) f();
    },
    runTimers: () => {
      const due = [...timers.values()];
      timers.clear();
      for (const t of due) t.run();
    },
  };
}

/** A machine that answers tick() from a script and records the real time it was given. */
function scriptedMachine(answers: ReturnType<Clocked["tick"]>[]) {
  const ticks: number[] = [];
  const machine: Clocked = {
    tick: (ms) => {
      ticks.push(ms);
      return answers.shift() ?? { busy: false };
    },
  };
  return { machine, ticks };
}

describe("ClockDriver", () => {
  it("runs the machine at once on a kick, with the real time since it last ran", () => {
    const s = fakeScheduler();
    const m = scriptedMachine([{ busy: false }, { busy: false }]);
    const driver = new ClockDriver(m.machine, s.scheduler);
    s.advance(40);
    driver.kick();
    s.advance(2500);
    driver.kick();
    expect(m.ticks).toEqual([40, 2500]);
    expect(s.frames.size + s.timers.size).toBe(0);
  });

  it("keeps running on every frame while the machine is busy, and stops when it is idle", () => {
    const s = fakeScheduler();
    const m = scriptedMachine([{ busy: true }, { busy: true }, { busy: false }]);
    const driver = new ClockDriver(m.machine, s.scheduler);
    driver.kick();
    expect(s.frames.size).toBe(1);
    s.advance(16);
    s.runFrames();
    expect(s.frames.size).toBe(1);
    s.advance(17);
    s.runFrames();
    expect(m.ticks).toEqual([0, 16, 17]);
    expect(s.frames.size + s.timers.size).toBe(0);
  });

  it("asks for one frame however many keys arrive before it", () => {
    const s = fakeScheduler();
    const m = scriptedMachine([{ busy: true }, { busy: true }, { busy: true }]);
    const driver = new ClockDriver(m.machine, s.scheduler);
    driver.kick();
    driver.kick();
    driver.kick();
    expect(s.frames.size).toBe(1);
  });

  it("sleeps until the machine's next timer when nothing runs", () => {
    const s = fakeScheduler();
    const m = scriptedMachine([{ busy: false, wakeInMs: 99_999.2 }, { busy: false }]);
    const driver = new ClockDriver(m.machine, s.scheduler);
    driver.kick();
    expect([...s.timers.values()].map((t) => t.ms)).toEqual([100_000]);
    expect(s.frames.size).toBe(0);
    s.advance(100_000);
    s.runTimers();
    expect(m.ticks).toEqual([0, 100_000]);
    expect(s.timers.size).toBe(0);
  });

  it("replaces a pending timer when a key arrives first", () => {
    const s = fakeScheduler();
    const m = scriptedMachine([
      { busy: false, wakeInMs: 5000 },
      { busy: false, wakeInMs: 3000 },
    ]);
    const driver = new ClockDriver(m.machine, s.scheduler);
    driver.kick();
    s.advance(2000);
    driver.kick();
    expect([...s.timers.values()].map((t) => t.ms)).toEqual([3000]);
  });

  it("never asks setTimeout for a delay it would treat as zero", () => {
    const s = fakeScheduler();
    const m = scriptedMachine([{ busy: false, wakeInMs: 1e12 }]);
    new ClockDriver(m.machine, s.scheduler).kick();
    expect([...s.timers.values()].map((t) => t.ms)).toEqual([2 ** 31 - 1]);
  });

  it("does nothing more once stopped", () => {
    const s = fakeScheduler();
    const m = scriptedMachine([{ busy: true }]);
    const driver = new ClockDriver(m.machine, s.scheduler);
    driver.kick();
    driver.stop();
    expect(s.frames.size).toBe(0);
    driver.kick();
    expect(m.ticks).toEqual([0]);
  });
});
