/**
 * psql: connects over the Unix socket (the default) or -h HOST, asks for a password when the server
 * wants one, runs -c commands, -f files, piped scripts or an interactive session, and prints results
 * in its aligned format. Backslash commands: \q \l \dt \conninfo \? (short) and help.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err, out } from "../lib/io";
import { SocketReader } from "../net/lib/http";
import { resolveHost } from "../net/lib/resolver";
import { send } from "../servers/lib/http";
import { alignedTable, PG_PORT, PG_SOCKET, PG_SOCKET_DIR, pgPackageVersion, pgVersion, type Reply, type ResultSet } from "../servers/lib/pg";
import { splitStatements } from "../servers/lib/sql";

interface Conn {
  reader: SocketReader;
  fd: number;
  user: string;
  database: string;
  /** How \conninfo and errors name the server. */
  where: string;
  host?: { name: string; ip: string };
}

interface Options {
  user: string;
  database: string;
  host?: string;
  port: number;
  commands: string[];
  file?: string;
  quiet: boolean;
  tuplesOnly: boolean;
  forcePassword: boolean;
}

function parseArgs(sys: Sys, argv: string[]): Options | string {
  const me = sys.readFile("/etc/passwd").split("\n").find((l) => Number(l.split(":")[2]) === sys.geteuid())?.split(":")[0] ?? "root";
  const o: Options = { user: sys.env.PGUSER ?? "", database: sys.env.PGDATABASE ?? "", host: sys.env.PGHOST, port: Number(sys.env.PGPORT ?? PG_PORT), commands: [], quiet: false, tuplesOnly: false, forcePassword: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const take = (short: string, long: string): string | null => {
      if (a === short || a === long) return argv[++i] ?? "";
      if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
      if (a.startsWith(short) && a.length > 2 && !a.startsWith("--")) return a.slice(2);
      return null;
    };
    let v: string | null;
    if ((v = take("-U", "--username")) !== null) o.user = v;
    else if ((v = take("-d", "--dbname")) !== null) o.database = v;
    else if ((v = take("-h", "--host")) !== null) o.host = v;
    else if ((v = take("-p", "--port")) !== null) o.port = Number(v);
    else if ((v = take("-c", "--command")) !== null) o.commands.push(v);
    else if ((v = take("-f", "--file")) !== null) o.file = v;
    else if ((v = take("-v", "--set")) !== null) continue;
    else if (a === "-q" || a === "--quiet") o.quiet = true;
    else if (a === "-t" || a === "--tuples-only") o.tuplesOnly = true;
    else if (a === "-W" || a === "--password") o.forcePassword = true;
    else if (a === "-X" || a === "--no-psqlrc" || a === "-w" || a === "--no-password") continue;
    else if (a.startsWith("-")) return `psql: error: invalid option -- '${a.replace(/^-+/, "")}'\npsql: hint: Try "psql --help" for more information.\n`;
    else positional.push(a);
  }
  if (positional[0] && !o.database) o.database = positional[0];
  if (positional[1] && !o.user) o.user = positional[1];
  o.user ||= me;
  o.database ||= o.user;
  return o;
}

function* readPassword(sys: Sys, user: string): Gen<string | null> {
  if (!sys.isatty(0)) return null;
  yield* sys.write(1, `Password for user ${user}: `);
  const saved = sys.tcgetattr(0);
  sys.tcsetattr(0, { echo: false });
  const line = yield* new SocketReader(sys, 0).until("\n");
  sys.tcsetattr(0, { echo: saved.echo });
  yield* sys.write(1, "\n");
  return line === null ? null : line.replace(/\n$/, "");
}

