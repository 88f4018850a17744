/**
 * httpd: busybox 1.35's web server applet. -f (foreground), -p [IP:]PORT, -h HOME, -v; serves
 * static files with its headers and error pages, one connection at a time, closing each.
 */
import type { Gen, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { err, warn } from "../lib/io";
import { SocketReader } from "../net/lib/http";
import { USAGE } from "../net/usage";
import { httpDate, listenOn, mimeType, readRequest, send, underRoot } from "./lib/http";

const REASONS: Record<number, string> = { 200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 501: "Not Implemented" };
const MESSAGES: Record<number, string> = {
  400: "No request appears to have been received",
  403: "",
  404: "The requested URL was not found",
  501: "The requested method is not recognized",
};

function errorPage(code: number): string {
  const title = `${code} ${REASONS[code]}`;
  return `<HTML><HEAD><TITLE>${title}</TITLE></HEAD>\n<BODY><H1>${title}</H1>\n${MESSAGES[code]}\n</BODY></HTML>\n`;
}

function* serve(sys: Sys, fd: number, home: string, verbose: number, peer: { ip: string; port: number }): Gen<void> {
  const reader = new SocketReader(sys, fd);
  const req = yield* readRequest(reader);
  if (req === null) return;
  const date = `Date: ${httpDate(sys.now())}\r\n`;
  let code = 200;
  let headers = "";
  let body = "";
  if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "POST") code = 501;
  else {
    let path = underRoot(home, req.path.startsWith("/") ? req.path : `/${req.path}`);
    if (path === null) code = 400;
    else {
      if (path.endsWith("/")) path += "index.html";
      try {
        const st = sys.stat(path);
        if (st.type === "dir") {
          path = `${path}/index.html`;
          sys.stat(path);
        }
        const s2 = sys.stat(path);
        body = sys.readFile(path);
        headers = `Content-type: ${mimeType(path, "application/octet-stream")}\r\nAccept-Ranges: bytes\r\nLast-Modified: ${httpDate(s2.mtime * 1e6)}\r\nETag: "${Math.floor(s2.mtime).toString(16)}-${s2.size.toString(16)}"\r\nContent-Length: ${body.length}\r\n`;
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        code = e.code === "EACCES" ? 403 : 404;
      }
    }
  }
  let response: string;
  if (code === 200) response = `HTTP/1.1 200 OK\r\n${date}Connection: close\r\n${headers}\r\n${req.method === "HEAD" ? "" : body}`;
  else response = `HTTP/1.1 ${code} ${REASONS[code]}\r\n${date}Connection: close\r\nContent-type: text/html\r\n\r\n${req.method === "HEAD" ? "" : errorPage(code)}`;
  yield* send(sys, fd, response);
  if (verbose > 0) yield* err(sys, `[::ffff:${peer.ip}]:${peer.port}: response:${code}\n`);
}

export const busyboxHttpd = {
  *main(sys: Sys): Gen<number> {
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, { flags: "ifv", withArg: "cpurhmed" });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.httpd, e.message);
      throw e;
    }
    const bind = opts.args.p?.at(-1) ?? "80";
    const m = /^(?:(.*):)?(\d+)$/.exec(bind);
    if (!m) {
      yield* warn(sys, `invalid port '${bind}'`);
      return 1;
    }
    const home = opts.args.h?.at(-1) ?? ".";
    try {
      sys.chdir(home);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      yield* warn(sys, `can't change directory to '${home}': ${e.message}`);
      return 1;
    }
    const l = listenOn(sys, m[1] && m[1] !== "" ? m[1] : "0.0.0.0", Number(m[2]));
    if (l instanceof Errno) {
      yield* warn(sys, `bind: ${l.message}`);
      return 1;
    }
    const verbose = opts.flags.v ?? 0;
    const root = sys.getcwd();
    const loop = function* (s: Sys): Gen<number> {
      s.signal("PIPE", "ignore");
      for (;;) {
        let conn: { fd: number; peer: { ip: string; port: number } };
        try {
          conn = yield* s.tcpAccept(l);
        } catch (e) {
          if (e instanceof Errno && e.code === "EINTR") continue;
          throw e;
        }
        yield* serve(s, conn.fd, root, verbose, conn.peer);
        s.close(conn.fd);
      }
    };
    if (opts.flags.f) return yield* loop(sys);
    // Without -f busybox httpd daemonizes: the server goes on in a child, the command returns.
    sys.fork(function* (c) {
      c.setsid();
      for (const fd of [0, 1, 2]) {
        try {
          c.close(fd);
        } catch (e) {
          if (!(e instanceof Errno)) throw e;
        }
      }
      return yield* loop(c);
    });
    return 0;
  },
};
