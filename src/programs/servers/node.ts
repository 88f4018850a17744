/**
 * node, for what lessons run with it: -v, the REPL banner, `node -e` / scripts made of
 * console.log calls with literal strings, and the classic http.createServer hello-world
 * (writeHead/statusCode/setHeader, res.end(text), listen(port, callback)). Anything else is not
 * interpreted, and it says so.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err, out, readAll } from "../lib/io";
import { SocketReader } from "../net/lib/http";
import { evaluate, format, splitArguments } from "./lib/expr";
import { httpDate, listenOn, readRequest, send } from "./lib/http";

function version(sys: Sys): string {
  return `v${sys.env.NODE_VERSION ?? "22.14.0"}`;
}

/** String constants of the script (`const port = 3000;`, `const hostname = '0.0.0.0';`). */
function constants(src: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of src.matchAll(/\b(?:const|let|var)\s+(\w+)\s*=\s*(?:(\d+)|'([^']*)'|"([^"]*)"|process\.env\.\w+\s*\|\|\s*(\d+))\s*;?/g))
    out[m[1]] = m[2] ?? m[3] ?? m[4] ?? m[5];
  return out;
}

/** The text of a literal (quoted or template) with ${name} filled in, or null. */
function literal(expr: string, vars: Record<string, string>): string | null {
  const m = /^\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`([^`]*)`)\s*$/.exec(expr);
  if (!m) return /^\s*-?\d+(\.\d+)?\s*$/.test(expr) ? expr.trim() : null;
  const text = (m[1] ?? m[2] ?? m[3]).replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\(['"\\])/g, "$1");
  return m[3] !== undefined ? text.replace(/\$\{(\w+)\}/g, (_, n: string) => vars[n] ?? "") : text;
}

/** console.log(...) with one level of nested parentheses inside. */
const CONSOLE_LOG = /console\.log\(((?:[^()]|\([^()]*\))*)\)/g;

/** What console.log prints for an arithmetic or string expression, or null. */
function jsValue(expr: string): string | null {
  const v = evaluate(expr, "js");
  return v ? format(v, "js", false) : null;
}

function logs(src: string, vars: Record<string, string>): string[] | null {
  const out: string[] = [];
  for (const m of src.matchAll(CONSOLE_LOG)) {
    const parts = splitArguments(m[1]).map((a) => literal(a, vars) ?? jsValue(a));
    if (parts.some((t) => t === null)) return null;
    out.push(parts.join(" "));
  }
  return out;
}

interface HelloServer {
  port: number;
  status: number;
  headers: Array<[string, string]>;
  body: string;
  /** What the listen callback logs. */
  ready: string[];
}

function helloServer(src: string): HelloServer | null {
  if (!/createServer\s*\(/.test(src)) return null;
  const vars = constants(src);
  const listen = /\.listen\(\s*(\w+)/.exec(src);
  if (!listen) return null;
  const port = Number(/^\d+$/.test(listen[1]) ? listen[1] : vars[listen[1]]);
  const end = /res\.end\(([^)]*)\)/.exec(src);
  const body = end ? literal(end[1], vars) : "";
  if (!Number.isFinite(port) || body === null) return null;
  const headers: Array<[string, string]> = [];
  for (const m of src.matchAll(/setHeader\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/g)) headers.push([m[1], m[2]]);
  const head = /writeHead\(\s*(\d+)\s*(?:,\s*\{([^}]*)\})?/.exec(src);
  if (head?.[2]) for (const m of head[2].matchAll(/['"]?([\w-]+)['"]?\s*:\s*['"]([^'"]+)['"]/g)) headers.push([m[1], m[2]]);
  const status = Number(head?.[1] ?? /statusCode\s*=\s*(\d+)/.exec(src)?.[1] ?? 200);
  const after = src.slice(listen.index);
  return { port, status, headers, body, ready: logs(after, vars) ?? [] };
}

const REASONS: Record<number, string> = { 200: "OK", 201: "Created", 404: "Not Found", 500: "Internal Server Error" };

function* runServer(sys: Sys, s: HelloServer, before: string[]): Gen<number> {
  for (const line of before) yield* out(sys, `${line}\n`);
  const l = listenOn(sys, "0.0.0.0", s.port);
  if (l instanceof Errno) {
    yield* err(sys, `node:events:502\n      throw er; // Unhandled 'error' event\n      ^\n\nError: listen EADDRINUSE: address already in use :::${s.port}\n`);
    return 1;
  }
  for (const line of s.ready) yield* out(sys, `${line}\n`);
  sys.signal("PIPE", "ignore");
  let stop = false;
  for (const sig of ["INT", "TERM"] as const)
    sys.signal(sig, () => {
      stop = true;
    });
  while (!stop) {
    let conn: { fd: number };
    try {
      conn = yield* sys.tcpAccept(l);
    } catch (e) {
      if (e instanceof Errno && e.code === "EINTR") continue;
      throw e;
    }
    const reader = new SocketReader(sys, conn.fd);
    for (;;) {
      const req = yield* readRequest(reader);
      if (req === null) break;
      const keep = !/close/i.test(req.headers.find(([h]) => h.toLowerCase() === "connection")?.[1] ?? "");
      const head = `HTTP/1.1 ${s.status} ${REASONS[s.status] ?? ""}\r\n${s.headers.map(([h, v]) => `${h}: ${v}\r\n`).join("")}Date: ${httpDate(sys.now())}\r\nConnection: ${keep ? "keep-alive" : "close"}\r\n${keep ? "Keep-Alive: timeout=5\r\n" : ""}Content-Length: ${s.body.length}\r\n\r\n`;
      if (!(yield* send(sys, conn.fd, head + (req.method === "HEAD" ? "" : s.body))) || !keep) break;
    }
    sys.close(conn.fd);
  }
  return 130;
}

