/**
 * Apache httpd 2.4.63 as the httpd image runs it (httpd -DFOREGROUND): the AH00558/AH00489/AH00094
 * notices, a parent and three children (StartServers of mpm_event) serving htdocs, the common log
 * format on stdout, graceful stop on SIGWINCH (the image's stop signal), TERM/INT at once.
 */
import type { Gen, Signal, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { signalNumber } from "../../kernel/proc/signals";
import { err, out } from "../lib/io";
import { SocketReader } from "../net/lib/http";
import { clfTime, httpDate, listenOn, mimeType, readRequest, send, underRoot } from "./lib/http";

const VERSION = "Apache/2.4.63 (Unix)";
const PREFIX = "/usr/local/apache2";
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "[Thu Jan 15 09:00:00.123456 2026]" */
function errorTime(usec: number): string {
  const d = new Date(Math.floor(usec / 1000));
  const p2 = (n: number) => String(n).padStart(2, "0");
  const frac = String(usec % 1_000_000).padStart(6, "0");
  return `[${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${frac} ${d.getUTCFullYear()}]`;
}

function* log(sys: Sys, module: string, msg: string): Gen<void> {
  yield* err(sys, `${errorTime(sys.now())} [${module}] [pid ${sys.getpid()}:tid ${sys.getpid()}] ${msg}\n`);
}

function notFound(): string {
  return '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
}

function* child(sys: Sys, l: number): Gen<number> {
  let stop = false;
  for (const sig of ["WINCH", "TERM", "INT", "HUP"] as Signal[])
    sys.signal(sig, () => {
      stop = true;
    });
  sys.signal("PIPE", "ignore");
  while (!stop) {
    let conn: { fd: number; peer: { ip: string; port: number } };
    try {
      conn = yield* sys.tcpAccept(l);
    } catch (e) {
      if (e instanceof Errno && e.code === "EINTR") continue;
      throw e;
    }
    const req = yield* readRequest(new SocketReader(sys, conn.fd));
    if (req !== null) {
      let path = underRoot(`${PREFIX}/htdocs`, req.path.startsWith("/") ? req.path : "/");
      let status = 200;
      let body = "";
      let headers = "";
      try {
        if (path === null) throw new Errno("ENOENT");
        if (path.endsWith("/")) path += "index.html";
        const st = sys.stat(path);
        body = sys.readFile(path);
        const etag = `"${st.size.toString(16)}-${Math.round(st.mtime * 1e6).toString(16)}"`;
        headers = `Last-Modified: ${httpDate(st.mtime * 1e6)}\r\nETag: ${etag}\r\nAccept-Ranges: bytes\r\nContent-Length: ${body.length}\r\nContent-Type: ${mimeType(path, "text/plain")}\r\n`;
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        status = 404;
        body = notFound();
        headers = `Content-Length: ${body.length}\r\nContent-Type: text/html; charset=iso-8859-1\r\n`;
      }
      const head = req.method === "HEAD";
      yield* send(sys, conn.fd, `HTTP/1.1 ${status} ${status === 200 ? "OK" : "Not Found"}\r\nDate: ${httpDate(sys.now())}\r\nServer: ${VERSION}\r\n${headers}\r\n${head ? "" : body}`);
      yield* out(sys, `${conn.peer.ip} - - [${clfTime(sys.now())}] "${req.line}" ${status} ${head ? "-" : body.length}\n`);
    }
    sys.close(conn.fd);
  }
  return 0;
}

export const apacheHttpd = {
  *main(sys: Sys): Gen<number> {
    const args = sys.argv.slice(1);
    if (args.includes("-v")) {
      yield* out(sys, `Server version: ${VERSION}\nServer built:   Jan 23 2025 17:49:04\n`);
      return 0;
    }
    const foreground = args.includes("-DFOREGROUND") || args.join(" ").includes("-D FOREGROUND");
    const ip = sys.netInfo().ifaces.find((i) => i.kind !== "loopback" && i.addrs.length > 0)?.addrs[0].split("/")[0] ?? "127.0.0.1";
    const ah558 = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
    yield* err(sys, ah558);
    const l = listenOn(sys, "0.0.0.0", 80);
    if (l instanceof Errno) {
      yield* err(sys, `(${l.errno})${l.message}: AH00072: make_sock: could not bind to address 0.0.0.0:80\nno listening sockets available, shutting down\nAH00015: Unable to open logs\n`);
      return 1;
    }
    const run = function* (s: Sys): Gen<number> {
      yield* err(s, ah558);
      yield* log(s, "mpm_event:notice", `AH00489: ${VERSION} configured -- resuming normal operations`);
      yield* log(s, "core:notice", `AH00094: Command line: 'httpd -D FOREGROUND'`);
      const kids: number[] = [];
      for (let i = 0; i < 3; i++) kids.push(s.fork((c) => child(c, l)));
      let caught: Signal | null = null;
      for (const sig of ["WINCH", "TERM", "INT"] as Signal[])
        s.signal(sig, (g) => {
          caught = g;
        });
      while (kids.length > 0) {
        if (caught) {
          const sig: Signal = caught;
          caught = null;
          const how = sig === "WINCH" ? "caught SIGWINCH, shutting down gracefully" : "caught SIGTERM, shutting down";
          yield* log(s, "mpm_event:notice", `${sig === "WINCH" ? "AH00492" : "AH00491"}: ${how}`);
          for (const k of kids) {
            try {
              s.kill(k, sig === "WINCH" ? "WINCH" : "TERM");
            } catch (e) {
              if (!(e instanceof Errno)) throw e;
            }
          }
          void signalNumber;
        }
        try {
          const r = yield* s.wait(-1);
          if (r) kids.splice(kids.indexOf(r.pid), 1);
        } catch (e) {
          if (e instanceof Errno && e.code === "EINTR") continue;
          if (e instanceof Errno && e.code === "ECHILD") break;
          throw e;
        }
      }
      return 0;
    };
    if (foreground) return yield* run(sys);
    sys.fork(function* (c) {
      c.setsid();
      return yield* run(c);
    });
    return 0;
  },
};
