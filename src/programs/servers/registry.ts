/**
 * registry 2.8.3 (distribution), as the registry:2 image runs it: `registry serve config.yml`.
 * Reads http.addr and storage.filesystem.rootdirectory (and their REGISTRY_* overrides), logs as
 * logrus does on stderr, the access log on stdout, and speaks the part of the Registry HTTP API V2
 * that docker uses: the base check, manifests by tag and digest, blobs, resumable blob uploads,
 * _catalog and tags/list, with the registry's JSON errors. Everything is kept in the filesystem
 * driver's layout under <rootdirectory>/docker/registry/v2 (blobs by digest, per-repository links).
 */
import type { Gen, ProgramDef, Signal, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import { sha256Hex } from "../../engine/registry/digest";
import { rfc3339Nano } from "../../engine/time";
import { err, out } from "../lib/io";
import { SocketReader } from "../net/lib/http";
import { clfTime, httpDate, listenOn, type Request, readRequest, requestHeader, send } from "./lib/http";

const VERSION = "2.8.3";
const GO_VERSION = "go1.20.8";
const DEFAULT_CONFIG = "/etc/docker/registry/config.yml";
const JSON_TYPE = "application/json; charset=utf-8";
const API_VERSION: [string, string] = ["Docker-Distribution-Api-Version", "registry/2.0"];

// ---- configuration ---------------------------------------------------------------------------

interface Config {
  addr: string;
  root: string;
  /** log.fields: added to every log line. */
  fields: Record<string, string>;
  /** http.headers: added to every response. */
  headers: Array<[string, string]>;
  secret: boolean;
  deleteEnabled: boolean;
}

/** The YAML subset config.yml uses: nested maps by indentation, scalars and [a, b] lists. */
function parseYaml(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const stack: Array<{ indent: number; map: Record<string, unknown> }> = [{ indent: -1, map: root }];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+#.*$/, "").replace(/\s+$/, "");
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const m = /^(\s*)([^:]+):\s*(.*)$/.exec(line);
    if (!m) throw new Error(`yaml: line could not be parsed: ${line.trim()}`);
    const indent = m[1].length;
    while (stack[stack.length - 1].indent >= indent) stack.pop();
    const parent = stack[stack.length - 1].map;
    const value = m[3];
    if (value === "") {
      const child: Record<string, unknown> = {};
      parent[m[2].trim()] = child;
      stack.push({ indent, map: child });
    } else if (value.startsWith("[") && value.endsWith("]")) {
      parent[m[2].trim()] = value.slice(1, -1).split(",").map((s) => s.trim().replace(/^["']|["']$/g, ""));
    } else parent[m[2].trim()] = value.replace(/^["']|["']$/g, "");
  }
  return root;
}

function at(tree: Record<string, unknown>, path: string): unknown {
  let cur: unknown = tree;
  for (const key of path.split(".")) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[key] : undefined;
  return cur;
}

function readConfig(sys: Sys, path: string): Config | string {
  let text: string;
  try {
    text = sys.readFile(path);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    return `open ${path}: ${e.message.toLowerCase()}`;
  }
  let tree: Record<string, unknown>;
  try {
    tree = parseYaml(text);
  } catch (e) {
    return (e as Error).message;
  }
  const env = sys.env;
  const fields: Record<string, string> = {};
  const f = at(tree, "log.fields");
  if (f && typeof f === "object") for (const [k, v] of Object.entries(f)) fields[k] = String(v);
  const headers: Array<[string, string]> = [];
  const h = at(tree, "http.headers");
  if (h && typeof h === "object") for (const [k, v] of Object.entries(h)) headers.push([k, Array.isArray(v) ? v.join(",") : String(v)]);
  return {
    addr: env.REGISTRY_HTTP_ADDR ?? String(at(tree, "http.addr") ?? ":5000"),
    root: env.REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY ?? String(at(tree, "storage.filesystem.rootdirectory") ?? "/var/lib/registry"),
    fields,
    headers,
    secret: (env.REGISTRY_HTTP_SECRET ?? at(tree, "http.secret")) !== undefined,
    deleteEnabled: (env.REGISTRY_STORAGE_DELETE_ENABLED ?? String(at(tree, "storage.delete.enabled") ?? "false")) === "true",
  };
}

// ---- logging ---------------------------------------------------------------------------------

/** logrus's text formatter: key=value, values quoted only when they need it, fields sorted. */
function logfmtValue(v: string): string {
  return /^[A-Za-z0-9\-._/@^+]+$/.test(v) ? v : JSON.stringify(v);
}

class Logger {
  constructor(
    private readonly sys: Sys,
    private readonly base: Record<string, string>,
  ) {}

  *log(level: "info" | "warning" | "error", msg: string, extra: Record<string, string> = {}): Gen<void> {
    const fields = { ...this.base, ...extra };
    const keys = Object.keys(fields).sort();
    const rest = keys.map((k) => `${k}=${logfmtValue(fields[k])}`).join(" ");
    yield* err(this.sys, `time="${rfc3339Nano(this.sys.now())}" level=${level} msg=${JSON.stringify(msg)} ${rest}\n`);
  }
}

/** Go's time.Duration.String() for a duration in µs. */
function goDuration(usec: number): string {
  if (usec === 0) return "0s";
  if (usec < 1000) return `${usec}µs`;
  if (usec < 1_000_000) return `${String(usec / 1000).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "")}ms`;
  return `${String(usec / 1e6).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "")}s`;
}

/** fmt's %v of an error detail: strings as they are, structs as {v1 v2}, maps as map[k:v]. */
function goValue(detail: unknown): string {
  if (typeof detail === "string") return detail;
  if (detail instanceof Map) return `map[${[...detail].map(([k, v]) => `${k}:${v}`).join(" ")}]`;
  return `{${Object.values(detail as Record<string, unknown>).join(" ")}}`;
}

function uuid(sys: Sys): string {
  const b = [...sys.random(16)].map((c) => c.charCodeAt(0));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---- storage (the filesystem driver's layout) ------------------------------------------------

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
const NAME_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;

class Storage {
  readonly v2: string;
  constructor(
    private readonly sys: Sys,
    root: string,
  ) {
    this.v2 = `${root.replace(/\/$/, "")}/docker/registry/v2`;
  }

  blobData(digest: string): string {
    const hex = digest.slice(7);
    return `${this.v2}/blobs/sha256/${hex.slice(0, 2)}/${hex}/data`;
  }
  repo(name: string): string {
    return `${this.v2}/repositories/${name}`;
  }
  layerLink(name: string, digest: string): string {
    return `${this.repo(name)}/_layers/sha256/${digest.slice(7)}/link`;
  }
  revisionLink(name: string, digest: string): string {
    return `${this.repo(name)}/_manifests/revisions/sha256/${digest.slice(7)}/link`;
  }
  tagDir(name: string, tag: string): string {
    return `${this.repo(name)}/_manifests/tags/${tag}`;
  }
  uploadDir(name: string, id: string): string {
    return `${this.repo(name)}/_uploads/${id}`;
  }

  read(path: string): string | null {
    try {
      return this.sys.readFile(path);
    } catch (e) {
      if (e instanceof Errno) return null;
      throw e;
    }
  }
  exists(path: string): boolean {
    try {
      this.sys.stat(path);
      return true;
    } catch (e) {
      if (e instanceof Errno) return false;
      throw e;
    }
  }
  list(path: string): string[] {
    try {
      return this.sys.readdir(path).filter((n) => n !== "." && n !== "..");
    } catch (e) {
      if (e instanceof Errno) return [];
      throw e;
    }
  }
  /** Writes a file, making its directories (as os.MkdirAll(0777) and OpenFile(0666) under the umask). */
  write(path: string, data: string, append = false) {
    let dir = "";
    for (const part of path.split("/").slice(1, -1)) {
      dir += `/${part}`;
      try {
        this.sys.mkdir(dir, 0o777);
      } catch (e) {
        if (!(e instanceof Errno) || e.code !== "EEXIST") throw e;
      }
    }
    this.sys.writeFile(path, data, { append, mode: 0o666 });
  }
  removeTree(path: string) {
    let st: ReturnType<Sys["lstat"]>;
    try {
      st = this.sys.lstat(path);
    } catch (e) {
      if (e instanceof Errno) return;
      throw e;
    }
    if (st.type === "dir") {
      for (const n of this.list(path)) this.removeTree(`${path}/${n}`);
      this.sys.rmdir(path);
    } else this.sys.unlink(path);
  }

  hasBlob(name: string, digest: string): boolean {
    return this.read(this.layerLink(name, digest)) === digest && this.exists(this.blobData(digest));
  }
  /** The digest a tag points at, or null. */
  tag(name: string, tag: string): string | null {
    return this.read(`${this.tagDir(name, tag)}/current/link`);
  }
  /** Repositories with manifests, in lexical order (the catalog walks the tree). */
  repositories(): string[] {
    const found: string[] = [];
    const walk = (rel: string) => {
      const path = rel ? `${this.v2}/repositories/${rel}` : `${this.v2}/repositories`;
      for (const n of this.list(path)) {
        if (n.startsWith("_")) continue;
        const child = rel ? `${rel}/${n}` : n;
        if (this.exists(`${this.v2}/repositories/${child}/_manifests`)) found.push(child);
        walk(child);
      }
    };
    walk("");
    return found.sort();
  }
}

// ---- errors ----------------------------------------------------------------------------------

const ERRORS = {
  BLOB_UNKNOWN: [404, "blob unknown to registry"],
  BLOB_UPLOAD_INVALID: [400, "blob upload invalid"],
  BLOB_UPLOAD_UNKNOWN: [404, "blob upload unknown to registry"],
  DIGEST_INVALID: [400, "provided digest did not match uploaded content"],
  MANIFEST_BLOB_UNKNOWN: [400, "blob unknown to registry"],
  MANIFEST_INVALID: [400, "manifest invalid"],
  MANIFEST_UNKNOWN: [404, "manifest unknown"],
  NAME_INVALID: [400, "invalid repository name"],
  NAME_UNKNOWN: [404, "repository name not known to registry"],
  TAG_INVALID: [400, "manifest tag did not match URI"],
  UNSUPPORTED: [405, "The operation is unsupported."],
  UNKNOWN: [404, "404 page not found"],
} as const;
type ErrorCode = keyof typeof ERRORS;

// ---- HTTP ------------------------------------------------------------------------------------

interface Reply {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  /** For the "response completed with error" log line. */
  error?: { code: ErrorCode; detail?: unknown };
  /** Route variables (vars.name, vars.reference, ...) logged with the request. */
  vars: Record<string, string>;
}

const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  416: "Requested Range Not Satisfiable",
};

function jsonReply(status: number, value: unknown, vars: Record<string, string> = {}): Reply {
  // Go's json.Encoder ends the document with a newline.
  const body = `${JSON.stringify(value)}\n`;
  return { status, headers: [["Content-Type", JSON_TYPE]], body, vars };
}

function errorReply(code: ErrorCode, detail: unknown, vars: Record<string, string>): Reply {
  const [status, message] = ERRORS[code];
  if (code === "UNKNOWN") return { status, headers: [["Content-Type", "text/plain; charset=utf-8"], ["X-Content-Type-Options", "nosniff"]], body: "404 page not found\n", vars };
  const entry: Record<string, unknown> = { code, message };
  if (detail !== undefined) entry.detail = detail instanceof Map ? Object.fromEntries(detail) : detail;
  return { ...jsonReply(status, { errors: [entry] }, vars), error: { code, detail } };
}

function empty(status: number, headers: Array<[string, string]>, vars: Record<string, string>): Reply {
  return { status, headers: [...headers, ["Content-Length", "0"]], body: "", vars };
}

function query(target: string): URLSearchParams {
  const q = target.indexOf("?");
  return new URLSearchParams(q < 0 ? "" : target.slice(q + 1));
}

/** The upload's opaque _state (the real one is HMAC-signed; this one is only encoded). */
function uploadState(name: string, id: string, offset: number, startedAt: string): string {
  const json = JSON.stringify({ Name: name, UUID: id, Offset: offset, StartedAt: startedAt });
  let b64 = "";
  const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  for (let i = 0; i < json.length; i += 3) {
    const n = (json.charCodeAt(i) << 16) | ((json.charCodeAt(i + 1) || 0) << 8) | (json.charCodeAt(i + 2) || 0);
    b64 += A[(n >> 18) & 63] + A[(n >> 12) & 63] + (i + 1 < json.length ? A[(n >> 6) & 63] : "") + (i + 2 < json.length ? A[n & 63] : "");
  }
  return b64;
}

class Registry {
  constructor(
    private readonly sys: Sys,
    private readonly store: Storage,
    private readonly conf: Config,
  ) {}

  handle(req: Request): Reply {
    const path = req.path;
    const m = req.method === "HEAD" ? "GET" : req.method;
    // apiBase writes "{}" itself, without the encoder's newline.
    if (path === "/v2/" || path === "/v2") return m === "GET" ? { status: 200, headers: [["Content-Type", JSON_TYPE]], body: "{}", vars: {} } : errorReply("UNSUPPORTED", undefined, {});
    if (path === "/v2/_catalog") return m === "GET" ? this.catalog(req) : errorReply("UNSUPPORTED", undefined, {});
    const r = /^\/v2\/(.+)\/(manifests|blobs\/uploads|blobs|tags)\/(.*)$/.exec(path);
    if (!r) return errorReply("UNKNOWN", undefined, {});
    const [, name, kind, rest] = r;
    const vars: Record<string, string> = { "vars.name": name };
    if (!NAME_RE.test(name)) return errorReply("NAME_INVALID", `invalid repository name`, vars);
    if (kind === "tags") return rest === "list" && m === "GET" ? this.tags(name, vars) : errorReply("UNKNOWN", undefined, {});
    if (kind === "manifests") {
      vars["vars.reference"] = rest;
      if (m === "GET") return this.getManifest(name, rest, vars);
      if (m === "PUT") return this.putManifest(req, name, rest, vars);
      if (m === "DELETE") return this.deleteManifest(name, rest, vars);
      return errorReply("UNSUPPORTED", undefined, vars);
    }
    if (kind === "blobs") {
      vars["vars.digest"] = rest;
      if (m === "GET") return this.getBlob(req, name, rest, vars);
      if (m === "DELETE") return this.conf.deleteEnabled ? this.deleteBlob(name, rest, vars) : errorReply("UNSUPPORTED", undefined, vars);
      return errorReply("UNSUPPORTED", undefined, vars);
    }
    if (rest === "") return m === "POST" ? this.startUpload(req, name, vars) : errorReply("UNSUPPORTED", undefined, vars);
    vars["vars.uuid"] = rest;
    if (m === "PATCH") return this.patchUpload(req, name, rest, vars);
    if (m === "PUT") return this.finishUpload(req, name, rest, vars);
    if (m === "GET") return this.uploadStatus(req, name, rest, vars);
    if (m === "DELETE") {
      if (!this.store.exists(this.store.uploadDir(name, rest))) return errorReply("BLOB_UPLOAD_UNKNOWN", undefined, vars);
      this.store.removeTree(this.store.uploadDir(name, rest));
      return empty(204, [], vars);
    }
    return errorReply("UNSUPPORTED", undefined, vars);
  }

  private catalog(req: Request): Reply {
    const q = query(req.target);
    let repos = this.store.repositories();
    const last = q.get("last");
    if (last) repos = repos.filter((r) => r > last);
    const n = q.get("n");
    const headers: Array<[string, string]> = [];
    if (n !== null && /^\d+$/.test(n) && repos.length > Number(n)) {
      repos = repos.slice(0, Number(n));
      headers.push(["Link", `</v2/_catalog?last=${repos[repos.length - 1]}&n=${n}>; rel="next"`]);
    }
    const r = jsonReply(200, { repositories: repos });
    r.headers.push(...headers);
    return r;
  }

  private tags(name: string, vars: Record<string, string>): Reply {
    const dir = `${this.store.repo(name)}/_manifests/tags`;
    if (!this.store.exists(this.store.repo(name))) return errorReply("NAME_UNKNOWN", new Map([["name", name]]), vars);
    const tags = this.store.list(dir).sort();
    return jsonReply(200, { name, tags }, vars);
  }

  /** The manifest a reference names: its digest and bytes, or the error reply. */
  private resolve(name: string, reference: string, vars: Record<string, string>): { digest: string; bytes: string } | Reply {
    let digest: string | null;
    if (reference.startsWith("sha256:")) {
      if (!DIGEST_RE.test(reference)) return errorReply("DIGEST_INVALID", undefined, vars);
      digest = this.store.read(this.store.revisionLink(name, reference)) === reference ? reference : null;
      if (!digest) return errorReply("MANIFEST_UNKNOWN", { Name: name, Revision: reference }, vars);
    } else {
      if (!TAG_RE.test(reference)) return errorReply("TAG_INVALID", undefined, vars);
      digest = this.store.tag(name, reference);
      if (!digest) return errorReply("MANIFEST_UNKNOWN", { Tag: reference }, vars);
    }
    const bytes = this.store.read(this.store.blobData(digest));
    if (bytes === null) return errorReply("MANIFEST_UNKNOWN", { Name: name, Revision: digest }, vars);
    return { digest, bytes };
  }

  private getManifest(name: string, reference: string, vars: Record<string, string>): Reply {
    const found = this.resolve(name, reference, vars);
    if ("status" in found) return found;
    let mediaType = "application/vnd.docker.distribution.manifest.v2+json";
    try {
      mediaType = (JSON.parse(found.bytes) as { mediaType?: string }).mediaType ?? mediaType;
    } catch {
      // stored as sent
    }
    return {
      status: 200,
      headers: [
        ["Content-Length", String(found.bytes.length)],
        ["Content-Type", mediaType],
        ["Docker-Content-Digest", found.digest],
        ["Etag", `"${found.digest}"`],
      ],
      body: found.bytes,
      vars,
    };
  }

  private putManifest(req: Request, name: string, reference: string, vars: Record<string, string>): Reply {
    let manifest: { schemaVersion?: number; config?: { digest?: string }; layers?: Array<{ digest?: string }>; manifests?: Array<{ digest?: string }> };
    try {
      manifest = JSON.parse(req.body);
    } catch {
      return errorReply("MANIFEST_INVALID", "unexpected end of JSON input", vars);
    }
    if (manifest.schemaVersion !== 2) return errorReply("MANIFEST_INVALID", "unrecognized manifest schema version", vars);
    const digest = `sha256:${sha256Hex(req.body)}`;
    if (reference.startsWith("sha256:") && reference !== digest) return errorReply("DIGEST_INVALID", undefined, vars);
    if (!reference.startsWith("sha256:") && !TAG_RE.test(reference)) return errorReply("TAG_INVALID", undefined, vars);
    // Every blob the manifest refers to must already be in the repository.
    const blobs = [manifest.config?.digest, ...(manifest.layers ?? []).map((l) => l.digest)].filter((d): d is string => d !== undefined);
    const missing = blobs.filter((d) => !this.store.hasBlob(name, d));
    const missingManifests = (manifest.manifests ?? []).map((x) => x.digest ?? "").filter((d) => this.store.read(this.store.revisionLink(name, d)) !== d);
    if (missing.length > 0 || missingManifests.length > 0) {
      const errors = [...missing, ...missingManifests].map((d) => ({ code: "MANIFEST_BLOB_UNKNOWN", message: ERRORS.MANIFEST_BLOB_UNKNOWN[1], detail: d }));
      return { ...jsonReply(400, { errors }, vars), error: { code: "MANIFEST_BLOB_UNKNOWN", detail: missing[0] ?? missingManifests[0] } };
    }
    this.store.write(this.store.blobData(digest), req.body);
    this.store.write(this.store.revisionLink(name, digest), digest);
    if (!reference.startsWith("sha256:")) {
      const dir = this.store.tagDir(name, reference);
      this.store.write(`${dir}/current/link`, digest);
      this.store.write(`${dir}/index/sha256/${digest.slice(7)}/link`, digest);
    }
    const host = requestHeader(req, "host") ?? "localhost";
    return empty(201, [["Docker-Content-Digest", digest], ["Location", `http://${host}/v2/${name}/manifests/${digest}`]], vars);
  }

  private deleteManifest(name: string, reference: string, vars: Record<string, string>): Reply {
    if (!this.conf.deleteEnabled) return errorReply("UNSUPPORTED", undefined, vars);
    if (!DIGEST_RE.test(reference)) return errorReply("DIGEST_INVALID", undefined, vars);
    if (this.store.read(this.store.revisionLink(name, reference)) !== reference) return errorReply("MANIFEST_UNKNOWN", { Name: name, Revision: reference }, vars);
    this.store.removeTree(this.store.revisionLink(name, reference).replace(/\/link$/, ""));
    for (const tag of this.store.list(`${this.store.repo(name)}/_manifests/tags`))
      if (this.store.tag(name, tag) === reference) this.store.removeTree(this.store.tagDir(name, tag));
    return empty(202, [], vars);
  }

  private getBlob(req: Request, name: string, digest: string, vars: Record<string, string>): Reply {
    if (!DIGEST_RE.test(digest)) return errorReply("DIGEST_INVALID", undefined, vars);
    const data = this.store.hasBlob(name, digest) ? this.store.read(this.store.blobData(digest)) : null;
    if (data === null) return errorReply("BLOB_UNKNOWN", digest, vars);
    void req;
    return {
      status: 200,
      headers: [
        ["Accept-Ranges", "bytes"],
        ["Cache-Control", "max-age=31536000"],
        ["Content-Length", String(data.length)],
        ["Content-Type", "application/octet-stream"],
        ["Docker-Content-Digest", digest],
        ["Etag", `"${digest}"`],
      ],
      body: data,
      vars,
    };
  }

  private deleteBlob(name: string, digest: string, vars: Record<string, string>): Reply {
    if (!this.store.hasBlob(name, digest)) return errorReply("BLOB_UNKNOWN", digest, vars);
    this.store.removeTree(this.store.layerLink(name, digest).replace(/\/link$/, ""));
    return empty(202, [["Docker-Content-Digest", digest]], vars);
  }

  private uploadHeaders(req: Request, name: string, id: string, size: number): Array<[string, string]> {
    const host = requestHeader(req, "host") ?? "localhost";
    const started = this.store.read(`${this.store.uploadDir(name, id)}/startedat`) ?? "";
    return [
      ["Docker-Upload-Uuid", id],
      ["Location", `http://${host}/v2/${name}/blobs/uploads/${id}?_state=${uploadState(name, id, size, started)}`],
      ["Range", `0-${Math.max(0, size - 1)}`],
    ];
  }

  private startUpload(req: Request, name: string, vars: Record<string, string>): Reply {
    const q = query(req.target);
    const mount = q.get("mount");
    const from = q.get("from");
    const host = requestHeader(req, "host") ?? "localhost";
    if (mount && from && DIGEST_RE.test(mount) && NAME_RE.test(from) && this.store.hasBlob(from, mount)) {
      // Cross-repository mount: the blob is linked, not copied.
      this.store.write(this.store.layerLink(name, mount), mount);
      return empty(201, [["Docker-Content-Digest", mount], ["Location", `http://${host}/v2/${name}/blobs/${mount}`]], vars);
    }
    const id = uuid(this.sys);
    const dir = this.store.uploadDir(name, id);
    this.store.write(`${dir}/startedat`, rfc3339Nano(this.sys.now()));
    this.store.write(`${dir}/data`, "");
    const digest = q.get("digest");
    if (digest !== null) {
      // A monolithic upload: POST with the whole blob.
      this.store.write(`${dir}/data`, req.body);
      vars["vars.uuid"] = id;
      return this.commit(req, name, id, digest, vars);
    }
    return empty(202, this.uploadHeaders(req, name, id, 0), vars);
  }

  private patchUpload(req: Request, name: string, id: string, vars: Record<string, string>): Reply {
    const dir = this.store.uploadDir(name, id);
    if (!this.store.exists(`${dir}/data`)) return errorReply("BLOB_UPLOAD_UNKNOWN", undefined, vars);
    this.store.write(`${dir}/data`, req.body, true);
    const size = this.sys.stat(`${dir}/data`).size;
    return empty(202, this.uploadHeaders(req, name, id, size), vars);
  }

  private uploadStatus(req: Request, name: string, id: string, vars: Record<string, string>): Reply {
    const dir = this.store.uploadDir(name, id);
    if (!this.store.exists(`${dir}/data`)) return errorReply("BLOB_UPLOAD_UNKNOWN", undefined, vars);
    const size = this.sys.stat(`${dir}/data`).size;
    return empty(204, this.uploadHeaders(req, name, id, size), vars);
  }

  private finishUpload(req: Request, name: string, id: string, vars: Record<string, string>): Reply {
    const dir = this.store.uploadDir(name, id);
    if (!this.store.exists(`${dir}/data`)) return errorReply("BLOB_UPLOAD_UNKNOWN", undefined, vars);
    if (req.body.length > 0) this.store.write(`${dir}/data`, req.body, true);
    const digest = query(req.target).get("digest");
    if (digest === null || !DIGEST_RE.test(digest)) return errorReply("DIGEST_INVALID", "digest missing", vars);
    return this.commit(req, name, id, digest, vars);
  }

  /** Moves a finished upload into the blob store once its content matches the digest. */
  private commit(req: Request, name: string, id: string, digest: string, vars: Record<string, string>): Reply {
    const dir = this.store.uploadDir(name, id);
    const data = this.store.read(`${dir}/data`) ?? "";
    if (`sha256:${sha256Hex(data)}` !== digest) {
      this.store.removeTree(dir);
      return errorReply("DIGEST_INVALID", undefined, vars);
    }
    if (!this.store.exists(this.store.blobData(digest))) this.store.write(this.store.blobData(digest), data);
    this.store.write(this.store.layerLink(name, digest), digest);
    this.store.removeTree(dir);
    const host = requestHeader(req, "host") ?? "localhost";
    return empty(201, [["Docker-Content-Digest", digest], ["Location", `http://${host}/v2/${name}/blobs/${digest}`]], vars);
  }
}

// ---- serving ---------------------------------------------------------------------------------

function* answer(sys: Sys, fd: number, req: Request, reg: Registry, conf: Config, log: Logger, peer: string): Gen<boolean> {
  const start = sys.uptime();
  // Handling costs a little CPU, so logged durations are not all zero.
  yield* sys.cpu(150);
  let reply: Reply;
  try {
    reply = reg.handle(req);
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    reply = { ...jsonReply(500, { errors: [{ code: "UNKNOWN", message: "unknown error", detail: e.message }] }), vars: {} };
  }
  const head = req.method === "HEAD";
  const isApi = req.path.startsWith("/v2");
  const headers: Array<[string, string]> = [...reply.headers];
  if (!headers.some(([h]) => h === "Content-Length")) headers.push(["Content-Length", String(reply.body.length)]);
  if (isApi && reply.error?.code !== "UNKNOWN") headers.push(API_VERSION);
  for (const h of conf.headers) if (!headers.some(([k]) => k === h[0])) headers.push(h);
  // Go writes the handler's headers sorted by name, then Date.
  headers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  headers.push(["Date", httpDate(sys.now())]);
  const keep = req.version === "HTTP/1.1" && !/close/i.test(requestHeader(req, "connection") ?? "");
  if (!keep && req.version === "HTTP/1.1") headers.push(["Connection", "close"]);
  const text = `HTTP/1.1 ${reply.status} ${REASONS[reply.status] ?? ""}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n${head ? "" : reply.body}`;
  const ok = yield* send(sys, fd, text);
  const written = head ? 0 : reply.body.length;
  const contentType = headers.find(([k]) => k === "Content-Type")?.[1];
  const fields: Record<string, string> = {
    "http.request.host": requestHeader(req, "host") ?? "",
    "http.request.id": uuid(sys),
    "http.request.method": req.method,
    "http.request.remoteaddr": peer,
    "http.request.uri": req.target,
    "http.request.useragent": requestHeader(req, "user-agent") ?? "",
    ...(contentType ? { "http.response.contenttype": contentType } : {}),
    "http.response.duration": goDuration(sys.uptime() - start),
    "http.response.status": String(reply.status),
    "http.response.written": String(written),
    ...reply.vars,
  };
  if (reply.error) {
    const [, message] = ERRORS[reply.error.code];
    const detail = reply.error.detail;
    // errcode.ErrorCode.Error(): the code lowercased, with spaces.
    const extra: Record<string, string> = { "err.code": reply.error.code.toLowerCase().replace(/_/g, " "), "err.message": message };
    if (detail !== undefined) extra["err.detail"] = goValue(detail);
    yield* log.log("error", "response completed with error", { ...extra, ...fields });
  } else if (reply.status !== 404) yield* log.log("info", "response completed", fields);
  // gorilla/handlers' combined log format on stdout.
  const agent = requestHeader(req, "user-agent") ?? "";
  const referer = requestHeader(req, "referer") ?? "";
  yield* out(sys, `${peer.replace(/:\d+$/, "")} - - [${clfTime(sys.now())}] "${req.method} ${req.target} ${req.version}" ${reply.status} ${written} "${referer}" "${agent}"\n`);
  return ok && keep;
}

function* serve(sys: Sys, configPath: string): Gen<number> {
  const conf = readConfig(sys, configPath);
  if (typeof conf === "string") {
    yield* err(sys, `configuration error: ${conf}\n\n${usage()}`);
    return 1;
  }
  const log = new Logger(sys, { "go.version": GO_VERSION, "instance.id": uuid(sys), ...conf.fields, version: VERSION });
  if (!conf.secret)
    yield* log.log(
      "warning",
      "No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple registries are behind a load-balancer. To provide a shared secret, fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.",
    );
  yield* log.log("info", "redis not configured");
  yield* log.log("info", `Starting upload purge in ${sys.random(1).charCodeAt(0) % 60}m0s`);
  yield* log.log("info", "using inmemory blob descriptor cache");
  const am = /^(.*):(\d+)$/.exec(conf.addr);
  const port = am ? Number(am[2]) : 5000;
  const ip = am && am[1] !== "" && am[1] !== "[::]" && am[1] !== "0.0.0.0" ? am[1] : "0.0.0.0";
  const l = listenOn(sys, ip, port);
  if (l instanceof Errno) {
    yield* err(sys, `time="${rfc3339Nano(sys.now())}" level=fatal msg="listen tcp ${conf.addr}: bind: ${l.message.toLowerCase()}"\n`);
    return 1;
  }
  yield* log.log("info", `listening on ${ip === "0.0.0.0" ? "[::]" : ip}:${port}`);
  const store = new Storage(sys, conf.root);
  const reg = new Registry(sys, store, conf);
  let stop: Signal | null = null;
  sys.signal("TERM", (s) => {
    stop = s;
  });
  sys.signal("CHLD", "ignore");
  sys.signal("PIPE", "ignore");
  while (stop === null) {
    let conn: { fd: number; peer: { ip: string; port: number } };
    try {
      conn = yield* sys.tcpAccept(l);
    } catch (e) {
      if (e instanceof Errno && e.code === "EINTR") continue;
      throw e;
    }
    // Each connection is served on its own (goroutines in the real server).
    sys.fork(function* (c) {
      c.close(l);
      const reader = new SocketReader(c, conn.fd);
      const peer = `${conn.peer.ip}:${conn.peer.port}`;
      for (;;) {
        const req = yield* readRequest(reader);
        if (req === null) return 0;
        if (!(yield* answer(c, conn.fd, req, reg, conf, log, peer))) return 0;
      }
    });
    sys.close(conn.fd);
  }
  yield* log.log("info", "stopping server gracefully. Draining connections for 0s");
  return 0;
}

function usage(): string {
  return "Usage: \n  registry serve <config> [flags]\nFlags:\n  -h, --help=false: help for serve\n\n\n";
}

const ROOT_USAGE =
  "`registry`\n\nUsage: \n  registry [flags]\n  registry [command]\n\nAvailable Commands: \n  serve           `serve` stores and distributes Docker images\n  garbage-collect `garbage-collect` deletes layers not referenced by any manifests\n  help            Help about any command\n\nFlags:\n  -h, --help=false: help for registry\n  -v, --version=false: show the version and exit\n\n\nUse \"registry help [command]\" for more information about a command.\n";

export const registry: ProgramDef = {
  name: "registry",
  rss: 14 * 1024 * 1024,
  *main(sys) {
    const args = sys.argv.slice(1);
    if (args[0] === "-v" || args[0] === "--version") {
      yield* out(sys, `${sys.argv[0]} github.com/docker/distribution v${VERSION}\n`);
      return 0;
    }
    if (args[0] === "serve") {
      if (args[1] === undefined) {
        yield* err(sys, `configuration error: configuration path unspecified\n\n${usage()}`);
        return 1;
      }
      return yield* serve(sys, args[1] ?? DEFAULT_CONFIG);
    }
    if (args[0] === "garbage-collect") {
      yield* err(sys, "garbage-collect is not supported in this sandbox\n");
      return 1;
    }
    yield* out(sys, ROOT_USAGE);
    return 0;
  },
};
