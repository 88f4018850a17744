/**
 * `docker run` / `docker create` flags turned into a create request, with the client's own checks
 * and error texts (docker/cli cli/command/container/opts.go). Flags the simulator cannot honour are
 * refused by name rather than ignored.
 */
import type { Sys } from "../../../kernel";
import { type CreateRequest, EngineError } from "../../../engine/client";
import type { MountSpec } from "../../../engine/state";
import type { FlagValues } from "../../flags";
import { ramInBytes } from "../../units";
import { parseDuration } from "../../timefmt";
import type { HealthConfig } from "../../../engine/containers/health";
import { CliError } from "./context";
import { parsePortSpec, type PortBinding } from "./ports";
import { networkIdentity } from "./network-flags";
import { NAMESPACE_FLAGS, namespaceFlags } from "./namespace-flags";
import { labelsFromFiles, resourceFlags } from "./resource-flags";
import { SECURITY_FLAGS, securityFlags } from "./security-flags";

/** Flags honoured by the simulated engine (others are refused, see unsupportedFlag). */
export const SUPPORTED = new Set([
  ...NAMESPACE_FLAGS,
  // Windows-only: the client refuses them before this (WINDOWS_ONLY_FLAGS in flags/parse.ts).
  "cpu-count",
  "cpu-percent",
  "io-maxbandwidth",
  "io-maxiops",
  "volume-driver",
  "annotation", // resource-flags.ts
  "blkio-weight", // resource-flags.ts
  "blkio-weight-device", // resource-flags.ts
  "cgroup-parent", // resource-flags.ts
  "cpu-period", // resource-flags.ts
  "cpu-quota", // resource-flags.ts
  "cpu-rt-period", // resource-flags.ts
  "cpu-rt-runtime", // resource-flags.ts
  "cpuset-cpus", // resource-flags.ts
  "cpuset-mems", // resource-flags.ts
  "device", // resource-flags.ts
  "device-cgroup-rule", // resource-flags.ts
  "device-read-bps", // resource-flags.ts
  "device-read-iops", // resource-flags.ts
  "device-write-bps", // resource-flags.ts
  "device-write-iops", // resource-flags.ts
  "gpus", // resource-flags.ts
  "group-add", // resource-flags.ts
  "isolation", // resource-flags.ts
  "kernel-memory", // resource-flags.ts
  "label-file", // resource-flags.ts
  "log-driver", // resource-flags.ts
  "log-opt", // resource-flags.ts
  "memory-reservation", // resource-flags.ts
  "memory-swappiness", // resource-flags.ts
  "oom-kill-disable", // resource-flags.ts
  "oom-score-adj", // resource-flags.ts
  "runtime", // resource-flags.ts
  "shm-size", // resource-flags.ts
  "storage-opt", // resource-flags.ts
  "sysctl", // resource-flags.ts
  "ulimit", // resource-flags.ts
  ...SECURITY_FLAGS,
  // network-flags.ts: --dns*, --add-host, --domainname, --ip, --network-alias, --mac-address, --link
  "add-host",
  "dns",
  "dns-opt",
  "dns-option",
  "dns-search",
  "domainname",
  "ip",
  "link",
  "mac-address",
  "net-alias",
  "network-alias",
  "attach",
  "cidfile",
  "cpu-shares",
  "cpus",
  "detach",
  "detach-keys",
  "disable-content-trust",
  "entrypoint",
  "env",
  "env-file",
  "expose",
  "health-cmd",
  "health-interval",
  "health-retries",
  "health-start-interval",
  "health-start-period",
  "health-timeout",
  "help",
  "hostname",
  "init",
  "interactive",
  "label",
  "memory",
  "memory-swap",
  "mount",
  "name",
  "net",
  "network",
  "no-healthcheck",
  "pids-limit",
  "platform", // platform-flags.ts
  "publish",
  "publish-all",
  "pull",
  "quiet",
  "read-only",
  "restart",
  "rm",
  "sig-proxy",
  "stop-signal",
  "stop-timeout",
  "tmpfs",
  "tty",
  "user",
  "volume",
  "workdir",
]);

