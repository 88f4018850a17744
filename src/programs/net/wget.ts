/**
 * wget: busybox 1.35 for HTTP as an applet of busybox; any other wget binary (the Debian host's,
 * Debian-based images') is GNU Wget (gnu-wget.ts). -O FILE ('-' = stdout), -q, -S (server response), --spider,
 * --header, --post-data, -U, -P; its progress bar, messages and exit status (1 on any error).
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { usageError } from "../lib/busybox";
import { getopt, OptError } from "../lib/getopt";
import { err, out } from "../lib/io";
import { BadResponse, header, hostHeader, isReset, parseUrl, type Response, readResponse, resolveLocation, sendRequest } from "./lib/http";
import { resolveHost } from "./lib/resolver";
import { runningAsBusybox } from "./lib/ifaces";
import { gnuWget } from "./gnu-wget";
import { USAGE } from "./usage";

/** busybox's progress line for a finished transfer ("index.html  100% |****|   615  0:00:00 ETA"). */
export function wgetProgress(name: string, bytes: number): string {
  let n = bytes;
  let unit = 0;
  while (n >= 100000) {
    unit++;
    n = Math.floor(n / 1024);
  }
  const label = name.length > 20 ? name.slice(0, 20) : name.padEnd(20);
  return `${label} 100% |${"*".repeat(32)}|${String(n).padStart(6)}${" kMGTPEZY"[unit]} 0:00:00 ETA\n`;
}

export const wget: ProgramDef = {
  name: "wget",
  rss: 1024 * 1024,
  *main(sys) {
    if (!runningAsBusybox(sys)) return yield* gnuWget(sys);
    let opts: ReturnType<typeof getopt>;
    try {
      opts = getopt(sys.argv, {
        flags: "cqS",
        withArg: "OoPUYT",
        long: {
          spider: { short: "spider" },
          header: { short: "header", arg: true },
          "post-data": { short: "post-data", arg: true },
          "post-file": { short: "post-file", arg: true },
          "no-check-certificate": { short: "ncc" },
          "output-document": { short: "O", arg: true },
          quiet: { short: "q" },
          "user-agent": { short: "U", arg: true },
          "server-response": { short: "S" },
          "directory-prefix": { short: "P", arg: true },
        },
      });
    } catch (e) {
      if (e instanceof OptError) return yield* usageError(sys, USAGE.wget, e.message);
      throw e;
    }
    if (opts.operands.length === 0) return yield* usageError(sys, USAGE.wget);
    const quiet = !!opts.flags.q;
    const say = (s: string) => (quiet ? nothing() : err(sys, s));
    let status = 0;
    for (const raw of opts.operands) {
      const code = yield* fetchOne(sys, raw, opts, quiet, say);
      if (code !== 0) status = code;
      if (code !== 0) break;
    }
    return status;
  },
};

function* nothing(): Gen<void> {}

function* fail(sys: Sys, msg: string): Gen<number> {
  yield* err(sys, `wget: ${msg}\n`);
  return 1;
}

function* fetchOne(sys: Sys, raw: string, opts: ReturnType<typeof getopt>, quiet: boolean, say: (s: string) => Gen<void>): Gen<number> {
  let url = raw;
  let connected = "";
  const post = opts.args["post-data"]?.at(-1);
  for (let hop = 0; hop < 20; hop++) {
    const u = parseUrl(url);
    if ("error" in u) {
      if (u.error === "scheme") return yield* fail(sys, `not an http or ftp url: ${raw}`);
      return yield* fail(sys, `bad address '${url.replace(/^[a-z]+:\/\//, "").replace(/\/.*$/, "")}'`);
    }
    if (u.scheme === "https") return yield* fail(sys, "error getting response: Connection reset by peer");
    const r = yield* resolveHost(sys, u.host);
    if (!r.ok) return yield* fail(sys, `bad address '${u.host}'`);
    const ip = r.addrs[0];
    // The host as the URL gave it: with its port only when it named one.
    const target = u.explicitPort ? `${u.host}:${u.port}` : u.host;
    if (connected !== `${ip}:${u.port}`) yield* say(`Connecting to ${target} (${ip}:${u.port})\n`);
    connected = `${ip}:${u.port}`;
    let fd: number;
    try {
      fd = yield* sys.tcpConnect(ip, u.port);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      return yield* fail(sys, `can't connect to remote host (${ip}): ${e.message}`);
    }
    const spider = !!opts.flags.spider;
    const method = post !== undefined ? "POST" : spider ? "HEAD" : "GET";
    const extra = opts.args.header ?? [];
    const agent = opts.args.U?.at(-1) ?? "Wget";
    const lines = [`${method} ${u.path} HTTP/1.1`, `Host: ${hostHeader(u)}`, `User-Agent: ${agent}`];
    if (post !== undefined) lines.push("Content-Type: application/x-www-form-urlencoded", `Content-Length: ${post.length}`);
    lines.push("Connection: close", ...extra);
    let res: Response;
    try {
      if (!(yield* sendRequest(sys, fd, `${lines.join("\r\n")}\r\n\r\n${post ?? ""}`, "default"))) throw new Errno("ECONNRESET");
      res = yield* readResponse(sys, fd, method);
    } catch (e) {
      sys.close(fd);
      // busybox says perror's text after the message: the reset, or nothing for a plain close.
      if (isReset(e)) return yield* fail(sys, `error getting response: ${(e as Errno).message}`);
      if (!(e instanceof BadResponse)) throw e;
      return yield* fail(sys, "error getting response");
    }
    sys.close(fd);
    if (opts.flags.S) yield* err(sys, `${res.headerLines.map((l) => `  ${l}\n`).join("")}  \n`);
    const location = header(res, "location");
    if (res.status >= 300 && res.status < 400 && location) {
      url = resolveLocation(u, location);
      continue;
    }
    if (res.status >= 400 || res.status < 200) return yield* fail(sys, `server returned error: ${res.statusLine}`);
    if (spider) {
      yield* say("remote file exists\n");
      return 0;
    }
    return yield* save(sys, opts, u.path, res.body, quiet, say);
  }
  return yield* fail(sys, "too many redirections");
}

function* save(sys: Sys, opts: ReturnType<typeof getopt>, path: string, body: string, quiet: boolean, say: (s: string) => Gen<void>): Gen<number> {
  const named = opts.args.O?.at(-1);
  if (named === "-") {
    yield* say("writing to stdout\n");
    yield* out(sys, body);
    if (!quiet) yield* err(sys, wgetProgress("-", body.length));
    yield* say("written to stdout\n");
    return 0;
  }
  let file = named ?? (path.replace(/[?#].*$/, "").replace(/^.*\//, "") || "index.html");
  const dir = opts.args.P?.at(-1);
  if (dir !== undefined && named === undefined) file = `${dir.replace(/\/$/, "")}/${file}`;
  try {
    const fd = sys.open(file, { write: true, create: true, trunc: true, excl: named === undefined }, 0o666);
    yield* say(`saving to '${file}'\n`);
    yield* sys.write(fd, body);
    sys.close(fd);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    return yield* fail(sys, `can't open '${file}': ${e.message}`);
  }
  if (!quiet) yield* err(sys, wgetProgress(file.replace(/^.*\//, ""), body.length));
  yield* say(`'${file}' saved\n`);
  return 0;
}
