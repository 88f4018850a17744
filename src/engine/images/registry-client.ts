/**
 * The daemon's side of the Registry HTTP API V2, as dockerd's distribution client uses it for a
 * registry on localhost: the /v2/ check, blob existence, uploads (POST, PATCH, PUT ?digest=),
 * manifests by tag or digest, tags/list. Requests go over TCP from the host's network namespace,
 * made by a short-lived process under dockerd (the real daemon uses a goroutine), so they reach
 * a `registry:2` container through its published port and docker-proxy like anything else.
 */
import type { Gen, Kernel, Main, Sys } from "../../kernel";
import { Errno } from "../../kernel";
import { closeFd } from "../../kernel/io/files";
import { forkProcess, reap } from "../../kernel/proc/process";
import { digestOf } from "../registry";
import { ENGINE } from "../system/info";
import { engineState } from "../state";

export const MANIFEST_TYPES = [
  "application/vnd.docker.distribution.manifest.v2+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.oci.image.manifest.v1+json",
];

// ---- running daemon-side work in a process -------------------------------------------------

/** Thrown by `daemonTask` when the task could not reach the registry (the dial error). */
export class DialError extends Error {
  constructor(readonly errno: Errno) {
    super(errno.message);
  }
}

/**
 * Runs `body` in a process under dockerd (host namespaces) and waits for its result from the
 * calling generator. Errors thrown by the body are rethrown here.
 */
export function* daemonTask<T>(k: Kernel, body: (sys: Sys) => Gen<T>): Gen<T> {
  const st = engineState(k);
  const parent = k.w.procs[st.daemonPid] ? st.daemonPid : 1;
  const box: { done: boolean; value?: T; error?: unknown } = { done: false };
  const main: Main = function* (sys) {
    // A registry that hangs up is an error to report, not a reason to die (Go ignores SIGPIPE too).
    sys.signal("PIPE", "ignore");
    try {
      const value = yield* body(sys);
      box.value = value;
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      box.error = e;
    }
    return 0;
  };
  const pid = forkProcess(k, { parent, main, comm: "dockerd" });
  const p = k.w.procs[pid];
  for (const fd of Object.keys(p.fds)) closeFd(k, p, Number(fd));
  const chan = `docker:task:${pid}`;
  k.exitWatchers.set(pid, () => {
    box.done = true;
    k.wake(chan);
  });
  while (!box.done) yield { kind: "chan", chan };
  // dockerd does not wait for its tasks; reap them here.
  if (k.w.procs[pid]?.state === "Z") reap(k, pid);
  if (box.error !== undefined) throw box.error;
  if (!("value" in box)) throw new Error("the registry task ended without a result");
  return box.value as T;
}

// ---- HTTP/1.1 over the simulated TCP --------------------------------------------------------

export interface HttpResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

export function responseHeader(r: HttpResponse, name: string): string | undefined {
  const n = name.toLowerCase();
  return r.headers.find(([h]) => h.toLowerCase() === n)?.[1];
}

export interface Endpoint {
  /** "localhost:5000": the Host header and the error messages. */
  domain: string;
  ip: string;
  port: number;
}

/** The daemon's User-Agent, as a docker 28 daemon sends it on behalf of the CLI. */
function userAgent(sys: Sys): string {
  const v = ENGINE.version;
  return `docker/${v} go/${ENGINE.goVersion} git-commit/${ENGINE.gitCommit} kernel/${sys.uname().release} os/linux arch/amd64 UpstreamClient(Docker-Client/${v} \\(linux\\))`;
}

/** One request on its own connection; throws DialError when nothing listens. */
export function* httpRequest(
  sys: Sys,
  ep: Endpoint,
  method: string,
  target: string,
  opts: { headers?: Array<[string, string]>; body?: string } = {},
): Gen<HttpResponse> {
  let fd: number;
  try {
    fd = yield* sys.tcpConnect(ep.ip, ep.port);
  } catch (e) {
    if (e instanceof Errno) throw new DialError(e);
    throw e;
  }
  try {
    const body = opts.body ?? "";
    const lines = [`${method} ${target} HTTP/1.1`, `Host: ${ep.domain}`, `User-Agent: ${userAgent(sys)}`, ...(opts.headers ?? []).map(([k, v]) => `${k}: ${v}`)];
    if (body.length > 0 || method === "PUT" || method === "PATCH" || method === "POST") lines.push(`Content-Length: ${body.length}`);
    lines.push("Connection: close");
    yield* sys.write(fd, `${lines.join("\r\n")}\r\n\r\n${body}`);
    return yield* readResponse(sys, fd, method === "HEAD");
  } catch (e) {
    // The peer hung up (a proxy whose backend is not listening, a crashed server): Go's url.Error.
    if (!(e instanceof Errno) && !(e instanceof HangUp)) throw e;
    throw new Error(`${method[0]}${method.slice(1).toLowerCase()} "http://${ep.domain}${target}": EOF`);
  } finally {
    sys.close(fd);
  }
}

/** The connection ended before a response head arrived. */
class HangUp extends Error {}

function* readResponse(sys: Sys, fd: number, head: boolean): Gen<HttpResponse> {
  let buf = "";
  let eof = false;
  const fill = function* () {
    const chunk = yield* sys.read(fd);
    if (chunk === "") eof = true;
    buf += chunk;
  };
  while (!buf.includes("\r\n\r\n") && !eof) yield* fill();
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) throw new HangUp();
  const lines = buf.slice(0, end).split("\r\n");
  buf = buf.slice(end + 4);
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  if (!m) throw new Error(`malformed HTTP status line ${JSON.stringify(lines[0])}`);
  const headers: Array<[string, string]> = [];
  for (const l of lines.slice(1)) {
    const c = l.indexOf(":");
    if (c > 0) headers.push([l.slice(0, c).trim(), l.slice(c + 1).trim()]);
  }
  const res: HttpResponse = { status: Number(m[1]), headers, body: "" };
  if (head) return res;
  const cl = responseHeader(res, "content-length");
  if (cl !== undefined) {
    while (buf.length < Number(cl) && !eof) yield* fill();
    res.body = buf.slice(0, Number(cl));
  } else {
    while (!eof) yield* fill();
    res.body = buf;
  }
  return res;
}

