/**
 * redis-server 7.4.2 (strings and keys over RESP: PING ECHO SET GET DEL EXISTS INCR DECR INCRBY
 * KEYS EXPIRE TTL DBSIZE FLUSHALL INFO QUIT COMMAND) with its startup log, and redis-cli
 * (one-shot and interactive, -h -p; quoted replies on a terminal, raw ones otherwise).
 */
import type { Gen, ProgramDef, Signal, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err, out } from "../lib/io";
import { SocketReader } from "../net/lib/http";
import { resolveHost } from "../net/lib/resolver";
import { listenOn, send } from "./lib/http";

const VERSION = "7.4.2";

type Reply = { t: "ok" | "status"; v: string } | { t: "err"; v: string } | { t: "int"; v: number } | { t: "bulk"; v: string | null } | { t: "array"; v: Reply[] };

function encode(r: Reply): string {
  switch (r.t) {
    case "ok":
    case "status":
      return `+${r.v}\r\n`;
    case "err":
      return `-${r.v}\r\n`;
    case "int":
      return `:${r.v}\r\n`;
    case "bulk":
      return r.v === null ? "$-1\r\n" : `$${r.v.length}\r\n${r.v}\r\n`;
    case "array":
      return `*${r.v.length}\r\n${r.v.map(encode).join("")}`;
  }
}

/** Reads one command: a RESP array of bulk strings, or an inline line. null at end of stream. */
function* readCommand(reader: SocketReader): Gen<string[] | null> {
  const line = yield* reader.until("\n");
  if (line === null) return null;
  const text = line.replace(/\r?\n$/, "");
  if (!text.startsWith("*")) return text.trim() === "" ? [] : text.trim().split(/\s+/);
  const n = Number(text.slice(1));
  const args: string[] = [];
  for (let i = 0; i < n; i++) {
    const head = yield* reader.until("\r\n");
    if (head === null) return null;
    const len = Number(head.slice(1, -2));
    args.push(yield* reader.exactly(len));
    yield* reader.until("\r\n");
  }
  return args;
}

interface Entry {
  value: string;
  /** Expiry, µs of uptime, or null. */
  expires: number | null;
}

function globToRegExp(p: string): RegExp {
  let re = "";
  for (const c of p) re += c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${re}$`, "s");
}

const WRONG_ARGS = (cmd: string): Reply => ({ t: "err", v: `ERR wrong number of arguments for '${cmd}' command` });
const NOT_INT: Reply = { t: "err", v: "ERR value is not an integer or out of range" };

/** Runs a command against the store. */
function execute(sys: Sys, db: Map<string, Entry>, args: string[]): Reply {
  const now = sys.uptime();
  for (const [k, e] of db) if (e.expires !== null && e.expires <= now) db.delete(k);
  const cmd = args[0].toLowerCase();
  const arity: Record<string, [number, number]> = {
    ping: [1, 2], echo: [2, 2], set: [3, 5], get: [2, 2], del: [2, 99], exists: [2, 99], incr: [2, 2], decr: [2, 2], incrby: [3, 3],
    keys: [2, 2], expire: [3, 3], ttl: [2, 2], dbsize: [1, 1], flushall: [1, 2], info: [1, 2], command: [1, 9], quit: [1, 1],
  };
  if (!arity[cmd]) {
    const rest = args.slice(1).map((a) => `'${a}' `).join("");
    return { t: "err", v: `ERR unknown command '${args[0]}', with args beginning with: ${rest}` };
  }
  const [min, max] = arity[cmd];
  if (args.length < min || args.length > max) return WRONG_ARGS(cmd);
  const incr = (key: string, by: number): Reply => {
    const cur = db.get(key)?.value ?? "0";
    if (!/^-?\d+$/.test(cur)) return NOT_INT;
    const v = Number(cur) + by;
    db.set(key, { value: String(v), expires: db.get(key)?.expires ?? null });
    return { t: "int", v };
  };
  switch (cmd) {
    case "ping":
      return args[1] !== undefined ? { t: "bulk", v: args[1] } : { t: "status", v: "PONG" };
    case "echo":
      return { t: "bulk", v: args[1] };
    case "set": {
      let expires: number | null = null;
      if (args.length > 3) {
        const opt = args[3].toLowerCase();
        if ((opt !== "ex" && opt !== "px") || args.length !== 5) return { t: "err", v: "ERR syntax error" };
        if (!/^\d+$/.test(args[4])) return NOT_INT;
        expires = now + Number(args[4]) * (opt === "ex" ? 1e6 : 1e3);
      }
      db.set(args[1], { value: args[2], expires });
      return { t: "ok", v: "OK" };
    }
    case "get":
      return { t: "bulk", v: db.get(args[1])?.value ?? null };
    case "del":
    case "exists": {
      let n = 0;
      for (const k of args.slice(1)) if (db.has(k)) n += cmd === "del" ? (db.delete(k) ? 1 : 0) : 1;
      return { t: "int", v: n };
    }
    case "incr":
      return incr(args[1], 1);
    case "decr":
      return incr(args[1], -1);
    case "incrby":
      return /^-?\d+$/.test(args[2]) ? incr(args[1], Number(args[2])) : NOT_INT;
    case "keys": {
      const re = globToRegExp(args[1]);
      return { t: "array", v: [...db.keys()].filter((k) => re.test(k)).map((k) => ({ t: "bulk", v: k })) };
    }
    case "expire": {
      const e = db.get(args[1]);
      if (!/^-?\d+$/.test(args[2])) return NOT_INT;
      if (!e) return { t: "int", v: 0 };
      e.expires = now + Number(args[2]) * 1e6;
      return { t: "int", v: 1 };
    }
    case "ttl": {
      const e = db.get(args[1]);
      if (!e) return { t: "int", v: -2 };
      return { t: "int", v: e.expires === null ? -1 : Math.ceil((e.expires - now) / 1e6) };
    }
    case "dbsize":
      return { t: "int", v: db.size };
    case "flushall":
      db.clear();
      return { t: "ok", v: "OK" };
    case "info":
      return { t: "bulk", v: `# Server\r\nredis_version:${VERSION}\r\nredis_mode:standalone\r\nos:Linux ${sys.uname().release} ${sys.uname().machine}\r\ntcp_port:6379\r\n\r\n# Keyspace\r\n${db.size > 0 ? `db0:keys=${db.size},expires=${[...db.values()].filter((e) => e.expires !== null).length},avg_ttl=0\r\n` : ""}` };
    case "command":
      return { t: "array", v: [] };
    default:
      return { t: "ok", v: "OK" };
  }
}

