/**
 * GNU Wget 1.21.3 (Debian's wget, on the host and in Debian-based images) for HTTP: its log on
 * stderr (the dated request line, resolving, connecting, the response, Length, Saving to, the
 * progress bar on a terminal or dots otherwise, the summary), -q, -nv, -O, -P, -t, -S, -U,
 * --header, --post-data, --spider; retries after read errors (waiting 1 s more each time, up to
 * 10 s), none after a refused connection; exit statuses 1 (generic), 2 (usage), 3 (file I/O),
 * 4 (network), 8 (server error), the lowest non-zero winning.
 */
import type { Gen, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { getopt, OptError } from "../lib/getopt";
import { err, out } from "../lib/io";
import { BadResponse, header, hostHeader, isReset, parseUrl, type Response, readResponse, resolveLocation, sendRequest, type Url } from "./lib/http";
import { ipv6Enabled } from "./lib/ifaces";
import { resolveHost } from "./lib/resolver";
import { barImage, dotRows, humanSize, retrRate } from "./lib/wget-progress";

const VERSION = "1.21.3";
const USAGE = "Usage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n";
const MAX_REDIRECTS = 20;
/** The quotes around names, as the UTF-8 bytes wget prints them in. */
const LQ = "\xe2\x80\x98";
const RQ = "\xe2\x80\x99";

const VERSION_TEXT = `GNU Wget ${VERSION} built on linux-gnu.

-cares +digest -gpgme +https +ipv6 +iri +large-file -metalink +nls 
+ntlm +opie +psl +ssl/gnutls 

Wgetrc: 
    /etc/wgetrc (system)
Locale: 
    /usr/share/locale 
Compile: 
    gcc -DHAVE_CONFIG_H -DSYSTEM_WGETRC="/etc/wgetrc" 
    -DLOCALEDIR="/usr/share/locale" -I. -I../../src -I../lib 
    -I../../lib -Wdate-time -D_FORTIFY_SOURCE=2 
    -I/usr/include/p11-kit-1 -DHAVE_LIBGNUTLS -DNDEBUG -g -O2 
    -ffile-prefix-map=/build/reproducible-path/wget-1.21.3=. 
    -fstack-protector-strong -Wformat -Werror=format-security 
    -DNO_SSLv2 -D_FILE_OFFSET_BITS=64 -g -Wall 
Link: 
    gcc -I/usr/include/p11-kit-1 -DHAVE_LIBGNUTLS -DNDEBUG -g -O2 
    -ffile-prefix-map=/build/reproducible-path/wget-1.21.3=. 
    -fstack-protector-strong -Wformat -Werror=format-security 
    -DNO_SSLv2 -D_FILE_OFFSET_BITS=64 -g -Wall -Wl,-z,relro -Wl,-z,now 
    -lpcre2-8 -luuid -lidn2 -lnettle -lgnutls -lz -lpsl ../lib/libgnu.a 

Copyright (C) 2015 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later
<http://www.gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.
`;

/** How much it says: -q nothing, -nv a line per file and errors, else everything. */
type Verbosity = "quiet" | "nv" | "verbose";

interface Options {
  verbosity: Verbosity;
  /** -O: "-" for standard output, else a file every download goes into. */
  output?: string;
  outputFd?: number;
  prefix?: string;
  tries: number;
  serverResponse: boolean;
  spider: boolean;
  userAgent: string;
  headers: string[];
  postData?: string;
}

/** "2026-01-15 09:00:00", the local time of the log lines (the sandbox runs in UTC). */
function stamp(sys: Sys): string {
  return new Date(Math.floor(sys.now() / 1000)).toISOString().slice(0, 19).replace("T", " ");
}

function showUrl(u: Url): string {
  return `${u.scheme}://${hostHeader(u)}${u.path}`;
}

/** Lower is more important: the exit status wget ends with (exits.c). */
function worse(a: number, b: number): number {
  if (a === 0) return b;
  if (b === 0) return a;
  return Math.min(a, b);
}

export function* gnuWget(sys: Sys): Gen<number> {
  // wget ignores SIGPIPE: a reader that goes away is a write error (status 3).
  sys.signal("PIPE", "ignore");
  const argv = sys.argv.map((a, i) => (i > 0 && a === "-nv" ? "--no-verbose" : a));
  let parsed: ReturnType<typeof getopt>;
  try {
    parsed = getopt(argv, {
      flags: "qS",
      withArg: "OtPU",
      long: {
        quiet: { short: "q" },
        "no-verbose": { short: "nv" },
        "output-document": { short: "O", arg: true },
        tries: { short: "t", arg: true },
        "server-response": { short: "S" },
        spider: { short: "spider" },
        "directory-prefix": { short: "P", arg: true },
        "user-agent": { short: "U", arg: true },
        header: { short: "header", arg: true },
        "post-data": { short: "post-data", arg: true },
        version: { short: "version" },
      },
    });
  } catch (e) {
    if (!(e instanceof OptError)) throw e;
    yield* err(sys, `wget: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (parsed.flags.version) {
    yield* out(sys, VERSION_TEXT);
    return 0;
  }
  if (parsed.operands.length === 0) {
    yield* err(sys, `wget: missing URL\n${USAGE}`);
    return 1;
  }
  const tries = Number(parsed.args.t?.at(-1) ?? "20");
  const o: Options = {
    verbosity: parsed.flags.q ? "quiet" : parsed.flags.nv ? "nv" : "verbose",
    output: parsed.args.O?.at(-1),
    prefix: parsed.args.P?.at(-1),
    tries: Number.isInteger(tries) && tries > 0 ? tries : 20,
    serverResponse: !!parsed.flags.S,
    spider: !!parsed.flags.spider,
    userAgent: parsed.args.U?.at(-1) ?? `Wget/${VERSION}`,
    headers: parsed.args.header ?? [],
    postData: parsed.args["post-data"]?.at(-1),
  };
  if (o.output !== undefined && o.output !== "-" && !o.spider) {
    try {
      o.outputFd = sys.open(o.output, { write: true, create: true, trunc: true }, 0o666);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      yield* err(sys, `${o.output}: ${e.message}\n`);
      return 1;
    }
  }
  if (o.spider && o.verbosity === "verbose") yield* err(sys, "Spider mode enabled. Check if remote file exists.\n");
  let status = 0;
  for (const raw of parsed.operands) status = worse(status, yield* retrieve(sys, o, raw));
  if (o.outputFd !== undefined) sys.close(o.outputFd);
  return status;
}

/** Connects to the first address that answers, logging each attempt. */
function* connect(sys: Sys, o: Options, u: Url, addrs: string[], literal: boolean): Gen<{ fd: number } | { failed: Errno }> {
  let last = new Errno("ECONNREFUSED");
  for (const ip of addrs) {
    if (o.verbosity === "verbose") yield* err(sys, literal ? `Connecting to ${ip}:${u.port}... ` : `Connecting to ${u.host} (${u.host})|${ip}|:${u.port}... `);
    try {
      // IPv6 is not simulated: a loopback ::1 reaches the dual-stack servers listening on 127.0.0.1.
      const fd = yield* sys.tcpConnect(ip === "::1" ? "127.0.0.1" : ip, u.port);
      if (o.verbosity === "verbose") yield* err(sys, "connected.\n");
      return { fd };
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      last = e;
      if (o.verbosity !== "quiet") yield* err(sys, `failed: ${e.message}.\n`);
    }
  }
  return { failed: last };
}

/** getaddrinfo for wget (AF_UNSPEC): /etc/hosts' IPv6 entries first where IPv6 is on, then IPv4. */
function* lookup(sys: Sys, host: string): Gen<{ ok: true; addrs: string[] } | { ok: false; error: string }> {
  const r = yield* resolveHost(sys, host);
  if (!r.ok) return { ok: false, error: r.error === "notfound" ? "Name or service not known" : "Temporary failure in name resolution" };
  return { ok: true, addrs: [...hostsIPv6(sys, host), ...r.addrs] };
}

function hostsIPv6(sys: Sys, host: string): string[] {
  if (!ipv6Enabled(sys)) return [];
  let hosts = "";
  try {
    hosts = sys.readFile("/etc/hosts");
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
  }
  const found: string[] = [];
  for (const line of hosts.split("\n")) {
    const [addr, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (addr?.includes(":") && names.some((n) => n.toLowerCase() === host.toLowerCase()) && !found.includes(addr)) found.push(addr);
  }
  return found;
}

/** Downloads one URL (following redirections); returns its exit status. */
function* retrieve(sys: Sys, o: Options, raw: string): Gen<number> {
  const v = o.verbosity === "verbose";
  const log = (s: string) => (v ? err(sys, s) : noop());
  let url = raw;
  for (let redirects = 0; ; redirects++) {
    const u = parseUrl(url);
    if ("error" in u) {
      if (o.verbosity !== "quiet") yield* err(sys, u.error === "scheme" ? `${url}: Unsupported scheme ${LQ}${u.scheme}${RQ}.\n` : `${url}: Invalid URL.\n`);
      return 1;
    }
    const literal = /^\d+\.\d+\.\d+\.\d+$/.test(u.host);
    let addrs: string[] | undefined;
    let result: Response | number | undefined;
    let saved = 0;
    for (let attempt = 1; attempt <= o.tries && result === undefined; attempt++) {
      yield* log(`--${stamp(sys)}--  ${attempt > 1 ? `(try:${String(attempt).padStart(2)})  ` : ""}${showUrl(u)}\n`);
      const cached = addrs !== undefined;
      if (addrs === undefined) {
        if (literal) addrs = [u.host];
        else {
          yield* log(`Resolving ${u.host} (${u.host})... `);
          const r = yield* lookup(sys, u.host);
          if (!r.ok) {
            yield* log(`failed: ${r.error}.\n`);
            if (o.verbosity !== "quiet") yield* err(sys, `wget: unable to resolve host address ${LQ}${u.host}${RQ}\n`);
            return 4;
          }
          addrs = r.addrs;
          yield* log(`${addrs.join(", ")}\n`);
        }
      }
      let c = yield* connect(sys, o, u, addrs, literal);
      // A cached address that now refuses: wget looks the name up again and tries once more.
      if ("failed" in c && cached && !literal && c.failed.code === "ECONNREFUSED") {
        yield* log(`Resolving ${u.host} (${u.host})... ${addrs.join(", ")}\n`);
        c = yield* connect(sys, o, u, addrs, literal);
      }
      if ("failed" in c) {
        if (c.failed.code === "ECONNREFUSED") return 4;
        if (attempt < o.tries) {
          yield* log("Retrying.\n\n");
          yield* sys.sleep(Math.min(attempt, 10) * 1000);
          continue;
        }
        yield* log("Giving up.\n\n");
        return 4;
      }
      const start = sys.uptime();
      const r = yield* exchange(sys, o, u, c.fd);
      if (typeof r === "string") {
        yield* log(`${r}\n`);
        if (attempt < o.tries) {
          yield* log("Retrying.\n\n");
          yield* sys.sleep(Math.min(attempt, 10) * 1000);
          continue;
        }
        yield* log("Giving up.\n\n");
        return 4;
      }
      result = r;
      saved = start;
    }
    if (result === undefined) return 4;
    if (typeof result === "number") return result;
    const res = result;
    const location = header(res, "location");
    if (res.status >= 300 && res.status < 400 && location) {
      yield* log(`Location: ${location} [following]\n`);
      if (redirects + 1 >= MAX_REDIRECTS) {
        if (o.verbosity !== "quiet") yield* err(sys, `${MAX_REDIRECTS} redirections exceeded.\n`);
        return 8;
      }
      url = resolveLocation(u, location);
      continue;
    }
    if (res.status >= 400) {
      if (o.spider) {
        if (o.verbosity === "nv") yield* err(sys, `${showUrl(u)}:\nRemote file does not exist -- broken link!!!\n`);
        yield* log("Remote file does not exist -- broken link!!!\n\n");
        return 8;
      }
      if (o.verbosity === "nv") yield* err(sys, `${showUrl(u)}:\n`);
      if (o.verbosity !== "quiet") yield* err(sys, `${stamp(sys)} ERROR ${res.status}: ${res.reason}.${v ? "\n" : ""}\n`);
      return 8;
    }
    return yield* save(sys, o, u, res, saved);
  }
}

/** Sends the request and reads the response: the Response, or the read error wget logs and retries on. */
function* exchange(sys: Sys, o: Options, u: Url, fd: number): Gen<Response | string> {
  const method = o.postData !== undefined ? "POST" : o.spider ? "HEAD" : "GET";
  const lines = [`${method} ${u.path} HTTP/1.1`, `Host: ${hostHeader(u)}`, `User-Agent: ${o.userAgent}`, "Accept: */*", "Accept-Encoding: identity", "Connection: Keep-Alive", ...o.headers];
  if (o.postData !== undefined) lines.push("Content-Type: application/x-www-form-urlencoded", `Content-Length: ${o.postData.length}`);
  const v = o.verbosity === "verbose";
  try {
    const sent = yield* sendRequest(sys, fd, `${lines.join("\r\n")}\r\n\r\n${o.postData ?? ""}`, "ignore");
    if (v) yield* err(sys, "HTTP request sent, awaiting response... ");
    if (!sent) throw new Errno("ECONNRESET");
    const res = yield* readResponse(sys, fd, method);
    if (v) yield* err(sys, o.serverResponse ? `\n${res.headerLines.map((l) => `  ${l}\n`).join("")}` : `${res.status} ${res.reason}\n`);
    return res;
  } catch (e) {
    if (isReset(e)) return `Read error (${(e as Errno).message}) in headers.`;
    if (e instanceof BadResponse) return "No data received.";
    throw e;
  } finally {
    sys.close(fd);
  }
}

/** The name a download is saved under: the URL's last path part (or index.html), numbered if taken. */
function localName(sys: Sys, o: Options, u: Url): string {
  const base = u.path.replace(/[?#].*$/, "").replace(/^.*\//, "") || "index.html";
  const name = o.prefix !== undefined ? `${o.prefix.replace(/\/$/, "")}/${base}` : base;
  const exists = (p: string) => {
    try {
      sys.stat(p);
      return true;
    } catch (e) {
      if (e instanceof Errno) return false;
      throw e;
    }
  };
  if (!exists(name)) return name;
  for (let n = 1; ; n++) if (!exists(`${name}.${n}`)) return `${name}.${n}`;
}

function* save(sys: Sys, o: Options, u: Url, res: Response, start: number): Gen<number> {
  const v = o.verbosity === "verbose";
  const cl = header(res, "content-length");
  const total = cl !== undefined && /^\d+$/.test(cl) ? Number(cl) : undefined;
  const type = header(res, "content-type");
  if (v) {
    const size = total === undefined ? "unspecified" : `${total}${total >= 1024 ? ` (${humanSize(total)})` : ""}`;
    yield* err(sys, `Length: ${size}${type ? ` [${type}]` : ""}\n`);
  }
  if (o.spider) {
    if (o.verbosity === "nv") yield* err(sys, `${stamp(sys)} URL: ${showUrl(u)} ${res.status} ${res.reason}\n`);
    if (v) yield* err(sys, /html/i.test(type ?? "") ? "Remote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n" : "Remote file exists.\n\n");
    return 0;
  }
  const toStdout = o.output === "-";
  const file = o.output ?? localName(sys, o, u);
  if (v) yield* err(sys, `Saving to: ${LQ}${toStdout ? "STDOUT" : file}${RQ}\n\n`);
  const tty = sys.isatty(2);
  const cols = tty ? sys.winsize(2).cols : 80;
  const label = toStdout ? "-" : file;
  if (v && tty) yield* err(sys, `\r${barImage(label, 0, total, cols)}`);
  try {
    if (toStdout) yield* out(sys, res.body);
    else if (o.outputFd !== undefined) yield* sys.write(o.outputFd, res.body);
    else sys.writeFile(file, res.body);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    if (o.verbosity !== "quiet") yield* err(sys, `${v ? "\n" : ""}Cannot write to ${LQ}${file}${RQ} (${e.message}).\n`);
    return 3;
  }
  const bytes = res.body.length;
  const secs = (sys.uptime() - start) / 1e6;
  if (v) yield* err(sys, tty ? `\r${barImage(label, bytes, total, cols, secs)}\n\n` : `${dotRows(bytes, total, secs)}\n`);
  const count = total !== undefined ? `${bytes}/${total}` : `${bytes}`;
  if (v) yield* err(sys, `${stamp(sys)} (${retrRate(bytes, secs)}) - ${toStdout ? "written to stdout" : `${LQ}${file}${RQ} saved`} [${count}]\n\n`);
  else if (o.verbosity === "nv") yield* err(sys, `${stamp(sys)} URL:${showUrl(u)} [${count}] -> "${toStdout ? "-" : file}" [1]\n`);
  return 0;
}

function* noop(): Gen<void> {}