/** Opens a session, or returns psql's error text. */
function* connect(sys: Sys, o: Options): Gen<Conn | string> {
  let ip = "127.0.0.1";
  let where = `connection to server on socket "${PG_SOCKET}" failed`;
  let host: Conn["host"];
  if (o.host && !o.host.startsWith("/")) {
    const r = yield* resolveHost(sys, o.host);
    if (!r.ok) return `psql: error: could not translate host name "${o.host}" to address: ${r.error === "again" ? "Temporary failure in name resolution" : "Name or service not known"}\n`;
    ip = r.addrs[0];
    host = { name: o.host, ip };
    where = `connection to server at "${o.host}" (${ip}), port ${o.port} failed`;
  } else {
    try {
      sys.lstat(PG_SOCKET);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      return `psql: error: ${where}: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n`;
    }
  }
  let password: string | undefined = sys.env.PGPASSWORD;
  if (o.forcePassword) password = (yield* readPassword(sys, o.user)) ?? undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = yield* sys.tcpConnect(ip, o.port);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      if (!host) return `psql: error: ${where}: No such file or directory\n\tIs the server running locally and accepting connections on that socket?\n`;
      return `psql: error: ${where}: ${e.message}\n\tIs the server running on that host and accepting TCP/IP connections?\n`;
    }
    const reader = new SocketReader(sys, fd);
    yield* send(sys, fd, `${JSON.stringify({ user: o.user, database: o.database, password, local: !host })}\n`);
    const line = yield* reader.until("\n");
    const hello = JSON.parse(line ?? '{"fatal":"server closed the connection unexpectedly"}') as { ok?: boolean; fatal?: string; password?: boolean };
    if (hello.ok) return { reader, fd, user: o.user, database: o.database, where, host };
    sys.close(fd);
    if (hello.fatal) return `psql: error: ${where}: FATAL:  ${hello.fatal}\n`;
    if (hello.password) {
      if (attempt > 0 || password !== undefined) break;
      const typed = yield* readPassword(sys, o.user);
      if (typed === null) return `psql: error: ${where}: fe_sendauth: no password supplied\n`;
      password = typed;
    }
  }
  return `psql: error: ${where}: fe_sendauth: no password supplied\n`;
}

function* query(sys: Sys, c: Conn, sql: string): Gen<Reply> {
  yield* send(sys, c.fd, `${JSON.stringify({ q: sql })}\n`);
  const line = yield* c.reader.until("\n");
  if (line === null) return { kind: "error", message: "server closed the connection unexpectedly" };
  return JSON.parse(line) as Reply;
}

/** "LINE 1: select * from x;" and the caret under the error position. */
function errorText(sql: string, r: Extract<Reply, { kind: "error" }>): string {
  let text = `ERROR:  ${r.message}\n`;
  if (r.position !== undefined) {
    const before = sql.slice(0, r.position - 1);
    const lineNo = before.split("\n").length;
    const line = sql.split("\n")[lineNo - 1];
    const col = before.length - before.lastIndexOf("\n") - 1;
    const prefix = `LINE ${lineNo}: `;
    text += `${prefix}${line}\n${" ".repeat(prefix.length + col)}^\n`;
  }
  return text;
}

function databasesTable(sys: Sys, names: string[]): ResultSet {
  const major = Number(pgVersion(sys).split(".")[0]);
  const cols = ["Name", "Owner", "Encoding", "Locale Provider", "Collate", "Ctype", major >= 17 ? "Locale" : "ICU Locale", "ICU Rules", "Access privileges"];
  const rows = [...names].sort().map((n) => [n, "postgres", "UTF8", "libc", "en_US.utf8", "en_US.utf8", "", "", n.startsWith("template") ? "=c/postgres\npostgres=CTc/postgres" : ""]);
  return { columns: cols.map((name) => ({ name, type: "name" })), rows };
}

/** Runs one backslash command; false when it asks to quit. */
function* backslash(sys: Sys, c: Conn, line: string, o: Options): Gen<boolean> {
  const [cmd, ...rest] = line.trim().split(/\s+/);
  switch (cmd) {
    case "\\q":
      return false;
    case "\\l":
    case "\\list": {
      const dbs = yield* catalog(sys, c, "databases");
      yield* out(sys, alignedTable(databasesTable(sys, dbs), "List of databases"));
      return true;
    }
    case "\\dt": {
      const names = yield* catalog(sys, c, "tables");
      if (names.length === 0) {
        yield* err(sys, rest.length ? `Did not find any relation named "${rest[0]}".\n` : "Did not find any relations.\n");
        return true;
      }
      const set: ResultSet = { columns: ["Schema", "Name", "Type", "Owner"].map((name) => ({ name, type: "name" })), rows: names.sort().map((n) => ["public", n, "table", "postgres"]) };
      yield* out(sys, alignedTable(set, "List of relations"));
      return true;
    }
    case "\\conninfo":
      yield* out(
        sys,
        c.host
          ? `You are connected to database "${c.database}" as user "${c.user}" on host "${c.host.name}" (address "${c.host.ip}") at port "${o.port}".\n`
          : `You are connected to database "${c.database}" as user "${c.user}" via socket in "${PG_SOCKET_DIR}" at port "${o.port}".\n`,
      );
      return true;
    default:
      yield* err(sys, `invalid command ${cmd}\nTry \\? for help.\n`);
      return true;
  }
}