function* runSource(sys: Sys, src: string, name: string): Gen<number> {
  const server = helloServer(src);
  const vars = constants(src);
  if (server) {
    const cut = src.search(/\.listen\(/);
    return yield* runServer(sys, server, logs(src.slice(0, cut).replace(/createServer[\s\S]*$/, ""), vars) ?? []);
  }
  const lines = logs(src, vars);
  if (lines === null || src.replace(/console\.log\((?:[^()]|\([^()]*\))*\);?|\b(?:const|let|var)\s+\w+\s*=[^;\n]*;?|\/\/.*$/gm, "").trim() !== "") {
    yield* err(sys, `node: ${name}: this sandbox's node runs console.log of literals and the http.createServer hello-world only\n`);
    return 1;
  }
  for (const l of lines) yield* out(sys, `${l}\n`);
  return 0;
}

export const node: ProgramDef = {
  name: "node",
  rss: 40 * 1024 * 1024,
  *main(sys) {
    const args = sys.argv.slice(1);
    if (args[0] === "-v" || args[0] === "--version") {
      yield* out(sys, `${version(sys)}\n`);
      return 0;
    }
    if (args[0] === "-e" || args[0] === "--eval") return yield* runSource(sys, args[1] ?? "", "[eval]");
    if (args.length === 0 && !sys.isatty(0)) {
      // Without a terminal node runs its standard input as a script (nothing, when it is empty).
      const src = yield* readAll(sys, 0);
      return src.trim() === "" ? 0 : yield* runSource(sys, src, "[stdin]");
    }
    if (args.length === 0) {
      yield* out(sys, `Welcome to Node.js ${version(sys)}.\nType ".help" for more information.\n`);
      const input = new SocketReader(sys, 0);
      for (;;) {
        yield* out(sys, "> ");
        const line = yield* input.until("\n");
        if (line === null || line.trim() === ".exit") {
          if (line === null) yield* out(sys, "\n");
          return 0;
        }
        const v = evaluate(line.trim().replace(/;$/, ""), "js");
        if (v !== null) yield* out(sys, `${format(v, "js", true)}\n`);
        else if (line.trim() !== "") yield* out(sys, "Uncaught SyntaxError: this sandbox's REPL evaluates literals only\n");
      }
    }
    const file = args[0];
    let src: string;
    try {
      src = sys.readFile(file);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      const path = file.startsWith("/") ? file : `${sys.getcwd().replace(/\/$/, "")}/${file}`;
      yield* err(
        sys,
        `node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${path}'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)\n    at Module._load (node:internal/modules/cjs/loader:1051:27)\n    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)\n    at node:internal/main/run_main_module:28:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js ${version(sys)}\n`,
      );
      return 1;
    }
    return yield* runSource(sys, src, file);
  },
};