export interface RunOptions {
  request: CreateRequest;
  detach: boolean;
  autoRemove: boolean;
  attach: { stdin: boolean; stdout: boolean; stderr: boolean };
  tty: boolean;
  interactive: boolean;
  pull: "missing" | "always" | "never";
  quiet: boolean;
  sigProxy: boolean;
  detachKeys: string;
  cidfile: string;
  /** -v/--mount volumes by name that must exist (created on first use, as the daemon does). */
  namedVolumes: string[];
  /** -P: every exposed port gets a free host port when the container is created. */
  publishAll: boolean;
  /** --health-* / --no-healthcheck (undefined: the image's, if any). */
  healthcheck?: HealthConfig;
}

/** The --health-* flags as opts.go turns them into a HealthConfig (durations in ns). */
function healthFlags(flags: FlagValues, fail: (msg: string) => CliError): HealthConfig | undefined {
  const names = ["health-cmd", "health-interval", "health-timeout", "health-start-period", "health-start-interval", "health-retries"];
  const have = names.some((n) => flags.changed(n));
  if (flags.bool("no-healthcheck")) {
    if (have) throw fail("--no-healthcheck conflicts with --health-* options");
    return { Test: ["NONE"] };
  }
  if (!have) return undefined;
  const duration = (name: string, what: string) => {
    const d = parseDuration(flags.string(name));
    const v = d.ok ? d.value : 0;
    if (v < 0) throw fail(`--${what} cannot be negative`);
    return v;
  };
  const hc: HealthConfig = {
    Test: flags.string("health-cmd") !== "" ? ["CMD-SHELL", flags.string("health-cmd")] : [],
    Interval: duration("health-interval", "health-interval"),
    Timeout: duration("health-timeout", "health-timeout"),
    StartPeriod: duration("health-start-period", "health-start-period"),
    StartInterval: duration("health-start-interval", "health-start-interval"),
    Retries: flags.int("health-retries"),
  };
  if ((hc.Retries ?? 0) < 0) throw fail("--health-retries cannot be negative");
  return hc;
}

/** docker's parse errors for run/create: "docker: <msg>\n\nRun 'docker run --help' …", status 125. */
export function runUsageError(command: string, message: string): CliError {
  return new CliError(`docker: ${message}\n\nRun 'docker ${command} --help' for more information`, 125);
}

export function unsupportedFlag(flags: FlagValues, allFlags: readonly string[]): string | undefined {
  return allFlags.find((f) => flags.changed(f) && !SUPPORTED.has(f));
}

/** opts.ValidateEnv: "VAR" alone takes the client's own value when it has one. */
function envEntry(sys: Sys, value: string): string {
  const eq = value.indexOf("=");
  const key = eq < 0 ? value : value.slice(0, eq);
  if (key === "") throw new Error(`invalid environment variable: ${value}`);
  if (eq >= 0) return value;
  return sys.env[key] !== undefined ? `${key}=${sys.env[key]}` : value;
}

/** opts.ParseEnvFile: one VAR=value per line, # comments, "VAR" alone from the environment. */
function envFile(sys: Sys, path: string): string[] {
  let text: string;
  try {
    text = sys.readFile(path);
  } catch {
    throw new Error(`open ${path}: no such file or directory`);
  }
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/^[ \t]+/, "").replace(/\r$/, "");
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const key = eq < 0 ? line : line.slice(0, eq);
    if (/\s/.test(key)) throw new Error(`variable '${key}' contains whitespaces`);
    if (key === "") throw new Error(`no variable name on line '${line}'`);
    if (eq >= 0) out.push(line);
    else if (sys.env[key] !== undefined) out.push(`${key}=${sys.env[key]}`);
  }
  return out;
}

/** opts.ParseRestartPolicy (the daemon then checks the name). */
function restartPolicy(value: string): { Name: string; MaximumRetryCount: number } {
  if (value === "") return { Name: "no", MaximumRetryCount: 0 };
  const [name, count, extra] = value.split(":");
  if (extra !== undefined) throw new Error(`invalid restart policy format: maximum retry count must be an integer`);
  if (name === "") throw new Error("invalid restart policy format: no policy provided before colon");
  if (count === undefined) return { Name: name, MaximumRetryCount: 0 };
  if (!/^-?\d+$/.test(count)) throw new Error("invalid restart policy format: maximum retry count must be an integer");
  return { Name: name, MaximumRetryCount: Number(count) };
}