const p2 = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "15 Jan 2026 09:00:00.123" */
function redisTime(usec: number): string {
  const d = new Date(Math.floor(usec / 1000));
  return `${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, "0")}`;
}

function* serve(sys: Sys, l: number, port: number): Gen<number> {
  const pid = sys.getpid();
  const log = (role: string, mark: string, msg: string) => out(sys, `${pid}:${role} ${redisTime(sys.now())} ${mark} ${msg}\n`);
  yield* log("C", "*", "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
  yield* log("C", "*", `Redis version=${VERSION}, bits=64, commit=00000000, modified=0, pid=${pid}, just started`);
  yield* log("C", "#", "Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf");
  yield* log("M", "*", "monotonic clock: POSIX clock_gettime");
  yield* log("M", "*", `Running mode=standalone, port=${port}.`);
  yield* log("M", "*", "Server initialized");
  yield* log("M", "*", "Ready to accept connections tcp");
  const db = new Map<string, Entry>();
  let stop: Signal | null = null;
  for (const sig of ["TERM", "INT"] as Signal[])
    sys.signal(sig, (s) => {
      stop = s;
    });
  sys.signal("CHLD", "ignore");
  sys.signal("PIPE", "ignore");
  while (stop === null) {
    let conn: { fd: number };
    try {
      conn = yield* sys.tcpAccept(l);
    } catch (e) {
      if (e instanceof Errno && e.code === "EINTR") continue;
      throw e;
    }
    // One process per client (the store is shared with the server's memory, as threads would).
    sys.fork(function* (c) {
      c.close(l);
      const reader = new SocketReader(c, conn.fd);
      for (;;) {
        const args = yield* readCommand(reader);
        if (args === null) return 0;
        if (args.length === 0) continue;
        const reply = execute(c, db, args);
        if (!(yield* send(c, conn.fd, encode(reply)))) return 0;
        if (args[0].toLowerCase() === "quit") return 0;
      }
    });
    sys.close(conn.fd);
  }
  yield* log("M", "#", `Received ${stop === "INT" ? "SIGINT" : "SIGTERM"} scheduling shutdown...`);
  yield* log("M", "*", "User requested shutdown...");
  yield* log("M", "*", "Saving the final RDB snapshot before exiting.");
  yield* log("M", "*", "DB saved on disk");
  yield* log("M", "#", "Redis is now ready to exit, bye bye...");
  return 0;
}

export const redisServer: ProgramDef = {
  name: "redis-server",
  rss: 8 * 1024 * 1024,
  *main(sys) {
    const args = sys.argv.slice(1);
    if (args[0] === "--version" || args[0] === "-v") {
      yield* out(sys, `Redis server v=${VERSION} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=0000000000000000\n`);
      return 0;
    }
    const inherited = sys.env.REDIS_LISTEN_FD;
    if (inherited !== undefined) {
      delete sys.env.REDIS_LISTEN_FD;
      return yield* serve(sys, Number(inherited), Number(sys.argv[0].replace(/^.*:/, "")));
    }
    let port = 6379;
    const i = args.indexOf("--port");
    if (i >= 0) port = Number(args[i + 1]);
    const l = listenOn(sys, "0.0.0.0", port);
    if (l instanceof Errno) {
      yield* out(sys, `${sys.getpid()}:M ${redisTime(sys.now())} # Warning: Could not create server TCP listening socket *:${port}: bind: ${l.message}\n`);
      yield* out(sys, `${sys.getpid()}:M ${redisTime(sys.now())} # Failed listening on port ${port} (tcp), aborting.\n`);
      return 1;
    }
    // Redis sets its process title to "redis-server *:PORT".
    return sys.exec(sys.readlink("/proc/self/exe"), [`redis-server *:${port}`], { ...sys.env, REDIS_LISTEN_FD: String(l) });
  },
};

/** redis-cli's rendering of a reply: quoted on a terminal, raw otherwise. */
function render(r: Reply, raw: boolean, indent = ""): string {
  switch (r.t) {
    case "ok":
    case "status":
      return r.v;
    case "err":
      return raw ? r.v : `(error) ${r.v}`;
    case "int":
      return raw ? String(r.v) : `(integer) ${r.v}`;
    case "bulk":
      if (r.v === null) return raw ? "" : "(nil)";
      return raw ? r.v : JSON.stringify(r.v);
    case "array":
      if (r.v.length === 0) return raw ? "" : "(empty array)";
      if (raw) return r.v.map((x) => render(x, raw)).join("\n");
      return r.v.map((x, i) => `${i === 0 ? "" : indent}${i + 1}) ${render(x, raw, `${indent}   `)}`).join("\n");
  }
}

function* readReply(reader: SocketReader): Gen<Reply | null> {
  const line = yield* reader.until("\r\n");
  if (line === null) return null;
  const body = line.slice(1, -2);
  switch (line[0]) {
    case "+":
      return { t: "status", v: body };
    case "-":
      return { t: "err", v: body };
    case ":":
      return { t: "int", v: Number(body) };
    case "$": {
      const n = Number(body);
      if (n < 0) return { t: "bulk", v: null };
      const v = yield* reader.exactly(n);
      yield* reader.until("\r\n");
      return { t: "bulk", v };
    }
    default: {
      const items: Reply[] = [];
      for (let i = 0; i < Number(body); i++) {
        const x = yield* readReply(reader);
        if (x === null) return null;
        items.push(x);
      }
      return { t: "array", v: items };
    }
  }
}

/** Splits an interactive line as redis-cli does (double quotes group words). */
function splitLine(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]));
}

