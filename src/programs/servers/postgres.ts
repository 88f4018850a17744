/**
 * postgres, the server: refuses root, reads $PGDATA (made by initdb), logs its start as 17.x does,
 * runs the auxiliary processes (checkpointer, background writer, walwriter, autovacuum launcher,
 * logical replication launcher), accepts clients on 5432 (a backend process per connection,
 * pg_hba.conf trust / password methods) and shuts down on SIGINT/SIGTERM (fast/smart) with the
 * real log lines. Queries run through lib/sql.ts.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err, out } from "../lib/io";
import { SocketReader } from "../net/lib/http";
import { listenOn, send } from "./lib/http";
import { loadStore, PG_PORT, PG_SOCKET, pgLogLine, pgTime, pgVersion, pgVersionString, saveStore, type Store } from "./lib/pg";
import { runStatement } from "./lib/sql";

const AUX = ["checkpointer", "background writer", "walwriter", "autovacuum launcher", "logical replication launcher"];

interface Options {
  pgdata: string;
  listen: string;
  port: number;
}

function parseOptions(sys: Sys, args: string[]): Options | string {
  const o: Options = { pgdata: sys.env.PGDATA ?? "", listen: "localhost", port: PG_PORT };
  const setting = (kv: string) => {
    const eq = kv.indexOf("=");
    const [k, v] = [kv.slice(0, eq).trim().replace(/-/g, "_"), kv.slice(eq + 1).trim().replace(/^'(.*)'$/, "$1")];
    if (k === "listen_addresses") o.listen = v;
    else if (k === "port") o.port = Number(v);
  };
  let conf = "";
  const dirArg = args.indexOf("-D");
  if (dirArg >= 0) o.pgdata = args[dirArg + 1] ?? "";
  if (!o.pgdata) return 'postgres does not know where to find the server configuration file.\nYou must specify the --config-file or -D invocation option or set the PGDATA environment variable.\n';
  try {
    conf = sys.readFile(`${o.pgdata}/postgresql.conf`);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    return `postgres: could not access the server configuration file "${o.pgdata}/postgresql.conf": ${e.message}\n`;
  }
  for (const line of conf.split("\n")) {
    const m = /^\s*(listen_addresses|port)\s*=\s*('[^']*'|\S+)/.exec(line);
    if (m) setting(`${m[1]}=${m[2]}`);
  }
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "-c") setting(args[++i] ?? "");
    else if (args[i].startsWith("--")) setting(args[i].slice(2));
    else if (args[i] === "-p") o.port = Number(args[++i]);
    else if (args[i] === "-D") i++;
  }
  return o;
}

interface HbaRule {
  line: number;
  text: string;
  local: boolean;
  address: string;
  method: string;
}

function hbaRules(sys: Sys, pgdata: string): HbaRule[] {
  let text = "";
  try {
    text = sys.readFile(`${pgdata}/pg_hba.conf`);
  } catch {
    return [];
  }
  const rules: HbaRule[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) return;
    const f = line.split(/\s+/);
    if (f[1] === "replication" || f[2] === "replication") return;
    if (f[0] === "local") rules.push({ line: i + 1, text: line, local: true, address: "", method: f[3] });
    else if (f[0] === "host") rules.push({ line: i + 1, text: line, local: false, address: f[3], method: f[4] });
  });
  return rules;
}

function addressMatches(rule: string, ip: string): boolean {
  if (rule === "all" || rule === "0.0.0.0/0") return true;
  if (rule === "127.0.0.1/32") return ip === "127.0.0.1";
  return rule === `${ip}/32`;
}

function readPassword(sys: Sys, pgdata: string, user: string): string | null {
  try {
    const roles = JSON.parse(sys.readFile(`${pgdata}/global/1260`)) as Record<string, string | null>;
    return user in roles ? roles[user] : null;
  } catch {
    return null;
  }
}

function roleExists(sys: Sys, pgdata: string, user: string): boolean {
  try {
    return user in (JSON.parse(sys.readFile(`${pgdata}/global/1260`)) as Record<string, unknown>);
  } catch {
    return false;
  }
}

interface Startup {
  user: string;
  database: string;
  password?: string;
  local?: boolean;
  application?: string;
}

/** One backend: authenticates the client, then runs its queries until it leaves. */
function* backend(sys: Sys, fd: number, peer: { ip: string; port: number }, o: Options, store: Store): Gen<number> {
  const reader = new SocketReader(sys, fd);
  const reply = (msg: unknown) => send(sys, fd, `${JSON.stringify(msg)}\n`);
  const first = yield* reader.until("\n");
  let hello: Startup;
  try {
    hello = JSON.parse(first ?? "") as Startup;
  } catch {
    yield* err(sys, pgLogLine(sys, "LOG", "invalid length of startup packet"));
    return 0;
  }
  const fatal = function* (msg: string, detail?: string): Gen<number> {
    yield* err(sys, pgLogLine(sys, "FATAL", msg) + (detail ? pgLogLine(sys, "DETAIL", detail) : ""));
    yield* reply({ fatal: msg });
    return 0;
  };
  const local = hello.local === true;
  const rule = hbaRules(sys, o.pgdata).find((r) => r.local === local && (local || addressMatches(r.address, peer.ip)));
  if (!rule) return yield* fatal(`no pg_hba.conf entry for host "${peer.ip}", user "${hello.user}", database "${hello.database}", no encryption`);
  if (rule.method !== "trust") {
    const expected = readPassword(sys, o.pgdata, hello.user);
    if (hello.password === undefined) {
      yield* reply({ password: true });
      return 0;
    }
    if (expected === null || hello.password !== expected)
      return yield* fatal(
        `password authentication failed for user "${hello.user}"`,
        `Connection matched file "${o.pgdata}/pg_hba.conf" line ${rule.line}: "${rule.text}"`,
      );
  }
  if (!roleExists(sys, o.pgdata, hello.user)) return yield* fatal(`role "${hello.user}" does not exist`);
  if (!store.databases.includes(hello.database)) return yield* fatal(`database "${hello.database}" does not exist`);
  if (!(yield* reply({ ok: true, superuser: true, server: pgVersion(sys) }))) return 0;
  const session = { user: hello.user, database: hello.database, version: pgVersionString(sys), now: () => `${pgTime(sys.now()).replace(" UTC", "")}+00` };
  for (;;) {
    const line = yield* reader.until("\n");
    if (line === null) return 0;
    const msg = JSON.parse(line) as { q?: string; catalog?: "databases" | "tables" };
    if (msg.catalog) {
      const names = msg.catalog === "databases" ? store.databases : Object.keys(store.tables[hello.database] ?? {});
      if (!(yield* send(sys, fd, `${JSON.stringify(names)}\n`))) return 0;
      continue;
    }
    const q = msg.q ?? "";
    const { reply: r, changed } = runStatement(q, session, store);
    if (changed) saveStore(sys, o.pgdata, store);
    if (r.kind === "error") yield* err(sys, pgLogLine(sys, "ERROR", r.message) + pgLogLine(sys, "STATEMENT", q));
    if (!(yield* reply(r))) return 0;
  }
}

