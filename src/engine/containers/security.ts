/**
 * A container's privileges: docker's default capability set and --cap-add/--cap-drop (oci/caps),
 * --privileged, and --security-opt (no-new-privileges, seccomp, apparmor, label), as the 28.2 client
 * normalizes them and the daemon checks and applies them to the container's processes.
 */
import type { Kernel } from "../../kernel";
import { ALL_CAPS, CAP_NAMES, type CapName, capSetOf, capsWithin, capWithout, capUnion, capBit } from "../../kernel/caps";
import { hostWalker } from "../hostfs";
import type { Process } from "../../kernel/world";
import type { DeviceMapping } from "./resources";
import { EngineError } from "../client";

/** The HostConfig fields of this file (CapAdd, CapDrop and Privileged are the base record's). */
export interface SecurityHostConfig {
  SecurityOpt: string[] | null;
  /** Set (empty) by --security-opt systempaths=unconfined; otherwise docker's defaults apply. */
  MaskedPaths?: string[];
  ReadonlyPaths?: string[];
}

/** What containers get without --cap-add/--cap-drop (moby oci/caps/defaults.go). */
export const DEFAULT_CAPS: readonly CapName[] = [
  "CHOWN",
  "DAC_OVERRIDE",
  "FSETID",
  "FOWNER",
  "MKNOD",
  "NET_RAW",
  "SETGID",
  "SETUID",
  "SETFCAP",
  "SETPCAP",
  "NET_BIND_SERVICE",
  "SYS_CHROOT",
  "KILL",
  "AUDIT_WRITE",
];

const ALL = "ALL";

/** The client's NormalizeCapability: upper case, CAP_ prefixed (ALL stays ALL). No trimming. */
function normalizeCapability(name: string): string {
  const upper = name.toUpperCase();
  return upper === ALL || upper.startsWith("CAP_") ? upper : `CAP_${upper}`;
}

/** --cap-add / --cap-drop as the client sends them: normalized, without repeats, sorted; null when none. */
export function capabilityList(values: readonly string[]): string[] | null {
  if (values.length === 0) return null;
  return [...new Set(values.map(normalizeCapability))].sort();
}

function capName(normalized: string): CapName | undefined {
  const bare = normalized.slice(4) as CapName;
  return normalized.startsWith("CAP_") && CAP_NAMES.includes(bare) ? bare : undefined;
}

/** The daemon's check of CapAdd and CapDrop (in that order), worded as dockerd 20.10 says it. */
export function capabilityError(add: readonly string[] | null, drop: readonly string[] | null): string | undefined {
  for (const [field, list] of [
    ["CapAdd", add],
    ["CapDrop", drop],
  ] as const) {
    for (const c of list ?? []) {
      if (c === ALL) continue;
      const n = normalizeCapability(c);
      if (!capName(n)) return `invalid ${field}: unknown capability: "${n}"`;
    }
  }
  return undefined;
}

interface CapsConfig {
  Privileged: boolean;
  CapAdd: string[] | null;
  CapDrop: string[] | null;
}

/** TweakCapabilities: the container's bounding set (and root's permitted and effective sets). */
export function containerCaps(h: CapsConfig): number {
  if (h.Privileged) return ALL_CAPS;
  const names = (list: string[] | null) => (list ?? []).map(normalizeCapability);
  const add = names(h.CapAdd);
  const drop = names(h.CapDrop);
  const setOf = (list: string[]) => capSetOf(list.map(capName).filter((n): n is CapName => n !== undefined));
  if (add.includes(ALL)) return capWithout(ALL_CAPS, setOf(drop));
  if (drop.includes(ALL)) return setOf(add);
  // Drops first, then adds: a capability both added and dropped stays.
  return capUnion(capWithout(capSetOf(DEFAULT_CAPS), setOf(drop)), setOf(add));
}

/** Does the container hold this capability (its bounding set)? */
export function containerHas(h: CapsConfig, name: CapName): boolean {
  return Math.floor(containerCaps(h) / capBit(name)) % 2 === 1;
}

/**
 * The client's parseSecurityOpts: each KEY=VALUE (or KEY:VALUE) has a value, except
 * no-new-privileges; a seccomp profile file is read by the client and sent as its JSON.
 * Returns the options to send, or the client's error message.
 */
export function clientSecurityOpts(readFile: (path: string) => string, values: readonly string[]): { opts: string[] } | { error: string } {
  const opts: string[] = [];
  for (const opt of values) {
    let sep = opt.indexOf("=");
    let key = sep < 0 ? opt : opt.slice(0, sep);
    if (sep < 0 && key !== "no-new-privileges") {
      sep = opt.indexOf(":");
      key = sep < 0 ? opt : opt.slice(0, sep);
    }
    const value = sep < 0 ? "" : opt.slice(sep + 1);
    if ((sep < 0 || value === "") && key !== "no-new-privileges") return { error: `Invalid --security-opt: ${goQuote(opt)}` };
    if (key === "seccomp" && value !== "builtin" && value !== "unconfined") {
      let text: string;
      try {
        text = readFile(value);
      } catch {
        return { error: `opening seccomp profile (${value}) failed: open ${value}: no such file or directory` };
      }
      let profile: unknown;
      try {
        profile = JSON.parse(text);
      } catch {
        return { error: `compacting json for seccomp profile (${value}) failed: invalid character looking for beginning of value` };
      }
      opts.push(`seccomp=${JSON.stringify(profile)}`);
      continue;
    }
    opts.push(opt);
  }
  return { opts };
}

