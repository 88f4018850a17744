/** What the toy HTTP servers share: reading requests, dates in HTTP and log formats, MIME types. */
import type { Gen, Sys } from "../../../kernel/api";
import { Errno } from "../../../kernel/errno";
import type { SocketReader } from "../../net/lib/http";

export interface Request {
  method: string;
  /** The request target as sent ("/index.html?x=1"). */
  target: string;
  /** Target path, percent-decoded, without the query. */
  path: string;
  version: string;
  /** "GET / HTTP/1.1" */
  line: string;
  headers: Array<[string, string]>;
  body: string;
}

export function requestHeader(r: Request, name: string): string | undefined {
  const n = name.toLowerCase();
  return r.headers.find(([h]) => h.toLowerCase() === n)?.[1];
}

function percentDecode(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** Reads one request; null when the client closed the connection first. */
export function* readRequest(reader: SocketReader): Gen<Request | null> {
  let head = yield* reader.until("\r\n\r\n");
  if (head === null) {
    // Clients such as nc may end lines with "\n" alone.
    const rest = reader.rest();
    if (!rest.includes("\n")) return null;
    head = rest;
  }
  const lines = head.replace(/\r?\n\r?\n$/, "").split(/\r?\n/);
  const line = lines[0];
  const [method = "", target = "", version = "HTTP/0.9"] = line.split(" ");
  const headers: Array<[string, string]> = [];
  for (const l of lines.slice(1)) {
    const c = l.indexOf(":");
    if (c > 0) headers.push([l.slice(0, c).trim(), l.slice(c + 1).trim()]);
  }
  const req: Request = { method, target, path: percentDecode(target.replace(/[?#].*$/, "")), version, line, headers, body: "" };
  const cl = requestHeader(req, "content-length");
  if (cl && /^\d+$/.test(cl)) req.body = yield* reader.exactly(Number(cl));
  return req;
}

/** Writes to a client that may be gone (EPIPE is the client's business, not a crash). */
export function* send(sys: Sys, fd: number, data: string): Gen<boolean> {
  try {
    yield* sys.write(fd, data);
    return true;
  } catch (e) {
    if (e instanceof Errno) return false;
    throw e;
  }
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** RFC 7231 date: "Thu, 15 Jan 2026 09:00:01 GMT". Times are µs (or seconds with `seconds`). */
export function httpDate(usec: number): string {
  const d = new Date(Math.floor(usec / 1000));
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

/** Common log format time: "15/Jan/2026:09:00:01 +0000". */
export function clfTime(usec: number): string {
  const d = new Date(Math.floor(usec / 1000));
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** "2026/01/15 09:00:01" (nginx's error log). */
export function logTime(usec: number): string {
  const d = new Date(Math.floor(usec / 1000));
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** Python's log_date_time_string: "15/Jan/2026 09:00:01". */
export function pythonLogTime(usec: number): string {
  const d = new Date(Math.floor(usec / 1000));
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** The common types of nginx's mime.types (and most servers'), by extension. */
const MIME: Record<string, string> = {
  html: "text/html",
  htm: "text/html",
  shtml: "text/html",
  css: "text/css",
  xml: "text/xml",
  txt: "text/plain",
  js: "application/javascript",
  json: "application/json",
  gif: "image/gif",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  png: "image/png",
  svg: "image/svg+xml",
  ico: "image/x-icon",
  webp: "image/webp",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/octet-stream",
  tar: "application/x-tar",
  mp4: "video/mp4",
  woff: "font/woff",
  woff2: "font/woff2",
};

export function mimeType(path: string, fallback: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return (m && MIME[m[1].toLowerCase()]) ?? fallback;
}

/** Joins a document root and a request path, refusing to climb above the root. */
export function underRoot(root: string, path: string): string | null {
  const parts: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return `${root.replace(/\/$/, "")}/${parts.join("/")}${path.endsWith("/") && parts.length > 0 ? "/" : ""}`;
}

/** A listening socket, or the errno that bind() gave. */
export function listenOn(sys: Sys, ip: string, port: number): number | Errno {
  try {
    return sys.tcpListen(ip, port);
  } catch (e) {
    if (e instanceof Errno) return e;
    throw e;
  }
}