export const redisCli: ProgramDef = {
  name: "redis-cli",
  rss: 3 * 1024 * 1024,
  *main(sys) {
    const args = [...sys.argv.slice(1)];
    let host = "127.0.0.1";
    let port = 6379;
    let raw: boolean | null = null;
    while (args[0]?.startsWith("-")) {
      const o = args.shift()!;
      if (o === "-h") host = args.shift() ?? host;
      else if (o === "-p") port = Number(args.shift());
      else if (o === "--raw") raw = true;
      else if (o === "--no-raw") raw = false;
      else if (o === "-v" || o === "--version") {
        yield* out(sys, `redis-cli ${VERSION}\n`);
        return 0;
      } else {
        yield* err(sys, `Unrecognized option or bad number of args for: '${o}'\n`);
        return 1;
      }
    }
    const rawMode = raw ?? !sys.isatty(1);
    const r = yield* resolveHost(sys, host);
    let fd: number | null = null;
    let why = "";
    if (!r.ok) why = "Name or service not known";
    else {
      try {
        fd = yield* sys.tcpConnect(r.addrs[0], port);
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        why = e.message;
      }
    }
    const refused = `Could not connect to Redis at ${host}:${port}: ${why}\n`;
    if (args.length > 0) {
      if (fd === null) {
        yield* err(sys, refused);
        return 1;
      }
      yield* sys.write(fd, encode({ t: "array", v: args.map((a) => ({ t: "bulk", v: a })) }));
      const reply = yield* readReply(new SocketReader(sys, fd));
      if (reply === null) {
        yield* err(sys, "Error: Server closed the connection\n");
        return 1;
      }
      yield* out(sys, `${render(reply, rawMode)}\n`);
      return reply.t === "err" ? 1 : 0;
    }
    // Interactive: a prompt per command.
    if (fd === null) yield* out(sys, refused);
    const reader = fd === null ? null : new SocketReader(sys, fd);
    const input = new SocketReader(sys, 0);
    for (;;) {
      yield* out(sys, fd === null ? "not connected> " : `${host}:${port}> `);
      const line = yield* input.until("\n");
      if (line === null) break;
      const words = splitLine(line);
      if (words.length === 0) continue;
      if (["quit", "exit"].includes(words[0].toLowerCase())) break;
      if (fd === null || reader === null) {
        yield* out(sys, refused);
        continue;
      }
      yield* sys.write(fd, encode({ t: "array", v: words.map((a) => ({ t: "bulk", v: a })) }));
      const reply = yield* readReply(reader);
      if (reply === null) break;
      yield* out(sys, `${render(reply, raw ?? false)}\n`);
    }
    return 0;
  },
};
