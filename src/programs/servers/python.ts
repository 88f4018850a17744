/**
 * python3, as far as the sandbox goes: --version, and `python3 -m http.server [PORT] [--bind ADDR]
 * [--directory DIR]` (SimpleHTTPRequestHandler: files, directory listings, its log lines on
 * stderr; stdout block-buffered as Python's is when it is not a terminal). Other Python code is not
 * interpreted, and it says so.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err, readAll } from "../lib/io";
import { BufferedOut } from "../lib/stdio";
import { SocketReader } from "../net/lib/http";
import { evaluate, format, splitArguments } from "./lib/expr";
import { httpDate, listenOn, mimeType, pythonLogTime, readRequest, send, underRoot } from "./lib/http";

function version(sys: Sys): string {
  return sys.env.PYTHON_VERSION ?? "3.11.2";
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function quote(s: string): string {
  return s.replace(/[^A-Za-z0-9_.~/-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function listing(sys: Sys, dir: string, urlPath: string): string {
  const names = sys.readdir(dir).filter((n) => n !== "." && n !== "..");
  names.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  const title = `Directory listing for ${htmlEscape(urlPath)}`;
  const items = names.map((n) => {
    let display = n;
    let link = n;
    try {
      const st = sys.lstat(`${dir}/${n}`);
      if (st.type === "dir") {
        display += "/";
        link += "/";
      } else if (st.type === "symlink") display += "@";
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
    }
    return `<li><a href="${quote(link)}">${htmlEscape(display)}</a></li>`;
  });
  return ['<!DOCTYPE HTML>', '<html lang="en">', "<head>", '<meta charset="utf-8">', `<title>${title}</title>\n</head>`, `<body>\n<h1>${title}</h1>`, "<hr>\n<ul>", ...items, "</ul>\n<hr>\n</body>\n</html>\n"].join("\n");
}

const ERROR_EXPLAIN: Record<number, [string, string]> = {
  404: ["File not found", "Nothing matches the given URI"],
  501: ["Unsupported method", "Server does not support this operation"],
  400: ["Bad request", "Bad request syntax or unsupported method"],
};
const REASON: Record<number, string> = { 200: "OK", 301: "Moved Permanently", 400: "Bad Request", 404: "File not found", 501: "Unsupported method" };

function errorPage(code: number): string {
  const [msg, explain] = ERROR_EXPLAIN[code];
  return `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: ${code}</p>\n        <p>Message: ${msg}.</p>\n        <p>Error code explanation: ${code} - ${explain}.</p>\n    </body>\n</html>\n`;
}

function* httpServer(sys: Sys, args: string[]): Gen<number> {
  let port = 8000;
  let bind = "0.0.0.0";
  let directory = sys.getcwd();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--bind" || a === "-b") bind = args[++i] ?? bind;
    else if (a === "--directory" || a === "-d") directory = args[++i] ?? directory;
    else if (/^\d+$/.test(a)) port = Number(a);
    else {
      yield* err(sys, `usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\nserver.py: error: argument port: invalid int value: '${a}'\n`);
      return 2;
    }
  }
  const l = listenOn(sys, bind, port);
  if (l instanceof Errno) {
    yield* err(sys, `Traceback (most recent call last):\n  File "<frozen runpy>", line 198, in _run_module_as_main\n  File "<frozen runpy>", line 88, in _run_code\nOSError: [Errno ${l.errno}] ${l.message}\n`);
    return 1;
  }
  // Python buffers stdout unless it is a terminal or PYTHONUNBUFFERED is set.
  const unbuffered = sys.isatty(1) || (sys.env.PYTHONUNBUFFERED ?? "") !== "";
  const stdout = new BufferedOut(sys);
  const say = function* (s: string): Gen<void> {
    yield* stdout.put(s);
    if (unbuffered) yield* stdout.flush();
  };
  yield* say(`Serving HTTP on ${bind} port ${port} (http://${bind}:${port}/) ...\n`);
  let interrupted = false;
  sys.signal("INT", () => {
    interrupted = true;
  });
  sys.signal("PIPE", "ignore");
  const server = `SimpleHTTP/0.6 Python/${version(sys)}`;
  while (!interrupted) {
    let conn: { fd: number; peer: { ip: string; port: number } };
    try {
      conn = yield* sys.tcpAccept(l);
    } catch (e) {
      if (e instanceof Errno && e.code === "EINTR") continue;
      throw e;
    }
    const req = yield* readRequest(new SocketReader(sys, conn.fd));
    if (req === null) {
      sys.close(conn.fd);
      continue;
    }
    const log = (code: number | string, size = "-") => err(sys, `${conn.peer.ip} - - [${pythonLogTime(sys.now())}] "${req.line}" ${code} ${size}\n`);
    let code = 200;
    let headers = "";
    let body = "";
    const path = underRoot(directory, req.path.startsWith("/") ? req.path : `/${req.path}`);
    if (req.method !== "GET" && req.method !== "HEAD") code = 501;
    else if (path === null) code = 404;
    else {
      try {
        const st = sys.stat(path);
        if (st.type === "dir" && !req.path.endsWith("/")) {
          code = 301;
          headers = `Location: ${req.path}/\r\nContent-Length: 0\r\n`;
        } else if (st.type === "dir") {
          const index = ["index.html", "index.htm"].map((n) => `${path}${n}`).find((p) => {
            try {
              return sys.stat(p).type === "file";
            } catch {
              return false;
            }
          });
          if (index) {
            body = sys.readFile(index);
            headers = `Content-type: text/html\r\nContent-Length: ${body.length}\r\nLast-Modified: ${httpDate(sys.stat(index).mtime * 1e6)}\r\n`;
          } else {
            body = listing(sys, path, req.path);
            headers = `Content-type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n`;
          }
        } else {
          body = sys.readFile(path);
          headers = `Content-type: ${mimeType(path, "application/octet-stream")}\r\nContent-Length: ${body.length}\r\nLast-Modified: ${httpDate(st.mtime * 1e6)}\r\n`;
        }
      } catch (e) {
        if (!(e instanceof Errno)) throw e;
        code = 404;
      }
    }
    const date = httpDate(sys.now());
    let response: string;
    if (code === 200 || code === 301) response = `HTTP/1.0 ${code} ${REASON[code]}\r\nServer: ${server}\r\nDate: ${date}\r\n${headers}\r\n${req.method === "HEAD" ? "" : body}`;
    else {
      yield* err(sys, `${conn.peer.ip} - - [${pythonLogTime(sys.now())}] code ${code}, message ${ERROR_EXPLAIN[code][0]}\n`);
      const page = errorPage(code);
      response = `HTTP/1.0 ${code} ${REASON[code]}\r\nServer: ${server}\r\nDate: ${date}\r\nConnection: close\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: ${page.length}\r\n\r\n${req.method === "HEAD" ? "" : page}`;
    }
    yield* send(sys, conn.fd, response);
    sys.close(conn.fd);
    yield* log(code);
  }
  yield* say("\nKeyboard interrupt received, exiting.\n");
  yield* stdout.flush();
  return 0;
}

/** Output of print(...) calls and bare expressions; null when the code is more than that. */
function runStatements(code: string): string | null {
  let output = "";
  for (const raw of code.split(/[\n;]/)) {
    const stmt = raw.trim();
    if (!stmt || stmt.startsWith("#")) continue;
    const call = /^print\((.*)\)$/.exec(stmt);
    if (!call) {
      if (evaluate(stmt, "py") === null) return null;
      continue;
    }
    const args = call[1].trim() === "" ? [] : splitArguments(call[1]);
    const values = args.map((a) => evaluate(a, "py"));
    if (values.some((v) => v === null)) return null;
    output += `${values.map((v) => format(v!, "py", false)).join(" ")}\n`;
  }
  return output;
}

