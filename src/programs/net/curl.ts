/**
 * curl 7.88.1 (Debian 12) for HTTP: -s -S -i -I -o -O -L -f -v -X -d -H -A -w -m, its progress
 * meter (on stderr when stdout is not a terminal), its error messages and exit codes.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { err, out } from "../lib/io";
import { BadResponse, header, hostHeader, isReset, parseUrl, type Response, readResponse, resolveLocation, sendRequest, type Url } from "./lib/http";
import { resolveHost } from "./lib/resolver";
import { progressHeader, progressLine } from "./lib/curlmeter";

const VERSION = "7.88.1";
const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";

interface Options {
  silent: boolean;
  showError: boolean;
  include: boolean;
  head: boolean;
  output?: string;
  remoteName: boolean;
  location: boolean;
  fail: boolean;
  verbose: boolean;
  method?: string;
  data: string[];
  headers: string[];
  userAgent: string;
  writeOut?: string;
  maxTime?: number;
  url?: string;
}

const FLAGS: Record<string, keyof Options> = {
  s: "silent",
  silent: "silent",
  S: "showError",
  "show-error": "showError",
  i: "include",
  include: "include",
  I: "head",
  head: "head",
  O: "remoteName",
  "remote-name": "remoteName",
  L: "location",
  location: "location",
  f: "fail",
  fail: "fail",
  v: "verbose",
  verbose: "verbose",
};

const WITH_ARG: Record<string, string> = {
  o: "output",
  output: "output",
  X: "request",
  request: "request",
  d: "data",
  data: "data",
  "data-raw": "data",
  "data-binary": "data",
  H: "header",
  header: "header",
  A: "user-agent",
  "user-agent": "user-agent",
  w: "write-out",
  "write-out": "write-out",
  m: "max-time",
  "max-time": "max-time",
  "connect-timeout": "connect-timeout",
};

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { silent: false, showError: false, include: false, head: false, remoteName: false, location: false, fail: false, verbose: false, data: [], headers: [], userAgent: `curl/${VERSION}` };
  const setArg = (name: string, value: string) => {
    if (name === "output") o.output = value;
    else if (name === "request") o.method = value;
    else if (name === "data") o.data.push(value);
    else if (name === "header") o.headers.push(value);
    else if (name === "user-agent") o.userAgent = value;
    else if (name === "write-out") o.writeOut = value;
    else if (name === "max-time") o.maxTime = Number(value);
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--") && a.length > 2) {
      const name = a.slice(2);
      if (FLAGS[name]) (o[FLAGS[name]] as boolean) = true;
      else if (name.startsWith("no-") && FLAGS[name.slice(3)]) (o[FLAGS[name.slice(3)]] as boolean) = false;
      else if (WITH_ARG[name]) {
        if (i + 1 >= argv.length) throw new UsageError(`option ${a}: requires parameter`);
        setArg(WITH_ARG[name], argv[++i]);
      } else throw new UsageError(`option ${a}: is unknown`);
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (FLAGS[c]) (o[FLAGS[c]] as boolean) = true;
        else if (WITH_ARG[c]) {
          const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (value === undefined) throw new UsageError(`option -${c}: requires parameter`);
          setArg(WITH_ARG[c], value);
          break;
        } else throw new UsageError(`option -${a.slice(j)}: is unknown`);
      }
    } else o.url ??= a;
  }
  return o;
}

class CurlError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Errors of a connection that was made: -v says them before the connection is closed. */
const CONNECTION_ERRORS = new Set([52, 56]);
const RESET = "Recv failure: Connection reset by peer";

/** Writes the output; curl ignores SIGPIPE, so a reader that went away is error 23. */
function* output(sys: Sys, data: string): Gen<void> {
  try {
    yield* out(sys, data);
  } catch (e) {
    if (!(e instanceof Errno) || e.code !== "EPIPE") throw e;
    throw new CurlError(23, "Failure writing output to destination");
  }
}