/** Names from the server's catalog (what \\l and \\dt query pg_database and pg_class for). */
function* catalog(sys: Sys, c: Conn, what: "databases" | "tables"): Gen<string[]> {
  yield* send(sys, c.fd, `${JSON.stringify({ catalog: what })}\n`);
  const line = yield* c.reader.until("\n");
  return line === null ? [] : (JSON.parse(line) as string[]);
}

/** Prints a statement's result; true if it failed. */
function* show(sys: Sys, sql: string, r: Reply, o: Options, where: string): Gen<boolean> {
  if (r.kind === "error") {
    yield* err(sys, `${where}${errorText(sql, r)}`);
    return true;
  }
  if (r.kind === "command") {
    if (!o.quiet && r.tag) yield* out(sys, `${r.tag}\n`);
    return false;
  }
  if (o.tuplesOnly) {
    const text = alignedTable(r.set).split("\n").slice(2, -3);
    yield* out(sys, `${text.join("\n")}\n\n`);
  } else yield* out(sys, alignedTable(r.set));
  return false;
}

export const psql: ProgramDef = {
  name: "psql",
  *main(sys) {
    const argv = sys.argv.slice(1);
    if (argv[0] === "--version" || argv[0] === "-V") {
      yield* out(sys, `psql (PostgreSQL) ${pgVersion(sys)} (Debian ${pgPackageVersion(sys)})\n`);
      return 0;
    }
    const o = parseArgs(sys, argv);
    if (typeof o === "string") {
      yield* err(sys, o);
      return 1;
    }
    const c = yield* connect(sys, o);
    if (typeof c === "string") {
      yield* err(sys, c);
      return 2;
    }
    sys.signal("PIPE", "ignore");
    if (o.commands.length > 0) {
      for (const command of o.commands) {
        if (command.trim().startsWith("\\")) {
          yield* backslash(sys, c, command, o);
          continue;
        }
        for (const stmt of splitStatements(command)) if (yield* show(sys, stmt, yield* query(sys, c, stmt), o, "")) return 1;
      }
      return 0;
    }
    let script: string | null = null;
    let label = "<stdin>";
    if (o.file) {
      try {
        script = sys.readFile(o.file);
        label = o.file;
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        yield* err(sys, `psql: error: ${o.file}: ${e.message}\n`);
        return 1;
      }
    }
    const interactive = script === null && sys.isatty(0);
    if (interactive)
      yield* out(sys, `psql (${pgVersion(sys)} (Debian ${pgPackageVersion(sys)}))\nType "help" for help.\n\n`);
    const input = new SocketReader(sys, 0);
    const lines = script?.split("\n") ?? null;
    let lineNo = 0;
    let pending = "";
    for (;;) {
      if (interactive) yield* out(sys, `${c.database}${pending ? "-" : "="}# `);
      let line: string | null;
      if (lines) line = lineNo < lines.length ? lines[lineNo] : null;
      else {
        const raw = yield* input.until("\n");
        line = raw === null ? (input.rest() || null) : raw.replace(/\n$/, "");
      }
      lineNo++;
      if (line === null) {
        if (interactive) yield* out(sys, "\\q\n");
        return 0;
      }
      if (!pending && line.trim().startsWith("\\")) {
        if (!(yield* backslash(sys, c, line, o))) return 0;
        continue;
      }
      if (!pending && interactive && /^\s*(help|quit|exit)\s*$/.test(line)) {
        const word = line.trim();
        if (word === "help")
          yield* out(sys, "You are using psql, the command-line interface to PostgreSQL.\nType:  \\copyright for distribution terms\n       \\h for help with SQL commands\n       \\? for help with psql commands\n       \\g or terminate with semicolon to execute query\n       \\q to quit\n");
        else return 0;
        continue;
      }
      pending += pending ? `\n${line}` : line;
      if (!/;\s*$/.test(pending)) {
        if (!pending.trim()) pending = "";
        continue;
      }
      const where = interactive ? "" : `psql:${label}:${lineNo}: `;
      for (const stmt of splitStatements(pending)) yield* show(sys, stmt, yield* query(sys, c, stmt), o, where);
      pending = "";
    }
  },
};