/** The interactive interpreter: its banner, then expressions echoed as repr, print() as str. */
function* repl(sys: Sys): Gen<number> {
  // The build stamp is the day the image's Python was compiled (the time of day is approximate).
  yield* sys.write(1, `Python ${version(sys)} (main, Feb  4 2025, 23:30:00) [GCC 12.2.0] on linux\nType "help", "copyright", "credits" or "license" for more information.\n`);
  const input = new SocketReader(sys, 0);
  for (;;) {
    yield* sys.write(1, ">>> ");
    const line = yield* input.until("\n");
    if (line === null) {
      yield* sys.write(1, "\n");
      return 0;
    }
    const stmt = line.trim();
    if (/^(exit|quit)(\(\))?$/.test(stmt)) return 0;
    if (stmt === "") continue;
    const v = /^print\(/.test(stmt) ? null : evaluate(stmt, "py");
    if (v) {
      yield* sys.write(1, `${format(v, "py", true)}\n`);
      continue;
    }
    const printed = runStatements(stmt);
    if (printed !== null) yield* sys.write(1, printed);
    else yield* err(sys, "python3: this sandbox's Python evaluates arithmetic, strings and print() only\n");
  }
}

export const python3: ProgramDef = {
  name: "python3",
  rss: 10 * 1024 * 1024,
  *main(sys) {
    const args = sys.argv.slice(1);
    if (args[0] === "--version" || args[0] === "-V") {
      yield* sys.write(1, `Python ${version(sys)}\n`);
      return 0;
    }
    if (args[0] === "-m" && args[1] === "http.server") return yield* httpServer(sys, args.slice(2));
    if (args[0] === "-c" && args[1] !== undefined) {
      const printed = runStatements(args[1]);
      if (printed !== null) {
        yield* sys.write(1, printed);
        return 0;
      }
    }
    if (args.length === 0 && sys.isatty(0)) return yield* repl(sys);
    if (args.length === 0 || (args.length === 1 && args[0] === "-")) {
      // Without a terminal Python runs its standard input as a script (nothing, when it is empty).
      const printed = runStatements(yield* readAll(sys, 0));
      if (printed !== null) {
        yield* sys.write(1, printed);
        return 0;
      }
    }
    if (args[0] === "-u" && args[1] === "-m" && args[2] === "http.server") {
      sys.env.PYTHONUNBUFFERED = "1";
      return yield* httpServer(sys, args.slice(3));
    }
    yield* err(sys, `python3: this sandbox runs only \`python3 -m http.server\` and \`python3 --version\`; Python code is not interpreted\n`);
    return 1;
  },
};