// ---- the protocol ----------------------------------------------------------------------------

/** A registry error body as the daemon quotes it: "manifest unknown: manifest unknown". */
export function registryError(res: HttpResponse): string {
  try {
    const e = (JSON.parse(res.body) as { errors?: Array<{ code: string; message: string }> }).errors?.[0];
    if (e) return `${e.code.toLowerCase().replace(/_/g, " ")}: ${e.message}`;
  } catch {
    // not JSON
  }
  return `unexpected status code ${res.status}`;
}

export class RegistryError extends Error {
  constructor(
    readonly response: HttpResponse,
    message = registryError(response),
  ) {
    super(message);
  }
}

/** CPU the daemon spends setting up a registry session (auth config, endpoints, TLS settings). */
const SESSION_SETUP_USEC = 10_000;

/** GET /v2/: the check the daemon makes before anything else. */
export function* ping(sys: Sys, ep: Endpoint): Gen<void> {
  yield* sys.cpu(SESSION_SETUP_USEC);
  const res = yield* httpRequest(sys, ep, "GET", "/v2/");
  if (res.status !== 200 && res.status !== 401) throw new RegistryError(res);
}

/** Whether the repository already has the blob (HEAD /v2/<name>/blobs/<digest>). */
export function* blobExists(sys: Sys, ep: Endpoint, name: string, digest: string): Gen<boolean> {
  const res = yield* httpRequest(sys, ep, "HEAD", `/v2/${name}/blobs/${digest}`);
  return res.status === 200;
}

/** Path and query of a Location header (absolute or not). */
function targetOf(location: string): string {
  return location.replace(/^https?:\/\/[^/]+/, "");
}

/** Uploads a blob: POST to open the upload, PATCH the content, PUT ?digest= to commit. */
export function* uploadBlob(sys: Sys, ep: Endpoint, name: string, digest: string, data: string): Gen<void> {
  const start = yield* httpRequest(sys, ep, "POST", `/v2/${name}/blobs/uploads/`);
  if (start.status !== 202) throw new RegistryError(start);
  const patched = yield* httpRequest(sys, ep, "PATCH", targetOf(responseHeader(start, "location") ?? ""), {
    headers: [["Content-Type", "application/octet-stream"]],
    body: data,
  });
  if (patched.status !== 202) throw new RegistryError(patched);
  const location = targetOf(responseHeader(patched, "location") ?? "");
  const sep = location.includes("?") ? "&" : "?";
  const done = yield* httpRequest(sys, ep, "PUT", `${location}${sep}digest=${encodeURIComponent(digest)}`, {
    headers: [["Content-Type", "application/octet-stream"]],
  });
  if (done.status !== 201) throw new RegistryError(done);
}

/** PUT /v2/<name>/manifests/<tag>; returns the digest the registry computed. */
export function* putManifest(sys: Sys, ep: Endpoint, name: string, tag: string, mediaType: string, json: string): Gen<string> {
  const res = yield* httpRequest(sys, ep, "PUT", `/v2/${name}/manifests/${tag}`, { headers: [["Content-Type", mediaType]], body: json });
  if (res.status !== 201) throw new RegistryError(res);
  return responseHeader(res, "docker-content-digest") ?? digestOf(json);
}

export interface FetchedManifest {
  json: string;
  digest: string;
  mediaType: string;
}

/** GET /v2/<name>/manifests/<reference>; null when the registry does not know it. */
export function* getManifest(sys: Sys, ep: Endpoint, name: string, reference: string): Gen<FetchedManifest | null> {
  const res = yield* httpRequest(sys, ep, "GET", `/v2/${name}/manifests/${reference}`, { headers: [["Accept", MANIFEST_TYPES.join(", ")]] });
  if (res.status === 404) return null;
  if (res.status !== 200) throw new RegistryError(res);
  const digest = digestOf(res.body);
  const claimed = responseHeader(res, "docker-content-digest");
  if ((claimed && claimed !== digest) || (reference.startsWith("sha256:") && reference !== digest))
    throw new Error(`manifest verification failed for digest ${reference.startsWith("sha256:") ? reference : claimed}`);
  return { json: res.body, digest, mediaType: responseHeader(res, "content-type") ?? MANIFEST_TYPES[0] };
}

/** GET /v2/<name>/blobs/<digest>, checked against its digest. */
export function* getBlob(sys: Sys, ep: Endpoint, name: string, digest: string): Gen<string> {
  const res = yield* httpRequest(sys, ep, "GET", `/v2/${name}/blobs/${digest}`);
  if (res.status !== 200) throw new RegistryError(res);
  if (digestOf(res.body) !== digest) throw new Error(`filesystem layer verification failed for digest ${digest}`);
  return res.body;
}

/** GET /v2/<name>/tags/list ("name unknown: ..." for a repository the registry does not have). */
export function* listTags(sys: Sys, ep: Endpoint, name: string): Gen<string[]> {
  const res = yield* httpRequest(sys, ep, "GET", `/v2/${name}/tags/list`);
  if (res.status !== 200) throw new RegistryError(res);
  return ((JSON.parse(res.body) as { tags?: string[] | null }).tags ?? []).slice().sort();
}
