import { describe, expect, it } from "vitest";
import { Errno, type Gen, type ProgramDef, type Sys } from "../../src/kernel";
import { newHost, run } from "../helpers/host";

function program(name: string, main: (sys: Sys) => Gen<number>): ProgramDef {
  return { name, main };
}

function* say(sys: Sys, text: string): Gen<void> {
  yield* sys.write(1, `${text}\n`);
}

const CG = "/sys/fs/cgroup/system.slice/demo";

/** Creates a cgroup and moves the calling process into it. */
function enter(sys: Sys, knobs: Record<string, string>) {
  sys.mkdir(CG);
  for (const [k, v] of Object.entries(knobs)) sys.writeFile(`${CG}/${k}`, v);
  sys.writeFile(`${CG}/cgroup.procs`, String(sys.getpid()));
}

describe("cgroup v2", () => {
  it("OOM-kills the largest process when memory.max is exceeded", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const hog = sys.fork(function* (c) {
            enter(c, { "memory.max": "64M" });
            for (;;) yield* c.alloc(8 * 1024 * 1024);
          });
          const r = yield* sys.wait(hog);
          yield* say(sys, `hog: ${r?.signal}`);
          yield* sys.write(1, sys.readFile(`${CG}/memory.events`));
          yield* say(sys, `max ${sys.readFile(`${CG}/memory.max`).trim()} current ${sys.readFile(`${CG}/memory.current`).trim()}`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe(
      "hog: KILL\nlow 0\nhigh 0\nmax 1\noom 1\noom_kill 1\noom_group_kill 0\nmax 67108864 current 0\n",
    );
  });

  it("makes fork fail with EAGAIN at pids.max", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const leader = sys.fork(function* (c) {
            enter(c, { "pids.max": "3" });
            const kids: number[] = [];
            try {
              for (let i = 0; i < 5; i++)
                kids.push(
                  c.fork(function* (g) {
                    yield* g.sleep(1000);
                    return 0;
                  }),
                );
            } catch (e) {
              if (!(e instanceof Errno)) throw e;
              yield* c.write(1, `fork #${kids.length + 1}: ${e.code}\n`);
            }
            yield* c.write(1, c.readFile(`${CG}/pids.current`) + c.readFile(`${CG}/pids.events`));
            return 0;
          });
          yield* sys.wait(leader);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("fork #3: EAGAIN\n3\nmax 1\n");
  });

  it("caps CPU time with cpu.max and counts throttling in cpu.stat", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const burner = sys.fork(function* (c) {
            enter(c, { "cpu.max": "50000 100000" });
            const start = c.uptime();
            while (c.uptime() - start < 2_000_000) yield* c.cpu(1000);
            return 0;
          });
          yield* sys.wait(burner);
          const stat = Object.fromEntries(
            sys
              .readFile(`${CG}/cpu.stat`)
              .trim()
              .split("\n")
              .map((l) => l.split(" ")),
          );
          yield* say(sys, `usage ${Math.round(Number(stat.usage_usec) / 1e5) / 10}s of 2s; periods ${stat.nr_periods}; throttled ${stat.nr_throttled}`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("usage 1s of 2s; periods 20; throttled 20\n");
  });

  it("shares CPUs by weight", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const mk = (name: string, weight: string) =>
            sys.fork(function* (c) {
              c.mkdir(`/sys/fs/cgroup/system.slice/${name}`);
              c.writeFile(`/sys/fs/cgroup/system.slice/${name}/cpu.weight`, weight);
              c.writeFile(`/sys/fs/cgroup/system.slice/${name}/cgroup.procs`, String(c.getpid()));
              // Three burners on two CPUs each, so the weights decide.
              for (let i = 0; i < 2; i++)
                c.fork(function* (g) {
                  for (;;) yield* g.cpu(1000);
                });
              for (;;) yield* c.cpu(1000);
            });
          const a = mk("heavy", "300");
          const b = mk("light", "100");
          yield* sys.sleep(10_000);
          const usage = (n: string) => Number(/usage_usec (\d+)/.exec(sys.readFile(`/sys/fs/cgroup/system.slice/${n}/cpu.stat`))![1]);
          yield* say(sys, `heavy/light = ${(usage("heavy") / usage("light")).toFixed(1)}; total ${((usage("heavy") + usage("light")) / 1e6).toFixed(1)}s`);
          sys.kill(a, "KILL");
          sys.kill(b, "KILL");
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("heavy/light = 3.0; total 20.0s\n");
  });

  it("refuses to remove a populated cgroup and rejects bad values", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const results: string[] = [];
          const attempt = (what: string, f: () => void) => {
            try {
              f();
              results.push(`${what}: ok`);
            } catch (e) {
              if (!(e instanceof Errno)) throw e;
              results.push(`${what}: ${e.code}`);
            }
          };
          sys.mkdir(CG);
          attempt("cpu.weight 0", () => sys.writeFile(`${CG}/cpu.weight`, "0"));
          attempt("memory.max junk", () => sys.writeFile(`${CG}/memory.max`, "lots"));
          attempt("memory.max 1g", () => sys.writeFile(`${CG}/memory.max`, "1G"));
          sys.writeFile(`${CG}/cgroup.procs`, String(sys.getpid()));
          attempt("rmdir busy", () => sys.rmdir(CG));
          // Not into system.slice: it has controllers enabled ("no internal processes").
          attempt("into system.slice", () => sys.writeFile("/sys/fs/cgroup/system.slice/cgroup.procs", String(sys.getpid())));
          sys.writeFile("/sys/fs/cgroup/cgroup.procs", String(sys.getpid()));
          attempt("rmdir empty", () => sys.rmdir(CG));
          yield* say(sys, results.join("\n"));
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe(
      "cpu.weight 0: ERANGE\nmemory.max junk: EINVAL\nmemory.max 1g: ok\nrmdir busy: EBUSY\ninto system.slice: EBUSY\nrmdir empty: ok\n",
    );
  });
});