/** What the daemon makes of SecurityOpt (daemon.parseSecurityOpt). */
export interface SecuritySettings {
  noNewPrivileges: boolean;
  /** "" (the default profile), "unconfined", or a profile's JSON. */
  seccomp: string;
  appArmor: string;
}

/** The daemon's parseSecurityOpt; an error reads as dockerd words it. */
export function securitySettings(opts: readonly string[] | null): SecuritySettings | { error: string } {
  const s: SecuritySettings = { noNewPrivileges: false, seccomp: "", appArmor: "" };
  for (const opt of opts ?? []) {
    if (opt === "no-new-privileges") {
      s.noNewPrivileges = true;
      continue;
    }
    if (opt === "disable") continue;
    const sep = opt.includes("=") ? opt.indexOf("=") : opt.indexOf(":");
    if (sep < 0) return { error: `invalid --security-opt 1: ${goQuote(opt)}` };
    const key = opt.slice(0, sep);
    const value = opt.slice(sep + 1);
    if (key === "label") continue;
    if (key === "apparmor") s.appArmor = value;
    else if (key === "seccomp") s.seccomp = value;
    else if (key === "no-new-privileges") {
      const b = parseGoBool(value);
      if (b === undefined) return { error: `invalid --security-opt 2: ${goQuote(opt)}` };
      s.noNewPrivileges = b;
    } else return { error: `invalid --security-opt 2: ${goQuote(opt)}` };
  }
  return s;
}

/**
 * SecurityOpt as the daemon stores it: with no label option given, a privileged container (or one
 * sharing the host's pid or ipc namespace) gets "label=disable" added (generateSecurityOpt).
 */
export function storedSecurityOpt(h: { Privileged: boolean; PidMode: string; IpcMode: string; SecurityOpt?: string[] | null }): string[] | null {
  const opts = h.SecurityOpt ?? null;
  if (opts?.some((o) => o.split("=")[0] === "label")) return opts;
  if (h.Privileged || h.PidMode === "host" || h.IpcMode === "host") return [...(opts ?? []), "label=disable"];
  return opts;
}

/**
 * The daemon's checks at create (capabilities, then security options), and SecurityOpt as it is
 * stored. Throws the daemon's error.
 */
export function verifySecurity(h: Partial<CapsConfig & SecurityHostConfig & { PidMode: string; IpcMode: string }>) {
  const capError = capabilityError(h.CapAdd ?? null, h.CapDrop ?? null);
  if (capError) throw new EngineError(capError, 400);
  const settings = securitySettings(h.SecurityOpt ?? null);
  if ("error" in settings) throw new EngineError(settings.error, 400);
  const stored = storedSecurityOpt({ Privileged: !!h.Privileged, PidMode: h.PidMode ?? "", IpcMode: h.IpcMode ?? "", SecurityOpt: h.SecurityOpt });
  if (stored !== null) h.SecurityOpt = stored;
}

/** strconv.ParseBool. */
function parseGoBool(v: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  return undefined;
}

/** Go's %q for plain text. */
function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** The AppArmor profile inspect shows: the one asked for (this host has no AppArmor: none by default). */
export function appArmorProfile(opts: readonly string[] | null): string {
  const s = securitySettings(opts);
  return "error" in s ? "" : s.appArmor;
}

/** Are /proc's and /sys's sensitive paths masked or read-only (not --privileged)? */
export function confinesSystemPaths(h: { Privileged: boolean }): boolean {
  return !h.Privileged;
}

/**
 * Sets a container process's privileges as runc leaves them just before it executes the command:
 * the container's capabilities in every set but the inheritable and ambient ones (the execve then
 * keeps them for root only), no_new_privs, and the seccomp filter (container-wide: an exec'd
 * process gets it too). `execPrivileged`: docker exec --privileged, all capabilities.
 */
export function applySecurity(p: Process, h: CapsConfig & Partial<SecurityHostConfig>, execPrivileged = false) {
  p.caps = capsWithin(execPrivileged ? ALL_CAPS : containerCaps(h));
  const s = securitySettings(h.SecurityOpt ?? null);
  const settings = "error" in s ? { noNewPrivileges: false, seccomp: "", appArmor: "" } : s;
  p.noNewPrivs = settings.noNewPrivileges;
  p.seccomp = h.Privileged || settings.seccomp === "unconfined" ? { mode: 0, filters: 0 } : { mode: 2, filters: 1 };
}

/** A privileged container's extra devices: the host's device nodes in /dev (not its console or ptmx). */
export function privilegedDevices(k: Kernel): DeviceMapping[] {
  const w = hostWalker(k);
  const out: DeviceMapping[] = [];
  for (const e of k.vfs.readdir(k.vfs.walk(w, "/dev", true))) {
    if (e.type !== "char" && e.type !== "block") continue;
    if (e.name === "console" || e.name === "ptmx") continue;
    out.push({ PathOnHost: `/dev/${e.name}`, PathInContainer: `/dev/${e.name}`, CgroupPermissions: "rwm" });
  }
  return out;
}