/** An auxiliary process: exists until the postmaster tells it to go. */
function* auxiliary(sys: Sys): Gen<number> {
  let done = false;
  for (const s of ["TERM", "INT", "USR2", "QUIT"] as const)
    sys.signal(s, () => {
      done = true;
    });
  while (!done) {
    try {
      yield* sys.sleep(3_600_000);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
  }
  return sys.env.PG_AUX === "logical replication launcher" ? 1 : 0;
}

function* postmaster(sys: Sys, o: Options): Gen<number> {
  const log = (msg: string, pid?: number) => err(sys, pgLogLine(sys, "LOG", msg, pid));
  yield* log(`starting ${pgVersionString(sys)}`);
  const addresses = o.listen === "*" ? ["0.0.0.0"] : o.listen === "" ? [] : o.listen.split(",").map((a) => (a.trim() === "localhost" ? "127.0.0.1" : a.trim()));
  // With no TCP address the Unix socket still needs a way in: a loopback listener stands for it.
  const bind = addresses.length ? addresses[0] : "127.0.0.1";
  const l = listenOn(sys, bind, o.port);
  if (l instanceof Errno) {
    yield* err(sys, pgLogLine(sys, "LOG", `could not bind IPv4 address "${bind}": ${l.message}`) + pgLogLine(sys, "HINT", `Is another postmaster already running on port ${o.port}? If not, wait a few seconds and retry.`));
    yield* err(sys, pgLogLine(sys, "FATAL", "could not create any TCP/IP sockets"));
    return 1;
  }
  if (o.listen === "*") {
    yield* log(`listening on IPv4 address "0.0.0.0", port ${o.port}`);
    yield* log(`listening on IPv6 address "::", port ${o.port}`);
  } else for (const a of addresses) yield* log(`listening on IPv4 address "${a}", port ${o.port}`);
  try {
    sys.mknod(PG_SOCKET, 0o140777);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
  }
  yield* log(`listening on Unix socket "${PG_SOCKET}"`);
  const pidFile = `${o.pgdata}/postmaster.pid`;
  sys.writeFile(pidFile, `${sys.getpid()}\n${o.pgdata}\n${Math.floor(sys.now() / 1e6)}\n${o.port}\n/var/run/postgresql\n${o.listen === "*" ? "*" : bind}\n  5432001         0\nready   \n`, { mode: 0o600 });
  const exe = sys.readlink("/proc/self/exe");
  const control = `${o.pgdata}/global/pg_control`;
  let lastShutdown = "";
  try {
    lastShutdown = sys.readFile(control).trim();
  } catch {
    lastShutdown = pgTime(sys.now()).replace(/\.\d+ /, " ");
  }
  const startup = sys.fork(function* (c) {
    yield* c.write(2, pgLogLine(c, "LOG", `database system was shut down at ${lastShutdown}`));
    return 0;
  });
  yield* sys.wait(startup);
  const aux = AUX.map((name) =>
    sys.fork(function* (c) {
      return c.exec(exe, [`postgres: ${name} `], { ...c.env, PG_AUX: name });
    }),
  );
  yield* log("database system is ready to accept connections");
  let stop: "INT" | "TERM" | null = null;
  sys.signal("INT", () => {
    stop = "INT";
  });
  sys.signal("TERM", () => {
    stop = "TERM";
  });
  sys.signal("PIPE", "ignore");
  sys.signal("CHLD", "ignore");
  const store = loadStore(sys, o.pgdata);
  while (stop === null) {
    let conn: { fd: number; peer: { ip: string; port: number } };
    try {
      conn = yield* sys.tcpAccept(l);
    } catch (e) {
      if (e instanceof Errno && e.code === "EINTR") continue;
      throw e;
    }
    sys.fork(function* (c) {
      c.close(l);
      return yield* backend(c, conn.fd, conn.peer, o, store);
    });
    sys.close(conn.fd);
  }
  sys.close(l);
  yield* log(stop === "INT" ? "received fast shutdown request" : "received smart shutdown request");
  if (stop === "INT") yield* log("aborting any active transactions");
  const [checkpointer, , , , launcher] = aux;
  for (const pid of aux.slice(1)) sys.kill(pid, "TERM");
  yield* log(`background worker "logical replication launcher" (PID ${launcher}) exited with exit code 1`);
  yield* log("shutting down", checkpointer);
  yield* log("checkpoint starting: shutdown immediate", checkpointer);
  yield* log("checkpoint complete: wrote 3 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled; write=0.002 s, sync=0.001 s, total=0.004 s; sync files=2, longest=0.001 s, average=0.001 s; distance=0 kB, estimate=0 kB; lsn=0/1908980, redo lsn=0/1908980", checkpointer);
  sys.kill(checkpointer, "USR2");
  sys.writeFile(control, `${pgTime(sys.now()).replace(/\.\d+ /, " ")}\n`, { mode: 0o600 });
  for (const path of [pidFile, PG_SOCKET]) {
    try {
      sys.unlink(path);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
  }
  yield* log("database system is shut down");
  return 0;
}

export const postgres: ProgramDef = {
  name: "postgres",
  rss: 24 * 1024 * 1024,
  *main(sys) {
    if (sys.env.PG_AUX) return yield* auxiliary(sys);
    const args = sys.argv.slice(1);
    if (args[0] === "--version" || args[0] === "-V") {
      yield* out(sys, `postgres (PostgreSQL) ${pgVersion(sys)} (Debian ${sys.env.PG_VERSION ?? "17.4-1.pgdg120+2"})\n`);
      return 0;
    }
    if (sys.geteuid() === 0) {
      yield* err(
        sys,
        '"root" execution of the PostgreSQL server is not permitted.\nThe server must be started under an unprivileged user ID to prevent\npossible system security compromise.  See the documentation for\nmore information on how to properly start the server.\n',
      );
      return 1;
    }
    const o = parseOptions(sys, args);
    if (typeof o === "string") {
      yield* err(sys, o);
      return 2;
    }
    return yield* postmaster(sys, o);
  },
};
