/**
 * pg_ctl start|stop|status -D DIR [-o OPTIONS] [-w] [-m MODE]: starts postgres in the background
 * (through /bin/sh, as pg_ctl does, so -o is split by the shell) and waits for postmaster.pid to
 * say "ready", or signals it and waits for it to go, printing a dot per second of waiting.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err, out } from "../lib/io";

function readPid(sys: Sys, pgdata: string): { pid: number; ready: boolean } | null {
  try {
    const lines = sys.readFile(`${pgdata}/postmaster.pid`).split("\n");
    return { pid: Number(lines[0]), ready: lines[7]?.trim() === "ready" };
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    return null;
  }
}

/** Polls every 100 ms for up to 60 s; a dot each second. */
function* waitFor(sys: Sys, done: () => Gen<boolean>): Gen<boolean> {
  for (let i = 0; i < 600; i++) {
    if (yield* done()) return true;
    if (i % 10 === 0) yield* out(sys, ".");
    yield* sys.sleep(100);
  }
  return false;
}

export const pgCtl: ProgramDef = {
  name: "pg_ctl",
  *main(sys) {
    const args = sys.argv.slice(1);
    let pgdata = sys.env.PGDATA ?? "";
    let options = "";
    let action = "";
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-D") pgdata = args[++i] ?? "";
      else if (a.startsWith("--pgdata=")) pgdata = a.slice(9);
      else if (a === "-o") options += ` ${args[++i] ?? ""}`;
      else if (a === "-m" || a === "-l" || a === "-t") i++;
      else if (!a.startsWith("-")) action = a;
    }
    if (!action) {
      yield* err(sys, 'pg_ctl: no operation specified\nTry "pg_ctl --help" for more information.\n');
      return 1;
    }
    if (!pgdata) {
      yield* err(sys, 'pg_ctl: no database directory specified and environment variable PGDATA unset\nTry "pg_ctl --help" for more information.\n');
      return 1;
    }
    const pidFile = `${pgdata}/postmaster.pid`;
    if (action === "start") {
      if (readPid(sys, pgdata)) {
        yield* err(sys, `pg_ctl: another server might be running; trying to start server anyway\n`);
      }
      const exe = sys.readlink("/proc/self/exe").replace(/pg_ctl$/, "postgres");
      const child = sys.spawn("/bin/sh", ["/bin/sh", "-c", `exec "${exe}" -D "${pgdata}"${options}`], { fds: { 0: 0, 1: 1, 2: 2 } });
      yield* out(sys, "waiting for server to start...");
      let exited = false;
      const ok = yield* waitFor(sys, function* () {
        if (readPid(sys, pgdata)?.ready) return true;
        exited = (yield* sys.wait(child, { nohang: true })) !== null;
        return exited;
      });
      if (!ok || exited) {
        yield* out(sys, " stopped waiting\n");
        yield* err(sys, "pg_ctl: could not start server\nExamine the log output.\n");
        return 1;
      }
      yield* out(sys, " done\nserver started\n");
      return 0;
    }
    if (action === "stop" || action === "status") {
      const running = readPid(sys, pgdata);
      if (!running) {
        if (action === "status") {
          yield* out(sys, "pg_ctl: no server running\n");
          return 3;
        }
        yield* err(sys, `pg_ctl: PID file "${pidFile}" does not exist\nIs server running?\n`);
        return 1;
      }
      if (action === "status") {
        yield* out(sys, `pg_ctl: server is running (PID: ${running.pid})\n`);
        return 0;
      }
      try {
        sys.kill(running.pid, "INT");
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        yield* err(sys, `pg_ctl: could not send stop signal (PID: ${running.pid}): ${e.message}\n`);
        return 1;
      }
      yield* out(sys, "waiting for server to shut down...");
      if (!(yield* waitFor(sys, function* () { return readPid(sys, pgdata) === null; }))) {
        yield* out(sys, " failed\n");
        yield* err(sys, "pg_ctl: server does not shut down\n");
        return 1;
      }
      yield* out(sys, " done\nserver stopped\n");
      return 0;
    }
    yield* err(sys, `pg_ctl: unrecognized operation mode "${action}"\nTry "pg_ctl --help" for more information.\n`);
    return 1;
  },
};
