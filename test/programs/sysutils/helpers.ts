/** Test-only programs that drive others without a shell: timing a command, and a two-stage pipeline. */
import type { ProgramDef, WaitResult } from "../../../src/kernel/api";
import { spawnOnPath } from "../../../src/programs/lib/runcommand";

const status = (w: WaitResult | null) => (w?.signal ? `signal ${w.signal}` : `exit ${w?.code}`);

/** test-elapsed CMD ARGS...: runs CMD, then prints its status and the virtual time it took (ms). */
export const elapsed: ProgramDef = {
  name: "test-elapsed",
  *main(sys) {
    const start = sys.now();
    const pid = spawnOnPath(sys, sys.argv[1], sys.argv.slice(1), { fds: { 0: 0, 1: 1, 2: 2 } });
    const w = yield* sys.wait(pid);
    yield* sys.write(1, `${status(w)} after ${Math.round((sys.now() - start) / 1000)}ms\n`);
    return 0;
  },
};

/** test-pipe A ARGS... '|' B ARGS...: A's stdout into B's stdin; prints both statuses after B's output. */
export const pipeline: ProgramDef = {
  name: "test-pipe",
  *main(sys) {
    const bar = sys.argv.indexOf("|");
    const left = sys.argv.slice(1, bar);
    const right = sys.argv.slice(bar + 1);
    const [r, w] = sys.pipe();
    const a = spawnOnPath(sys, left[0], left, { fds: { 0: 0, 1: w, 2: 2 } });
    const b = spawnOnPath(sys, right[0], right, { fds: { 0: r, 1: 1, 2: 2 } });
    // Let the children start (and take their copies of the pipe) before letting go of ours.
    yield* sys.yield();
    sys.close(r);
    sys.close(w);
    const wb = yield* sys.wait(b);
    const wa = yield* sys.wait(a);
    yield* sys.write(1, `[${status(wa)}] [${status(wb)}]\n`);
    return 0;
  },
};

/**
 * test-grow FILE SECS CMD ARGS...: runs CMD while a child appends "line N\n" to FILE every SECS
 * seconds (three times), then prints CMD's status.
 */
export const grow: ProgramDef = {
  name: "test-grow",
  *main(sys) {
    const [, file, secs, ...cmd] = sys.argv;
    sys.fork(function* (w) {
      for (let n = 1; n <= 3; n++) {
        yield* w.sleep(Number(secs) * 1000);
        w.writeFile(file, `line ${n}\n`, { append: true });
      }
      return 0;
    });
    const pid = spawnOnPath(sys, cmd[0], cmd, { fds: { 0: 0, 1: 1, 2: 2 } });
    const st = yield* sys.wait(pid);
    yield* sys.write(1, `[${status(st)}]\n`);
    return 0;
  },
};
