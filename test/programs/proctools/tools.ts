/** Test-only programs for the proctools tests (the shell is not registered yet). */
import type { Gen, ProgramDef, Sys } from "../../../src/kernel/api";

/** A program from a generator function, named for the test. */
export function program(name: string, main: (sys: Sys) => Gen<number>, rss?: number): ProgramDef {
  return { name, main, rss };
}

/** "runall CMD1 ARGS... ; CMD2 ARGS..." runs commands one after another (argv words ";" separate them), like sh -c "a; b". */
export const runall = program("runall", function* (sys) {
  const words = sys.argv.slice(1);
  let status = 0;
  while (words.length > 0) {
    const end = words.indexOf(";");
    const cmd = end < 0 ? words.splice(0) : words.splice(0, end + 1).slice(0, -1);
    if (cmd.length === 0) continue;
    if (cmd[0] === "echo-pid") {
      yield* sys.write(1, `${sys.getpid()}\n`);
      continue;
    }
    const path = cmd[0].includes("/") ? cmd[0] : `/usr/bin/${cmd[0]}`;
    try {
      const pid = sys.spawn(path, cmd);
      const r = yield* sys.wait(pid);
      status = r?.code ?? 128;
    } catch (e) {
      yield* sys.write(2, `runall: ${cmd[0]}: ${String(e)}\n`);
      status = 127;
    }
  }
  return status;
});

/** Sleeps for argv[1] seconds (default: a day). */
export const snooze = program("snooze", function* (sys) {
  yield* sys.sleep(Number(sys.argv[1] ?? 86400) * 1000);
  return 0;
});

/** Burns CPU in 10 ms slices, forever. */
export const burn = program("burn", function* (sys) {
  for (;;) yield* sys.cpu(10_000);
});

/** "bg CMD ARGS..." starts a command without waiting for it (its output goes nowhere). */
export const bg = program("bg", function* (sys) {
  const cmd = sys.argv.slice(1);
  const path = cmd[0].includes("/") ? cmd[0] : `/usr/bin/${cmd[0]}`;
  sys.spawn(path, cmd, { fds: {} });
  yield* sys.yield();
  return 0;
});