function remoteName(u: Url): string {
  return u.path.replace(/[?#].*$/, "").replace(/^.*\//, "");
}

/** What -w prints for a transfer. */
function writeOut(fmt: string, r: Response | null, url: string, bytes: number): string {
  const vars: Record<string, string> = {
    http_code: String(r?.status ?? 0).padStart(3, "0"),
    response_code: String(r?.status ?? 0).padStart(3, "0"),
    size_download: String(bytes),
    content_type: (r && header(r, "content-type")) ?? "",
    url_effective: url,
    http_version: r ? r.version.replace("HTTP/", "").replace(/^1$/, "1") : "0",
    num_redirects: "0",
  };
  return fmt
    .replace(/%\{([a-z_]+)\}/g, (m, name: string) => vars[name] ?? m)
    .replace(/\\n/g, "\n")
    .replace(/\\r/g, "\r")
    .replace(/\\t/g, "\t");
}

export const curl: ProgramDef = {
  name: "curl",
  rss: 9 * 1024 * 1024,
  *main(sys) {
    // As curl does: a closed socket or pipe is an error to report, not a reason to die.
    sys.signal("PIPE", "ignore");
    let o: Options;
    try {
      o = parseArgs(sys.argv);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      yield* err(sys, `curl: ${e.message}\n${TRY_HELP}`);
      return 2;
    }
    if (o.url === undefined) {
      yield* err(sys, TRY_HELP);
      return 2;
    }
    const stdoutTty = sys.isatty(1);
    const toFile = o.output !== undefined || o.remoteName;
    const meter = !o.silent && (!stdoutTty || toFile);
    const showErrors = !o.silent || o.showError;
    if (o.method === "POST" && o.data.length > 0 && !o.silent) yield* err(sys, "Note: Unnecessary use of -X or --request, POST is already inferred.\n");
    const verbose = (s: string) => (o.verbose ? err(sys, s) : noop());
    const start = sys.uptime();
    let url = o.url;
    let last: Response | null = null;
    let written = 0;
    try {
      if (meter) yield* err(sys, progressHeader());
      for (let hop = 0; ; hop++) {
        const u = parseUrl(url);
        if ("error" in u) {
          if (u.error === "scheme") throw new CurlError(1, `Protocol "${u.scheme}" not supported or disabled in libcurl`);
          throw new CurlError(3, "URL using bad/illegal format or missing URL");
        }
        if (u.scheme === "https") throw new CurlError(35, "OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number");
        if (meter) yield* err(sys, progressLine(0, 0, 0, 0));
        const fd = yield* connectTo(sys, u, o, start);
        const method = o.method ?? (o.head ? "HEAD" : o.data.length > 0 ? "POST" : "GET");
        const body = o.data.join("&");
        const lines = [`${method} ${u.path} HTTP/1.1`];
        const custom = new Map(o.headers.map((h) => [h.slice(0, h.indexOf(":")).toLowerCase(), h] as const));
        const std: Array<[string, string]> = [
          ["host", `Host: ${hostHeader(u)}`],
          ["user-agent", `User-Agent: ${o.userAgent}`],
          ["accept", "Accept: */*"],
        ];
        for (const [key, line] of std) {
          const c = custom.get(key);
          if (c === undefined) lines.push(line);
          else if (!/^[^:]+:\s*$/.test(c)) lines.push(c);
          custom.delete(key);
        }
        for (const h of o.headers) if (custom.has(h.slice(0, h.indexOf(":")).toLowerCase()) && !/^[^:]+:\s*$/.test(h)) lines.push(h);
        if (o.data.length > 0) {
          lines.push(`Content-Length: ${body.length}`);
          if (!o.headers.some((h) => /^content-type:/i.test(h))) lines.push("Content-Type: application/x-www-form-urlencoded");
        }
        const request = `${lines.join("\r\n")}\r\n\r\n`;
        yield* verbose(`${lines.map((l) => `> ${l}\r\n`).join("")}> \r\n`);
        let res: Response;
        try {
          if (!(yield* sendRequest(sys, fd, request + body, "ignore"))) throw new CurlError(56, RESET);
          if (o.data.length > 0) yield* verbose(`} [${body.length} bytes data]\n`);
          res = yield* readResponse(sys, fd, method);
        } catch (e) {
          if (isReset(e)) throw new CurlError(56, RESET);
          if (!(e instanceof BadResponse)) throw e;
          throw new CurlError(52, "Empty reply from server");
        } finally {
          sys.close(fd);
        }
        last = res;
        if (res.version === "HTTP/1.0") yield* verbose("* HTTP 1.0, assume close after body\n");
        yield* verbose(`${res.headerLines.map((l) => `< ${l}\r\n`).join("")}< \r\n`);
        const location = header(res, "location");
        if (o.location && location && res.status >= 300 && res.status < 400) {
          if (o.include || o.head) yield* output(sys, `${res.headerLines.join("\r\n")}\r\n\r\n`);
          if (hop >= 49) throw new CurlError(47, "Maximum (50) redirects followed");
          url = resolveLocation(u, location);
          yield* verbose(`* Issue another request to this URL: '${url}'\n`);
          continue;
        }
        if (o.fail && res.status >= 400) {
          if (meter) yield* err(sys, progressLine(0, 0, 0, contentLength(res)));
          throw new CurlError(22, `The requested URL returned error: ${res.status}`);
        }
        if (res.body.length > 0 && o.verbose && !stdoutTty) yield* err(sys, `{ [${res.body.length} bytes data]\n`);
        const payload = `${o.include || o.head ? `${res.headerLines.join("\r\n")}\r\n\r\n` : ""}${o.head ? "" : res.body}`;
        if (toFile) {
          const path = o.output ?? remoteName(u);
          if (path === "") throw new CurlError(23, "Remote file name has no length!");
          if (path === "-") yield* output(sys, payload);
          else {
            try {
              sys.writeFile(path, payload);
            } catch (e) {
              if (!(e instanceof Errno)) throw e;
              yield* err(sys, `Warning: Failed to open the file ${path}: ${e.message}\n`);
              throw new CurlError(23, "Failure writing output to destination");
            }
          }
        } else yield* output(sys, payload);
        written = res.body.length;
        if (meter) yield* err(sys, `${progressLine(res.body.length, res.body.length, sys.uptime() - start, contentLength(res))}\n`);
        yield* verbose(res.version === "HTTP/1.0" || /close/i.test(header(res, "connection") ?? "") ? "* Closing connection 0\n" : `* Connection #0 to host ${u.host} left intact\n`);
        break;
      }
    } catch (e) {
      if (!(e instanceof CurlError)) throw e;
      if (CONNECTION_ERRORS.has(e.code)) yield* verbose(`* ${e.message}\n`);
      if (meter) yield* err(sys, `${e.code === 22 ? "" : progressLine(0, 0, 0, 0)}\n`);
      if (e.code === 7 || CONNECTION_ERRORS.has(e.code)) yield* verbose("* Closing connection 0\n");
      if (o.writeOut) yield* lastWords(sys, writeOut(o.writeOut, last, url, written));
      if (showErrors) yield* err(sys, `curl: (${e.code}) ${e.message}\n`);
      return e.code;
    }
    if (o.writeOut) yield* lastWords(sys, writeOut(o.writeOut, last, url, written));
    return 0;
  },
};

function contentLength(r: Response): number {
  const cl = header(r, "content-length");
  return cl !== undefined && /^\d+$/.test(cl) ? Number(cl) : 0;
}

function* noop(): Gen<void> {}

/** -w's text at the end: a reader that went away has already been reported, or no longer matters. */
function* lastWords(sys: Sys, text: string): Gen<void> {
  try {
    yield* out(sys, text);
  } catch (e) {
    if (!(e instanceof Errno) || e.code !== "EPIPE") throw e;
  }
}

/** Resolves and connects, printing -v's "Trying" lines; throws CurlError 6, 7 or 28. */
function* connectTo(sys: Sys, u: Url, o: Options, start: number): Gen<number> {
  let addrs: string[];
  if (u.host === "localhost") addrs = ["127.0.0.1"];
  else {
    const r = yield* resolveHost(sys, u.host);
    if (!r.ok) throw new CurlError(6, `Could not resolve host: ${u.host}`);
    addrs = r.addrs;
  }
  let lastErr: Errno | null = null;
  for (const ip of addrs) {
    if (o.verbose) yield* err(sys, `*   Trying ${ip}:${u.port}...\n`);
    try {
      const fd = yield* sys.tcpConnect(ip, u.port);
      if (o.verbose) yield* err(sys, `* Connected to ${u.host} (${ip}) port ${u.port} (#0)\n`);
      return fd;
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      lastErr = e;
      if (o.verbose) yield* err(sys, `* connect to ${ip} port ${u.port} failed: ${e.message}\n`);
    }
  }
  if (u.host === "localhost" && o.verbose)
    yield* err(sys, `*   Trying [::1]:${u.port}...\n* connect to ::1 port ${u.port} failed: Connection refused\n`);
  const ms = Math.floor((sys.uptime() - start) / 1000);
  const msg = `Failed to connect to ${u.host} port ${u.port} after ${ms} ms: Couldn't connect to server`;
  if (o.verbose) yield* err(sys, `* ${msg}\n`);
  void lastErr;
  throw new CurlError(7, msg);
}