function bytes(v: string): number {
  const r = ramInBytes(v);
  return r.ok ? r.value : 0;
}

/** Parses the CSV of --mount (type=bind,source=/a,target=/b,readonly). */
function mountFlag(value: string): MountSpec {
  const fields: Record<string, string> = {};
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    const key = (eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const v = eq < 0 ? "" : part.slice(eq + 1);
    if (eq < 0 && !["readonly", "ro"].includes(key)) throw new Error(`invalid field '${part}' must be a key=value pair`);
    fields[key] = eq < 0 ? "true" : v;
  }
  const type = (fields.type ?? "volume") as MountSpec["Type"];
  if (!["bind", "volume", "tmpfs"].includes(type)) throw new Error(`invalid argument "${value}" for "--mount" flag: invalid type '${fields.type}'`);
  const target = fields.target ?? fields.destination ?? fields.dst ?? "";
  const source = fields.source ?? fields.src ?? "";
  const ro = ["true", "1"].includes(fields.readonly ?? fields.ro ?? "false");
  if (target === "") throw new DaemonCheck(`invalid mount config for type "${type}": field Target must not be empty`);
  if (type === "bind") {
    if (source === "") throw new DaemonCheck(`invalid mount config for type "bind": field Source must not be empty`);
    return { Type: "bind", Source: source, Destination: target, RW: !ro, Mode: "", Propagation: "rprivate" };
  }
  if (type === "tmpfs") return { Type: "tmpfs", Source: "", Destination: target, RW: !ro, Mode: "", Propagation: "" };
  return { Type: "volume", Source: "", Name: source, Destination: target, RW: !ro, Mode: "z", Propagation: "" };
}

/** A check the daemon makes (reported as "Error response from daemon: …"). */
export class DaemonCheck extends EngineError {
  constructor(message: string) {
    super(message, 400);
  }
}

/**
 * --volume-driver applies to -v volumes (not --mount ones). Only the built-in "local" driver
 * exists here, so any other fails when the daemon creates the volume, as with no such plugin.
 */
