import { describe, expect, it } from "vitest";
import { Errno, type Gen, type Main, type ProgramDef, type Sys } from "../../src/kernel";
import { newHost, run } from "../helpers/host";

function program(name: string, main: (sys: Sys) => Gen<number>): ProgramDef {
  return { name, main };
}

function* say(sys: Sys, text: string): Gen<void> {
  yield* sys.write(1, `${text}\n`);
}

const sleeper: Main = function* (sys) {
  yield* sys.sleep(1000_000);
  return 0;
};

describe("processes", () => {
  it("fork, exit codes and wait; the clock jumps over sleeps", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const t0 = sys.uptime();
          const a = sys.fork(function* (c) {
            yield* c.sleep(100_000);
            return 7;
          });
          const r = yield* sys.wait(a);
          yield* say(sys, `child ${r?.pid === a} code ${r?.code} slept ${(sys.uptime() - t0) / 1e6}s`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("child true code 7 slept 100s\n");
  });

  it("delivers signals: default actions, handlers, ignore, and SIGKILL", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const a = sys.fork(sleeper);
          const b = sys.fork(function* (c) {
            let got = "";
            c.signal("TERM", (s) => {
              got = s;
            });
            try {
              yield* c.sleep(1000_000);
            } catch (e) {
              if (!(e instanceof Errno)) throw e;
              yield* c.write(1, `b interrupted: ${e.code} after ${got}\n`);
            }
            return 3;
          });
          const c2 = sys.fork(function* (c) {
            c.signal("TERM", "ignore");
            yield* c.sleep(5_000);
            return 4;
          });
          yield* sys.sleep(1);
          sys.kill(a, "TERM");
          sys.kill(b, "TERM");
          sys.kill(c2, "TERM");
          for (const pid of [a, b, c2]) {
            const r = yield* sys.wait(pid);
            yield* say(sys, `${pid === a ? "a" : pid === b ? "b" : "c"}: ${r?.signal ?? `exit ${r?.code}`}`);
          }
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("a: TERM\nb interrupted: EINTR after TERM\nb: exit 3\nc: exit 4\n");
  });

  it("keeps zombies until reaped, and reparents orphans to init", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const z = sys.fork(function* () {
            return 0;
          });
          yield* sys.sleep(10);
          yield* say(sys, `zombie: ${sys.procInfo(z)?.state}`);
          const mid = sys.fork(function* (c) {
            c.fork(sleeper);
            return 0;
          });
          yield* sys.wait(mid);
          const orphan = sys.ps().find((p) => p.comm === "t" && p.pid !== sys.getpid() && p.pid !== z);
          yield* say(sys, `orphan parent: ${orphan?.ppid}`);
          yield* sys.wait(z);
          yield* say(sys, `reaped: ${sys.procInfo(z) === null}`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("zombie: Z\norphan parent: 1\nreaped: true\n");
  });

  it("gives a new pid namespace its own PID 1, NSpid, and init's signal protection", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const [r, w] = sys.pipe();
          const init = sys.fork(
            function* (c) {
              c.close(r);
              const inner = c.fork(function* (cc) {
                cc.close(w);
                return yield* sleeper(cc);
              });
              const status = c.readFile("/proc/self/status").split("\n").find((l) => l.startsWith("NSpid"));
              yield* c.write(w, `pid ${c.getpid()} ppid ${c.getppid()} child ${inner} ${status}\n`);
              c.close(w);
              // TERM from inside the namespace does nothing to its init.
              c.kill(1, "TERM");
              yield* c.sleep(1000_000);
              return 0;
            },
            { newNs: ["pid"] },
          );
          sys.close(w);
          let out = "";
          for (let chunk = yield* sys.read(r); chunk !== ""; chunk = yield* sys.read(r)) out += chunk;
          yield* sys.write(1, out.replace(String(init), "HOSTPID"));
          yield* sys.sleep(10);
          yield* say(sys, `alive after own TERM: ${sys.procInfo(init)?.state}`);
          // An init without a TERM handler ignores TERM even from the parent namespace (docker stop
          // then has to SIGKILL it); KILL from an ancestor namespace always works.
          sys.kill(init, "TERM");
          yield* sys.sleep(10);
          yield* say(sys, `alive after parent's TERM: ${sys.procInfo(init)?.state}`);
          sys.kill(init, "KILL");
          const res = yield* sys.wait(init);
          yield* say(sys, `KILL from parent ns: ${res?.signal}`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe(
      "pid 1 ppid 0 child 2 NSpid:\tHOSTPID\t1\nalive after own TERM: S\nalive after parent's TERM: S\nKILL from parent ns: KILL\n",
    );
  });

  it("kills the whole pid namespace when its init dies", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const init = sys.fork(
            function* (c) {
              c.fork(sleeper);
              c.fork(sleeper);
              yield* c.sleep(100);
              return 0;
            },
            { newNs: ["pid"] },
          );
          yield* sys.sleep(1);
          const inside = () => sys.ps().filter((p) => p.ppid === init).length;
          yield* say(sys, `before: ${inside()}`);
          yield* sys.wait(init);
          yield* sys.sleep(1);
          yield* say(sys, `after: ${sys.ps().filter((p) => p.comm === "t").length}`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("before: 2\nafter: 1\n");
  });
});

describe("pipes", () => {
  it("block the writer at 64 KiB and raise SIGPIPE when the reader is gone", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const [r, w] = sys.pipe();
          const writer = sys.fork(function* (c) {
            c.close(r);
            let total = 0;
            for (let i = 0; i < 100; i++) total += yield* c.write(w, "x".repeat(1024));
            return 0;
          });
          sys.close(w);
          yield* sys.sleep(10);
          const first = yield* sys.read(r, 1 << 20);
          yield* say(sys, `buffered ${first.length}`);
          sys.close(r);
          const res = yield* sys.wait(writer);
          yield* say(sys, `writer: ${res?.signal}`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("buffered 65536\nwriter: PIPE\n");
  });
});

describe("job control signals", () => {
  it("SIGSTOP freezes a sleeping process and SIGCONT resumes its sleep where it was", () => {
    const k = newHost({
      extra: [
        program("t", function* (sys) {
          const t0 = sys.uptime();
          const kid = sys.fork(function* (c) {
            yield* c.sleep(100_000);
            return 0;
          });
          yield* sys.sleep(1000);
          sys.kill(kid, "STOP");
          const stopped = yield* sys.wait(kid, { untraced: true });
          yield* say(sys, `stopped by ${stopped?.stopped}: ${sys.procInfo(kid)?.state}`);
          yield* sys.sleep(5000);
          sys.kill(kid, "CONT");
          const r = yield* sys.wait(kid);
          yield* say(sys, `exit ${r?.code} after ${(sys.uptime() - t0) / 1e6}s`);
          return 0;
        }),
      ],
    });
    expect(run(k, ["t"]).stdout).toBe("stopped by STOP: T\nexit 0 after 100s\n");
  });
});
