/**
 * nginx 1.27.5 as the official image runs it: reads nginx.conf and conf.d/*.conf (listen, root,
 * index, worker_processes, user), a master process and its workers (titles as nginx sets them),
 * static files with nginx's headers and error pages, the access log in the "main" format on
 * stdout and notices on stderr; QUIT stops gracefully, TERM/INT at once; -v, -t, -s.
 */
import type { Gen, ProgramDef, Signal, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { signalNumber } from "../../kernel/proc/signals";
import { err, out } from "../lib/io";
import { SocketReader } from "../net/lib/http";
import { clfTime, httpDate, listenOn, logTime, mimeType, type Request, readRequest, requestHeader, send, underRoot } from "./lib/http";

export const NGINX_VERSION = "1.27.5";
const SERVER = `nginx/${NGINX_VERSION}`;
const CONF = "/etc/nginx/nginx.conf";

interface Conf {
  listen: number;
  root: string;
  index: string[];
  serverName: string;
  workers: number | "auto";
  user: string;
  pidFile: string;
}

function readOr(sys: Sys, path: string): string | null {
  try {
    return sys.readFile(path);
  } catch (e) {
    if (e instanceof Errno) return null;
    throw e;
  }
}

/** The directives the simulation honours, from nginx.conf and the files it includes. */
function readConf(sys: Sys): Conf | string {
  const main = readOr(sys, CONF);
  if (main === null) return `open() "${CONF}" failed (2: No such file or directory)`;
  let text = main;
  for (const m of main.matchAll(/^\s*include\s+([^;]+);/gm)) {
    const pattern = m[1].trim();
    if (pattern.endsWith("mime.types")) continue;
    const dir = pattern.replace(/\/[^/]*$/, "");
    const glob = new RegExp(`^${pattern.slice(dir.length + 1).replace(/\./g, "\\.").replace(/\*/g, ".*")}$`);
    let names: string[] = [];
    try {
      names = sys.readdir(dir).filter((n) => glob.test(n)).sort();
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
    for (const n of names) text += `\n${readOr(sys, `${dir}/${n}`) ?? ""}`;
  }
  const code = text.replace(/#.*$/gm, "");
  const first = (re: RegExp) => re.exec(code)?.[1]?.trim();
  const listen = first(/\blisten\s+(?:[\d.]+:)?(\d+)[^;]*;/) ?? "80";
  const workers = first(/\bworker_processes\s+([^;]+);/) ?? "1";
  return {
    listen: Number(listen),
    root: first(/location\s+\/\s*\{[^}]*?\broot\s+([^;]+);/) ?? first(/\broot\s+([^;]+);/) ?? "/etc/nginx/html",
    index: (first(/\bindex\s+([^;]+);/) ?? "index.html").split(/\s+/),
    serverName: first(/\bserver_name\s+([^;\s]+)[^;]*;/) ?? "",
    workers: workers === "auto" ? "auto" : Number(workers) || 1,
    user: first(/^\s*user\s+([^;\s]+)[^;]*;/m) ?? "nobody",
    pidFile: first(/^\s*pid\s+([^;]+);/m) ?? "/run/nginx.pid",
  };
}

function* notice(sys: Sys, level: string, msg: string): Gen<void> {
  const pid = sys.getpid();
  yield* err(sys, `${logTime(sys.now())} [${level}] ${pid}#${pid}: ${msg}\n`);
}

function statusPage(code: number, reason: string): string {
  return `<html>\r\n<head><title>${code} ${reason}</title></head>\r\n<body>\r\n<center><h1>${code} ${reason}</h1></center>\r\n<hr><center>${SERVER}</center>\r\n</body>\r\n</html>\r\n`;
}

const REASONS: Record<number, string> = { 301: "Moved Permanently", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Not Allowed" };

/** Answers one request; returns whether the connection stays open. */
function* answer(sys: Sys, fd: number, req: Request, conf: Conf, peer: string, connId: number): Gen<boolean> {
  const keep = req.version === "HTTP/1.1" && !/close/i.test(requestHeader(req, "connection") ?? "");
  const head = req.method === "HEAD";
  let status = 200;
  let extra = "";
  let body = "";
  let type = "text/html";
  let fileHeaders = "";
  const errorLog = function* (msg: string): Gen<void> {
    const host = requestHeader(req, "host");
    yield* notice(sys, "error", `*${connId} ${msg}, client: ${peer}, server: ${conf.serverName}, request: "${req.line}"${host ? `, host: "${host}"` : ""}`);
  };
  let path = underRoot(conf.root, req.path.startsWith("/") ? req.path : "/");
  if (path === null || !req.path.startsWith("/")) status = 400;
  else if (req.method !== "GET" && req.method !== "HEAD") status = 405;
  else {
    try {
      let st = sys.stat(path);
      if (st.type === "dir" && !path.endsWith("/")) {
        status = 301;
        const host = (requestHeader(req, "host") ?? conf.serverName).replace(/:\d+$/, "");
        extra = `Location: http://${host}${conf.listen === 80 ? "" : `:${conf.listen}`}${req.path}/\r\n`;
      } else {
        if (st.type === "dir") {
          const index = conf.index.map((n) => path + n).find((p) => readOr(sys, p) !== null);
          if (!index) {
            status = 403;
            yield* errorLog(`directory index of "${path}" is forbidden`);
          } else {
            path = index;
            st = sys.stat(path);
          }
        }
        if (status === 200) {
          body = sys.readFile(path);
          type = mimeType(path, "application/octet-stream");
          fileHeaders = `Last-Modified: ${httpDate(st.mtime * 1e6)}\r\n`;
          extra = `ETag: "${Math.floor(st.mtime).toString(16)}-${st.size.toString(16)}"\r\nAccept-Ranges: bytes\r\n`;
        }
      }
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      status = e.code === "EACCES" ? 403 : 404;
      yield* errorLog(`open() "${path}" failed (${e.errno}: ${e.message})`);
    }
  }
  if (status !== 200) body = statusPage(status, REASONS[status]);
  const conn = status === 400 ? "close" : keep ? "keep-alive" : "close";
  const response =
    `HTTP/1.1 ${status} ${status === 200 ? "OK" : REASONS[status]}\r\nServer: ${SERVER}\r\nDate: ${httpDate(sys.now())}\r\n` +
    `Content-Type: ${type}\r\nContent-Length: ${body.length}\r\n${fileHeaders}Connection: ${conn}\r\n${extra}\r\n${head ? "" : body}`;
  const ok = yield* send(sys, fd, response);
  const agent = requestHeader(req, "user-agent") ?? "-";
  const referer = requestHeader(req, "referer") ?? "-";
  const forwarded = requestHeader(req, "x-forwarded-for") ?? "-";
  yield* out(sys, `${peer} - - [${clfTime(sys.now())}] "${req.line}" ${status} ${head ? 0 : body.length} "${referer}" "${agent}" "${forwarded}"\n`);
  return ok && conn === "keep-alive";
}

/** A worker: accepts on the listening socket and serves each connection until it closes. */
function* worker(sys: Sys, listenFd: number, conf: Conf): Gen<number> {
  let quitting = false;
  let fast = false;
  let connId = 0;
  sys.signal("PIPE", "ignore");
  sys.signal("QUIT", () => {
    quitting = true;
  });
  for (const sig of ["TERM", "INT"] as Signal[])
    sys.signal(sig, () => {
      fast = true;
    });
  for (;;) {
    if (quitting || fast) break;
    let conn: { fd: number; peer: { ip: string; port: number } };
    try {
      conn = yield* sys.tcpAccept(listenFd);
    } catch (e) {
      if (e instanceof Errno && e.code === "EINTR") continue;
      throw e;
    }
    const reader = new SocketReader(sys, conn.fd);
    for (;;) {
      let req: Request | null;
      try {
        req = yield* readRequest(reader);
      } catch (e) {
        if (e instanceof Errno && e.code === "EINTR") break;
        throw e;
      }
      if (req === null) break;
      connId++;
      if (!(yield* answer(sys, conn.fd, req, conf, conn.peer.ip, connId)) || quitting || fast) break;
    }
    sys.close(conn.fd);
  }
  if (!fast) yield* notice(sys, "notice", "gracefully shutting down");
  yield* notice(sys, "notice", "exiting");
  yield* notice(sys, "notice", "exit");
  return 0;
}

function userIds(sys: Sys, name: string): { uid: number; gid: number } | null {
  const line = (readOr(sys, "/etc/passwd") ?? "").split("\n").find((l) => l.split(":")[0] === name);
  if (!line) return null;
  const f = line.split(":");
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

/** The master: starts the workers, then waits for signals and for its workers to end. */
function* master(sys: Sys, listenFd: number, conf: Conf, title: string[]): Gen<number> {
  const count = conf.workers === "auto" ? sys.sysinfo().cpus : conf.workers;
  yield* notice(sys, "notice", "start worker processes");
  const workers: number[] = [];
  const ids = userIds(sys, conf.user);
  for (let i = 0; i < count; i++) {
    // biome-ignore lint/correctness/useYield: the worker execs at once
    const pid = sys.fork(function* (w) {
      if (ids && w.geteuid() === 0) {
        w.setgid(ids.gid);
        w.setuid(ids.uid);
      }
      // nginx rewrites its argv for ps; exec'ing itself with the title does the same here.
      return w.exec(sys.readlink("/proc/self/exe"), ["nginx: worker process"], { ...w.env, NGINX: `${listenFd};` });
    });
    workers.push(pid);
    yield* notice(sys, "notice", `start worker process ${pid}`);
  }
  void title;
  let stopping: Signal | null = null;
  const onSignal = (sig: Signal) => {
    stopping = sig;
  };
  for (const sig of ["QUIT", "TERM", "INT"] as Signal[]) sys.signal(sig, onSignal);
  sys.signal("HUP", () => {});
  let announced = false;
  while (workers.length > 0) {
    if (stopping && !announced) {
      announced = true;
      const what = stopping === "QUIT" ? "shutting down" : "exiting";
      yield* notice(sys, "notice", `signal ${signalNumber(stopping)} (SIG${stopping}) received, ${what}`);
      for (const w of workers) {
        try {
          sys.kill(w, stopping);
        } catch (e) {
          if (!(e instanceof Errno)) throw e;
        }
      }
    }
    let r: Awaited<ReturnType<Sys["wait"]>> extends Gen<infer T> ? T : never;
    try {
      r = yield* sys.wait(-1);
    } catch (e) {
      if (e instanceof Errno && e.code === "EINTR") continue;
      if (e instanceof Errno && e.code === "ECHILD") break;
      throw e;
    }
    if (!r) continue;
    const i = workers.indexOf(r.pid);
    if (i < 0) continue;
    workers.splice(i, 1);
    yield* notice(sys, "notice", `signal 17 (SIGCHLD) received from ${r.pid}`);
    yield* notice(sys, "notice", `worker process ${r.pid} exited with code ${r.code ?? 0}`);
  }
  try {
    sys.unlink(conf.pidFile);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
  }
  yield* notice(sys, "notice", "exit");
  return 0;
}

/** The compiler the image's nginx was built with: Alpine's gcc on nginx:alpine, else Debian's. */
function builtBy(sys: Sys): string {
  try {
    sys.stat("/etc/alpine-release");
    return "gcc 14.2.0 (Alpine 14.2.0)";
  } catch {
    return "gcc 12.2.0 (Debian 12.2.0-14+deb12u1)";
  }
}

export const nginx: ProgramDef = {
  name: "nginx",
  rss: 6 * 1024 * 1024,
  *main(sys) {
    const argv = sys.argv;
    const inherited = sys.env.NGINX;
    if (inherited !== undefined && argv[0].startsWith("nginx: ")) {
      const fd = Number(inherited.split(";")[0]);
      const conf = readConf(sys);
      if (typeof conf === "string") return 1;
      delete sys.env.NGINX;
      if (argv[0] === "nginx: worker process") return yield* worker(sys, fd, conf);
      return yield* master(sys, fd, conf, [...argv]);
    }
    const args = argv.slice(1);
    let directives = "";
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "-v" || a === "-V") {
        yield* err(sys, `nginx version: ${SERVER}\n`);
        if (a === "-V") yield* err(sys, `built by ${builtBy(sys)} \n` + "built with OpenSSL 3.0.15 3 Sep 2024 (running with OpenSSL 3.0.16 11 Feb 2025)\nTLS SNI support enabled\n");
        return 0;
      }
      if (a === "-g") directives = args[++i] ?? "";
      else if (a === "-t" || a === "-T") {
        const conf = readConf(sys);
        if (typeof conf === "string") {
          yield* err(sys, `nginx: [emerg] ${conf}\nnginx: configuration file ${CONF} test failed\n`);
          return 1;
        }
        yield* err(sys, `nginx: the configuration file ${CONF} syntax is ok\nnginx: configuration file ${CONF} test is successful\n`);
        return 0;
      } else if (a === "-s") {
        const action = args[++i];
        const sig: Record<string, Signal> = { stop: "TERM", quit: "QUIT", reopen: "USR1", reload: "HUP" };
        if (!sig[action]) {
          yield* err(sys, `nginx: invalid option: "-s ${action ?? ""}"\n`);
          return 1;
        }
        const conf = readConf(sys);
        const pidFile = typeof conf === "string" ? "/run/nginx.pid" : conf.pidFile;
        const pid = Number((readOr(sys, pidFile) ?? "").trim());
        if (!pid) {
          yield* err(sys, `nginx: [error] open() "${pidFile}" failed (2: No such file or directory)\n`);
          return 1;
        }
        try {
          sys.kill(pid, sig[action]);
        } catch (e) {
          if (!(e instanceof Errno)) throw e;
          yield* err(sys, `nginx: [error] kill(${pid}, ${signalNumber(sig[action])}) failed (${e.errno}: ${e.message})\n`);
          return 1;
        }
        return 0;
      } else {
        yield* err(sys, `nginx: invalid option: "${a.replace(/^-/, "")}"\n`);
        return 1;
      }
    }
    const conf = readConf(sys);
    if (typeof conf === "string") {
      yield* err(sys, `nginx: [emerg] ${conf}\n`);
      return 1;
    }
    const foreground = /daemon\s+off\s*;/.test(directives);
    const t = logTime(sys.now());
    const pid = sys.getpid();
    const early = (msg: string) => `${t} [notice] ${pid}#${pid}: ${msg}\n`;
    if (foreground)
      yield* err(
        sys,
        early('using the "epoll" event method') +
          early(SERVER) +
          early(`built by ${builtBy(sys)} `) +
          early(`OS: Linux ${sys.uname().release}`) +
          early("getrlimit(RLIMIT_NOFILE): 1048576:1048576"),
      );
    const l = listenOn(sys, "0.0.0.0", conf.listen);
    if (l instanceof Errno) {
      yield* err(sys, `${t} [emerg] ${pid}#${pid}: bind() to 0.0.0.0:${conf.listen} failed (${l.errno}: ${l.message})\nnginx: [emerg] bind() to 0.0.0.0:${conf.listen} failed (${l.errno}: ${l.message})\n`);
      return 1;
    }
    const title = ["nginx: master process", ...argv].join(" ");
    const env = { ...sys.env, NGINX: `${l};` };
    const exe = sys.readlink("/proc/self/exe");
    if (foreground) {
      sys.writeFile(conf.pidFile, `${pid}\n`);
      return sys.exec(exe, [title], env);
    }
    // Daemon mode: the master goes on in the background, the command returns at once.
    // biome-ignore lint/correctness/useYield: the child execs at once
    sys.fork(function* (c) {
      c.setsid();
      c.writeFile(conf.pidFile, `${c.getpid()}\n`);
      return c.exec(exe, [title], env);
    });
    return 0;
  },
};
