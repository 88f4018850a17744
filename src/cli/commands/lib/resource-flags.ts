/**
 * The resource and miscellaneous flags of docker run/create/update (cpuset, CFS, reservation,
 * blkio, devices, ulimits, sysctls, groups, log driver, label files, …) read as the client does
 * (docker/cli opts.go and opts/*.go), with its error texts; the daemon's checks are in
 * engine/containers/resources.ts.
 */
import type { Sys } from "../../../kernel";
import type { DeviceMapping, ResourceHostConfig, ThrottleDevice } from "../../../engine/containers/resources";
import type { FlagValues } from "../../flags";
import type { Validator } from "../../flags/values";
import { ramInBytes } from "../../units";
import type { CliError } from "./context";

const ALLOWED_SYSCTLS = ["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];

/** opts.ValidateSysctl: IPC and network sysctls are namespaced, others are refused. */
function validateSysctl(value: string): string | undefined {
  const eq = value.indexOf("=");
  const key = eq < 0 ? "" : value.slice(0, eq);
  if (eq >= 0 && (ALLOWED_SYSCTLS.includes(key) || key.startsWith("fs.mqueue.") || key.startsWith("net."))) return undefined;
  return `sysctl '${value}' is not allowed`;
}

/** opts.ValidateWeightDevice. */
function validateWeightDevice(value: string): string | undefined {
  const parts = value.split(":");
  if (parts.length !== 2) return `bad format: ${value}`;
  if (!parts[0].startsWith("/dev/")) return `bad format for device path: ${value}`;
  const w = /^\d+$/.test(parts[1]) ? Number(parts[1]) : Number.NaN;
  if (Number.isNaN(w) || w > 65535 || (w > 0 && (w < 10 || w > 1000))) return `invalid weight for device: ${value}`;
  return undefined;
}

/** opts.ValidateThrottleBpsDevice. */
function validateBps(value: string): string | undefined {
  const parts = value.split(":");
  if (parts.length !== 2) return `bad format: ${value}`;
  if (!parts[0].startsWith("/dev/")) return `bad format for device path: ${value}`;
  const r = ramInBytes(parts[1]);
  if (!r.ok || r.value < 0)
    return `invalid rate for device: ${value}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb`;
  return undefined;
}

/** opts.ValidateThrottleIOpsDevice. */
function validateIOps(value: string): string | undefined {
  const parts = value.split(":");
  if (parts.length !== 2) return `bad format: ${value}`;
  if (!parts[0].startsWith("/dev/")) return `bad format for device path: ${value}`;
  if (!/^\d+$/.test(parts[1])) return `invalid rate for device: ${value}. The correct format is <device-path>:<number>. Number must be a positive integer`;
  return undefined;
}

/** validateDeviceCgroupRule. */
function validateDeviceCgroupRule(value: string): string | undefined {
  return /^([acb]) ([0-9]+|\*):([0-9]+|\*) ([rwm]{1,3})$/.test(value) ? undefined : `invalid device cgroup format '${value}'`;
}

/** Per-flag checks pflag makes while parsing (given to the flag parser as extraValidators). */
export const RESOURCE_FLAG_VALIDATORS: Record<string, Validator> = {
  sysctl: validateSysctl,
  "blkio-weight-device": validateWeightDevice,
  "device-read-bps": validateBps,
  "device-write-bps": validateBps,
  "device-read-iops": validateIOps,
  "device-write-iops": validateIOps,
  "device-cgroup-rule": validateDeviceCgroupRule,
};

const validDeviceMode = (mode: string) => mode.length > 0 && mode.length <= 3 && /^[rwm]+$/.test(mode) && new Set(mode).size === mode.length;

/** opts.go parseDevice: SRC[:DST][:MODE]. */
function parseDevice(spec: string): DeviceMapping {
  const arr = spec.split(":");
  let src = "";
  let dst = "";
  let perms = "rwm";
  if (arr.length > 3 || arr.length === 0) throw new Error(`invalid device specification: ${spec}`);
  if (arr.length === 3) {
    if (!validDeviceMode(arr[2])) throw new Error(`bad mode specified: ${arr[2]}`);
    perms = arr[2];
  }
  if (arr.length >= 2) {
    if (validDeviceMode(arr[1])) perms = arr[1];
    else dst = arr[1];
  }
  src = arr[0];
  if (dst === "") dst = src;
  if (!dst.startsWith("/")) throw new Error(`${dst} is not an absolute path`);
  return { PathOnHost: src, PathInContainer: dst, CgroupPermissions: perms };
}

/** opts.ParseKeyValueFile for --label-file: KEY=VALUE lines, # comments, lines without = dropped. */
function labelFile(sys: Sys, path: string): string[] {
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
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    if (/\s/.test(key)) throw new Error(`variable '${key}' contains whitespaces`);
    out.push(line);
  }
  return out;
}

/** --label-file entries as a label map (the --label flags are applied over it). */
export function labelsFromFiles(sys: Sys, flags: FlagValues, fail: (msg: string) => CliError): Record<string, string> {
  const labels: Record<string, string> = {};
  try {
    for (const f of flags.list("label-file"))
      for (const l of labelFile(sys, f)) {
        const eq = l.indexOf("=");
        labels[l.slice(0, eq)] = l.slice(eq + 1);
      }
  } catch (e) {
    throw fail((e as Error).message);
  }
  return labels;
}

function keyValues(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of list) {
    const eq = kv.indexOf("=");
    out[eq < 0 ? kv : kv.slice(0, eq)] = eq < 0 ? "" : kv.slice(eq + 1);
  }
  return out;
}

