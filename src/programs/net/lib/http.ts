/** HTTP/1.x client pieces shared by curl and wget: URLs, requests and reading a response. */
import type { Gen, Sys } from "../../../kernel/api";
import { Errno } from "../../../kernel/errno";

export interface Url {
  scheme: string;
  host: string;
  port: number;
  /** Path and query, "/" at least. */
  path: string;
  /** Whether the URL named the port. */
  explicitPort: boolean;
}

export type UrlError = { error: "scheme"; scheme: string } | { error: "format" } | { error: "port" };

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

/** Parses "[scheme://]host[:port][/path]" ("http" when the scheme is left out). */
export function parseUrl(raw: string): Url | UrlError {
  let rest = raw;
  let scheme = "http";
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest);
  if (m) {
    scheme = m[1].toLowerCase();
    rest = rest.slice(m[0].length);
  }
  const cut = rest.search(/[/?#]/);
  const authority = cut < 0 ? rest : rest.slice(0, cut);
  let path = cut < 0 ? "/" : rest.slice(cut);
  if (path.startsWith("?")) path = `/${path}`;
  path = path.replace(/#.*$/, "") || "/";
  const hostPort = authority.replace(/^.*@/, "");
  if (hostPort.startsWith("[") && !hostPort.includes("]")) return { error: "format" };
  const pm = /^([^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!pm || pm[1] === "") return { error: "format" };
  if (!(scheme in DEFAULT_PORTS)) return { error: "scheme", scheme };
  if (pm[2] !== undefined && pm[2] !== "" && Number(pm[2]) > 65535) return { error: "port" };
  const explicitPort = pm[2] !== undefined && pm[2] !== "";
  return { scheme, host: pm[1].toLowerCase(), port: explicitPort ? Number(pm[2]) : DEFAULT_PORTS[scheme], path, explicitPort };
}

export function hostHeader(u: Url): string {
  return u.explicitPort && u.port !== DEFAULT_PORTS[u.scheme] ? `${u.host}:${u.port}` : u.host;
}

/** Resolves a relative Location against the URL it came from. */
export function resolveLocation(base: Url, location: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(location)) return location;
  const origin = `${base.scheme}://${hostHeader(base)}`;
  if (location.startsWith("//")) return `${base.scheme}:${location}`;
  if (location.startsWith("/")) return `${origin}${location}`;
  const dir = base.path.replace(/[^/]*$/, "");
  return `${origin}${dir}${location}`;
}

export interface Response {
  /** "HTTP/1.1 200 OK" */
  statusLine: string;
  version: string;
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  /** Header block as received, lines without their CR LF. */
  headerLines: string[];
  body: string;
}

export function header(r: Response, name: string): string | undefined {
  const n = name.toLowerCase();
  return r.headers.find(([h]) => h.toLowerCase() === n)?.[1];
}

/** Reads from a socket, keeping what came after what was asked for. */
export class SocketReader {
  private buf = "";
  private eof = false;
  constructor(
    private readonly sys: Sys,
    readonly fd: number,
  ) {}

  private *fill(): Gen<boolean> {
    if (this.eof) return false;
    let chunk: string;
    try {
      chunk = yield* this.sys.read(this.fd);
    } catch (e) {
      // A reset is the caller's to report ("Connection reset by peer"); other errors end the stream.
      if (!(e instanceof Errno) || e.code === "ECONNRESET") throw e;
      chunk = "";
    }
    if (chunk === "") this.eof = true;
    this.buf += chunk;
    return chunk !== "";
  }

  /** Up to and including `delim`; null at end of stream (with what was left, if any, in rest()). */
  *until(delim: string): Gen<string | null> {
    for (;;) {
      const i = this.buf.indexOf(delim);
      if (i >= 0) {
        const out = this.buf.slice(0, i + delim.length);
        this.buf = this.buf.slice(i + delim.length);
        return out;
      }
      if (!(yield* this.fill())) return null;
    }
  }

  *exactly(n: number): Gen<string> {
    while (this.buf.length < n && (yield* this.fill()));
    const out = this.buf.slice(0, n);
    this.buf = this.buf.slice(out.length);
    return out;
  }

  *toEnd(): Gen<string> {
    while (yield* this.fill());
    const out = this.buf;
    this.buf = "";
    return out;
  }

  rest(): string {
    const out = this.buf;
    this.buf = "";
    return out;
  }
}

export class BadResponse extends Error {}

/**
 * Sends a request; false when the peer had already closed its end. The sandbox's sockets refuse
 * that write at once (EPIPE, and SIGPIPE, which is held off here); on Linux the write succeeds,
 * the closed peer answers the data with a reset and the client's next read fails with
 * ECONNRESET, which is what the caller then reports.
 */
export function* sendRequest(sys: Sys, fd: number, data: string, restorePipe: "default" | "ignore"): Gen<boolean> {
  sys.signal("PIPE", "ignore");
  try {
    yield* sys.write(fd, data);
    return true;
  } catch (e) {
    if (!(e instanceof Errno) || e.code !== "EPIPE") throw e;
    return false;
  } finally {
    sys.signal("PIPE", restorePipe);
  }
}

/** Is this the error of a read from a connection the peer reset? */
export function isReset(e: unknown): boolean {
  return e instanceof Errno && e.code === "ECONNRESET";
}

/** Reads a response: head, then the body by Content-Length, chunked coding or end of stream. */
export function* readResponse(sys: Sys, fd: number, method: string): Gen<Response> {
  const r = new SocketReader(sys, fd);
  const head = yield* r.until("\r\n\r\n");
  if (head === null) {
    const partial = r.rest();
    if (partial === "") throw new BadResponse("empty");
    throw new BadResponse("head");
  }
  const headerLines = head.slice(0, -4).split("\r\n");
  const statusLine = headerLines[0];
  const m = /^(HTTP\/\d(?:\.\d)?) (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!m) throw new BadResponse("status");
  const headers: Array<[string, string]> = [];
  for (const line of headerLines.slice(1)) {
    const c = line.indexOf(":");
    if (c > 0) headers.push([line.slice(0, c), line.slice(c + 1).trim()]);
  }
  const res: Response = { statusLine, version: m[1], status: Number(m[2]), reason: m[3] ?? "", headers, headerLines, body: "" };
  if (method === "HEAD" || res.status === 204 || res.status === 304) return res;
  const te = header(res, "transfer-encoding");
  const cl = header(res, "content-length");
  if (te && /chunked/i.test(te)) {
    let body = "";
    for (;;) {
      const sizeLine = yield* r.until("\r\n");
      if (sizeLine === null) break;
      const size = Number.parseInt(sizeLine, 16);
      if (!Number.isFinite(size) || size === 0) {
        yield* r.until("\r\n");
        break;
      }
      body += yield* r.exactly(size);
      yield* r.until("\r\n");
    }
    res.body = body;
  } else if (cl !== undefined && /^\d+$/.test(cl)) res.body = yield* r.exactly(Number(cl));
  else res.body = yield* r.toEnd();
  return res;
}