function volumeDriverCheck(sys: Sys, driver: string, mounts: MountSpec[]) {
  if (driver === "" || driver === "local") return;
  const first = mounts.find((m) => m.Type === "volume");
  if (!first) return;
  const name = first.Name || [...sys.random(32)].map((c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  throw new DaemonCheck(`create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found`);
}

/** -v SRC:DST[:MODE] or -v DST (an anonymous volume). */
function volumeFlag(value: string): MountSpec {
  const parts = value.split(":");
  const invalid = () => new DaemonCheck(`invalid volume specification: '${value}'`);
  if (parts.length > 3 || parts.some((p) => p === "")) throw invalid();
  if (parts.length === 1) {
    if (!parts[0].startsWith("/")) throw new DaemonCheck(`invalid volume specification: '${value}': invalid mount config for type "volume": invalid mount path: '${parts[0]}' mount path must be absolute`);
    return { Type: "volume", Source: "", Name: "", Destination: parts[0], RW: true, Mode: "", Propagation: "" };
  }
  const [src, dst, mode = ""] = parts;
  if (!dst.startsWith("/")) {
    const kind = src.startsWith("/") ? "bind" : "volume";
    throw new DaemonCheck(`invalid volume specification: '${value}': invalid mount config for type "${kind}": invalid mount path: '${dst}' mount path must be absolute`);
  }
  const modes = mode === "" ? [] : mode.split(",");
  if (modes.some((m) => !["ro", "rw", "z", "Z", "nocopy", "private", "rprivate", "shared", "rshared", "slave", "rslave"].includes(m))) throw new DaemonCheck(`invalid mode: ${mode}`);
  const rw = !modes.includes("ro");
  if (src.startsWith("/")) return { Type: "bind", Source: src, Destination: dst, RW: rw, Mode: mode, Propagation: "rprivate" };
  return { Type: "volume", Source: "", Name: src, Destination: dst, RW: rw, Mode: mode === "" ? "z" : mode, Propagation: "" };
}

/**
 * Reads the run/create flags. Client-side problems throw CliError (status 125); checks the daemon
 * would make throw DaemonCheck.
 */
export function parseRunOptions(sys: Sys, command: "run" | "create", flags: FlagValues, allFlags: readonly string[], args: string[]): RunOptions {
  const fail = (msg: string) => runUsageError(command, msg);
  // Flag values their types reject are reported first (pflag does it while parsing).
  const chosenNetwork = flags.changed("network") ? flags.string("network") : flags.changed("net") ? flags.string("net") : "";
  const identity = networkIdentity(command, flags, allFlags, chosenNetwork, fail);
  const bad = unsupportedFlag(flags, allFlags);
  if (bad) throw fail(`--${bad} is not supported in this sandbox`);
  const pull = flags.string("pull");
  if (!["always", "missing", "never"].includes(pull)) throw fail(`invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
  const [image, ...cmd] = args;
  // run has a few flags create lacks (-d, --sig-proxy, --detach-keys).
  const has = (name: string) => allFlags.includes(name);
  const detach = has("detach") && flags.bool("detach");
  const attachList = flags.list("attach").map((s) => s.toLowerCase());
  for (const a of attachList) if (!["stdin", "stdout", "stderr"].includes(a)) throw fail(`invalid argument "${a}" for "-a, --attach" flag: valid streams are STDIN, STDOUT and STDERR`);
  const interactive = flags.bool("interactive");
  const tty = flags.bool("tty");
  // opts.go: -i attaches stdin; without -a, stdout and stderr are attached; run -d attaches nothing.
  let attach = {
    stdin: attachList.includes("stdin") || interactive,
    stdout: attachList.length === 0 || attachList.includes("stdout"),
    stderr: attachList.length === 0 || attachList.includes("stderr"),
  };
  if (detach) attach = { stdin: false, stdout: false, stderr: false };
  let env: string[];
  try {
    env = [...flags.list("env-file").flatMap((f) => envFile(sys, f)), ...flags.list("env").map((e) => envEntry(sys, e))];
  } catch (e) {
    throw fail((e as Error).message);
  }
  const labels: Record<string, string> = labelsFromFiles(sys, flags, fail);
  for (const l of flags.list("label")) {
    const eq = l.indexOf("=");
    labels[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? "" : l.slice(eq + 1);
  }
  const exposed: string[] = [];
  const bindings: Record<string, PortBinding[]> = {};
  for (const p of flags.list("publish")) {
    const r = parsePortSpec(p);
    if (!r.ok) throw fail(r.error);
    for (const m of r.mappings) {
      if (!exposed.includes(m.port)) exposed.push(m.port);
      (bindings[m.port] ??= []).push({ HostIp: m.hostIp, HostPort: m.hostPort });
    }
  }
  // nat.ParsePortRange: a range exposes each port of it.
  for (const e of flags.list("expose")) {
    const [port, proto = "tcp"] = e.split("/");
    const bounds = port.includes("-") ? port.split("-", 2) : [port, port];
    const bad = bounds.find((b) => !/^\d+$/.test(b));
    if (bad !== undefined) throw fail(`invalid range format for --expose: ${e}, error: strconv.ParseUint: parsing "${bad}": invalid syntax`);
    const [start, end] = bounds.map(Number);
    if (end < start) throw fail(`invalid range format for --expose: ${e}, error: invalid range specified for port: ${port}`);
    for (let p = start; p <= end; p++) if (!exposed.includes(`${p}/${proto}`)) exposed.push(`${p}/${proto}`);
  }
  const namespaces = namespaceFlags(flags, fail); // --pid/--uts/--userns/--cgroupns/--ipc/--volumes-from
  let restart: { Name: string; MaximumRetryCount: number };
  try {
    restart = restartPolicy(flags.string("restart"));
  } catch (e) {
    throw fail((e as Error).message);
  }
  const autoRemove = flags.bool("rm");
  if (autoRemove && flags.changed("restart") && restart.Name !== "no") throw fail("conflicting options: cannot specify both --restart and --rm");
  const mounts: MountSpec[] = [];
  const tmpfs: Record<string, string> = {};
  for (const t of flags.list("tmpfs")) {
    const colon = t.indexOf(":");
    const path = colon < 0 ? t : t.slice(0, colon);
    if (!path.startsWith("/")) throw fail(`invalid tmpfs destination: ${path}`);
    tmpfs[path] = colon < 0 ? "" : t.slice(colon + 1);
    mounts.push({ Type: "tmpfs", Source: "", Destination: path, RW: !(colon >= 0 && t.slice(colon + 1).split(",").includes("ro")), Mode: "", Propagation: "" });
  }
  for (const v of flags.list("volume")) mounts.push(volumeFlag(v));
  volumeDriverCheck(sys, flags.string("volume-driver"), mounts);
  for (const m of flags.list("mount")) {
    try {
      mounts.push(mountFlag(m));
    } catch (e) {
      if (e instanceof DaemonCheck) throw e;
      throw fail((e as Error).message);
    }
  }
  const binds = flags.list("volume").filter((v) => v.includes(":"));
  const network = flags.changed("network") ? flags.string("network") : flags.changed("net") ? flags.string("net") : "";
  const memory = flags.changed("memory") ? bytes(flags.string("memory")) : 0;
  const swapRaw = flags.string("memory-swap");
  const memorySwap = swapRaw === "" ? 0 : swapRaw === "-1" ? -1 : bytes(swapRaw);
  const cpus = flags.changed("cpus") ? Math.round(Number(eval_rational(flags.string("cpus"))) * 1e9) : 0;
  const request: CreateRequest = {
    image,
    cmd: cmd.length > 0 ? cmd : undefined,
    env,
    tty,
    openStdin: interactive,
    attachStdin: attach.stdin,
    attachStdout: attach.stdout,
    attachStderr: attach.stderr,
    labels,
    exposedPorts: exposed,
    mounts,
    host: {
      ...resourceFlags(flags, fail),
      ...namespaces,
      ...securityFlags(sys, flags, fail), // --cap-add/--cap-drop/--privileged/--security-opt
      Binds: binds.length > 0 ? binds : null,
      NetworkMode: network || "bridge",
      PortBindings: bindings,
      RestartPolicy: restart,
      AutoRemove: autoRemove,
      ReadonlyRootfs: flags.bool("read-only"),
      Init: flags.changed("init") ? flags.bool("init") : null,
      Memory: memory,
      MemorySwap: memory > 0 && memorySwap === 0 ? memory * 2 : memorySwap,
      NanoCpus: cpus,
      CpuShares: flags.int("cpu-shares"),
      PidsLimit: flags.changed("pids-limit") && flags.int("pids-limit") > 0 ? flags.int("pids-limit") : null,
      Tmpfs: tmpfs,
      ...identity.host,
    },
  };
  if (identity.domainname !== undefined) request.domainname = identity.domainname;
  if (identity.endpoint) request.endpoint = identity.endpoint;
  if (flags.changed("name")) request.name = flags.string("name");
  if (flags.changed("entrypoint")) request.entrypoint = flags.string("entrypoint") === "" ? [] : [flags.string("entrypoint")];
  if (flags.changed("workdir")) request.workingDir = flags.string("workdir");
  if (flags.changed("user")) request.user = flags.string("user");
  if (flags.changed("hostname")) request.hostname = flags.string("hostname");
  if (flags.changed("stop-signal")) request.stopSignal = flags.string("stop-signal");
  if (flags.changed("stop-timeout")) request.stopTimeout = flags.int("stop-timeout");
  const namedVolumes = mounts.filter((m) => m.Type === "volume" && m.Name).map((m) => m.Name as string);
  return {
    request,
    detach,
    autoRemove,
    attach,
    tty,
    interactive,
    pull: pull as RunOptions["pull"],
    quiet: flags.bool("quiet"),
    sigProxy: has("sig-proxy") && flags.bool("sig-proxy"),
    detachKeys: has("detach-keys") ? flags.string("detach-keys") : "",
    cidfile: flags.string("cidfile"),
    namedVolumes,
    publishAll: flags.bool("publish-all"),
    healthcheck: healthFlags(flags, fail),
  };
}

/** A big.Rat string ("1.5", "3/2") as a number (the flag validator has accepted it). */
function eval_rational(v: string): number {
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(v);
  return frac ? Number(frac[1]) / Number(frac[2]) : Number(v);
}