const bytesOf = (v: string) => {
  const r = ramInBytes(v);
  return r.ok ? r.value : 0;
};

function throttle(list: string[], bytes: boolean): ThrottleDevice[] {
  return list.map((v) => {
    const i = v.lastIndexOf(":");
    return { Path: v.slice(0, i), Rate: bytes ? bytesOf(v.slice(i + 1)) : Number(v.slice(i + 1)) };
  });
}

/** The flags of docker update read by updateResourceFlags. */
export const RESOURCE_UPDATE_FLAGS = ["blkio-weight", "cpu-period", "cpu-quota", "cpu-rt-period", "cpu-rt-runtime", "cpuset-cpus", "cpuset-mems", "memory-reservation"];

/** The flags docker update shares with run (cpuset, CFS, reservation, blkio weight). */
export function updateResourceFlags(flags: FlagValues): Partial<ResourceHostConfig> {
  const h: Partial<ResourceHostConfig> = {};
  if (flags.changed("cpuset-cpus")) h.CpusetCpus = flags.string("cpuset-cpus");
  if (flags.changed("cpuset-mems")) h.CpusetMems = flags.string("cpuset-mems");
  if (flags.changed("cpu-period")) h.CpuPeriod = flags.int("cpu-period");
  if (flags.changed("cpu-quota")) h.CpuQuota = flags.int("cpu-quota");
  if (flags.changed("cpu-rt-period")) h.CpuRealtimePeriod = flags.int("cpu-rt-period");
  if (flags.changed("cpu-rt-runtime")) h.CpuRealtimeRuntime = flags.int("cpu-rt-runtime");
  if (flags.changed("memory-reservation")) h.MemoryReservation = bytesOf(flags.string("memory-reservation"));
  if (flags.changed("blkio-weight")) h.BlkioWeight = flags.int("blkio-weight");
  return h;
}

/**
 * The run/create flags this module owns, as HostConfig fields. Client-side problems throw
 * fail(message) (docker: … / status 125).
 */
export function resourceFlags(flags: FlagValues, fail: (msg: string) => CliError): Partial<ResourceHostConfig> {
  const h = updateResourceFlags(flags);
  const swappiness = flags.int("memory-swappiness");
  if (swappiness !== -1 && (swappiness < 0 || swappiness > 100)) throw fail(`invalid value: ${swappiness}. Valid memory swappiness range is 0-100`);
  if (flags.changed("memory-swappiness")) h.MemorySwappiness = swappiness;
  if (flags.changed("oom-kill-disable")) h.OomKillDisable = flags.bool("oom-kill-disable");
  h.OomScoreAdj = flags.int("oom-score-adj");
  h.BlkioWeightDevice = flags.list("blkio-weight-device").map((v) => ({ Path: v.split(":")[0], Weight: Number(v.split(":")[1]) }));
  h.BlkioDeviceReadBps = throttle(flags.list("device-read-bps"), true);
  h.BlkioDeviceWriteBps = throttle(flags.list("device-write-bps"), true);
  h.BlkioDeviceReadIOps = throttle(flags.list("device-read-iops"), false);
  h.BlkioDeviceWriteIOps = throttle(flags.list("device-write-iops"), false);
  try {
    h.Devices = flags.list("device").map(parseDevice);
  } catch (e) {
    throw fail((e as Error).message);
  }
  const rules = flags.list("device-cgroup-rule");
  h.DeviceCgroupRules = rules.length > 0 ? rules : null;
  if (flags.changed("shm-size")) h.ShmSize = bytesOf(flags.string("shm-size"));
  h.Ulimits = flags
    .list("ulimit")
    .map((u) => {
      const eq = u.indexOf("=");
      const [soft, hard = soft] = u.slice(eq + 1).split(":").map(Number);
      return { Name: u.slice(0, eq), Hard: hard, Soft: soft };
    })
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  const sysctls = keyValues(flags.list("sysctl"));
  if (Object.keys(sysctls).length > 0) h.Sysctls = sysctls;
  const groups = flags.list("group-add");
  h.GroupAdd = groups.length > 0 ? groups : null;
  const driver = flags.string("log-driver");
  const logOpts = keyValues(flags.list("log-opt"));
  if (driver === "none" && Object.keys(logOpts).length > 0) throw fail("invalid logging opts for driver none");
  h.LogConfig = { Type: driver || "json-file", Config: logOpts };
  h.CgroupParent = flags.string("cgroup-parent");
  const storage: Record<string, string> = {};
  for (const o of flags.list("storage-opt")) {
    const eq = o.indexOf("=");
    if (eq < 0) throw fail(`invalid storage option`);
    storage[o.slice(0, eq)] = o.slice(eq + 1);
  }
  if (Object.keys(storage).length > 0) h.StorageOpt = storage;
  if (flags.changed("runtime")) h.Runtime = flags.string("runtime");
  h.Isolation = flags.string("isolation");
  // --gpus all / N: a request for devices with the "gpu" capability (opts.GpuOpts).
  if (flags.changed("gpus")) {
    const v = flags.string("gpus").replace(/^count=/, "");
    h.DeviceRequests = [{ Driver: "", Count: v === "all" ? -1 : Number(v) || 0, DeviceIDs: null, Capabilities: [["gpu"]], Options: {} }];
  }
  const annotations = keyValues(flags.list("annotation"));
  if (Object.keys(annotations).length > 0) h.Annotations = annotations;
  return h;
}
