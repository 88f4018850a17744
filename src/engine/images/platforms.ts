/**
 * Platform specifiers ("linux/arm64/v8") as containerd/platforms parses, normalizes, formats and
 * matches them (the version docker 28.2 vendors, whose OS component may carry "(version)" but no
 * "+features"). The client parses --platform with it, the daemon picks a manifest and checks local
 * images with it.
 */
import { parsedConfig } from "./config-json";

export interface Platform {
  os: string;
  architecture: string;
  /** "" when none: amd64 (v1), arm64 (v8) and arm (v7) leave their usual level implicit. */
  variant: string;
  osVersion?: string;
}

export type ParsedPlatform = { ok: true; platform: Platform } | { ok: false; error: string };

/** What the daemon's own Go runtime is (runtime.GOOS/GOARCH of the simulated host). */
const HOST_OS = "linux";
const HOST_ARCH = "amd64";

/**
 * The daemon's maximumSpec(): its platform with the amd64 micro-architecture level that
 * go-archvariant detects from CPUID. The simulated CPU's flags (/proc/cpuinfo) have AVX2, BMI1/2,
 * FMA, MOVBE and LAHF/ABM but not the whole AVX-512 F/DQ/CD/BW/VL set, so the level is v3, as on most
 * laptops and cloud VMs without AVX-512.
 */
export const HOST_PLATFORM: Platform = { os: HOST_OS, architecture: HOST_ARCH, variant: "v3" };

const SPECIFIER_RE = /^[A-Za-z0-9_.-]+$/;
const OS_RE = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$/;
// The patterns as Go prints them in messages (regexp.String() through %q).
const SPECIFIER_RE_Q = '"^[A-Za-z0-9_.-]+$"';
const OS_RE_Q = '"^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.-]*)\\\\))?$"';

const KNOWN_OS = new Set("aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris windows zos".split(" "));
const KNOWN_ARCH = new Set(
  "386 amd64 amd64p32 arm armbe arm64 arm64be ppc64 ppc64le loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc riscv riscv64 s390 s390x sparc sparc64 wasm".split(" "),
);

/** Go's %q of a byte string (the parts of a specifier a user typed). */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

function normalizeOS(os: string): string {
  if (os === "") return HOST_OS;
  const lower = os.toLowerCase();
  return lower === "macos" ? "darwin" : lower;
}

function normalizeArch(arch: string, variant: string): [string, string] {
  let a = arch.toLowerCase();
  let v = variant.toLowerCase();
  switch (a) {
    case "i386":
      a = "386";
      v = "";
      break;
    case "x86_64":
    case "x86-64":
    case "amd64":
      a = "amd64";
      if (v === "v1") v = "";
      break;
    case "aarch64":
    case "arm64":
      a = "arm64";
      if (v === "8" || v === "v8") v = "";
      break;
    case "armhf":
      a = "arm";
      v = "v7";
      break;
    case "armel":
      a = "arm";
      v = "v6";
      break;
    case "arm":
      if (v === "" || v === "7") v = "v7";
      else if (v === "5" || v === "6" || v === "8") v = `v${v}`;
      break;
  }
  return [a, v];
}

export function normalize(p: Platform): Platform {
  const [architecture, variant] = normalizeArch(p.architecture, p.variant);
  return { ...p, os: normalizeOS(p.os), architecture, variant };
}

/** platforms.Parse; errors end in ": invalid argument" (errdefs.ErrInvalidArgument). */
export function parsePlatform(specifier: string): ParsedPlatform {
  const fail = (msg: string): ParsedPlatform => ({ ok: false, error: `${msg}: invalid argument` });
  if (specifier.includes("*")) return fail(`${quote(specifier)}: wildcards not yet supported`);
  const all = specifier.split("/");
  // strings.SplitN(specifier, "/", 4): the fourth part keeps the rest.
  const parts = all.length > 4 ? [...all.slice(0, 3), all.slice(3).join("/")] : all;
  const p: Platform = { os: "", architecture: "", variant: "" };
  for (const [i, part] of parts.entries()) {
    if (i === 0) {
      const m = OS_RE.exec(part);
      if (!m) return fail(`${quote(part)} is an invalid OS component of ${quote(specifier)}: OSAndVersion specifier component must match ${OS_RE_Q}`);
      p.os = normalizeOS(m[1]);
      if (m[2]) p.osVersion = m[2];
    } else if (!SPECIFIER_RE.test(part)) {
      return fail(`${quote(part)} is an invalid component of ${quote(specifier)}: platform specifier component must match ${SPECIFIER_RE_Q}`);
    }
  }
  if (parts.length === 1) {
    if (KNOWN_OS.has(p.os)) return { ok: true, platform: { ...p, architecture: HOST_ARCH } };
    const [architecture, variant] = normalizeArch(parts[0], "");
    const v = architecture === "arm" && variant === "v7" ? "" : variant;
    if (KNOWN_ARCH.has(architecture)) return { ok: true, platform: { os: HOST_OS, architecture, variant: v } };
    return fail(`${quote(specifier)}: unknown operating system or architecture`);
  }
  if (parts.length === 2) {
    const [architecture, variant] = normalizeArch(parts[1], "");
    return { ok: true, platform: { ...p, architecture, variant: architecture === "arm" && variant === "v7" ? "" : variant } };
  }
  if (parts.length === 3) {
    const [architecture, variant] = normalizeArch(parts[1], parts[2]);
    return { ok: true, platform: { ...p, architecture, variant: architecture === "arm64" && variant === "" ? "v8" : variant } };
  }
  return fail(`${quote(specifier)}: cannot parse platform specifier`);
}

/** platforms.FormatAll: "linux/arm64/v8", "windows(10.0.17763)/amd64". */
export function formatPlatform(p: Platform): string {
  if (p.os === "") return "unknown";
  const os = p.osVersion ? `${p.os}(${p.osVersion})` : p.os;
  return [os, p.architecture, p.variant].filter((s) => s !== "").join("/");
}

/** platformVector: the platform and the older levels it also runs (amd64/v3 runs v2, v1 and 386). */
function compatible(p: Platform): Platform[] {
  const out: Platform[] = [p];
  const level = (v: string) => Number.parseInt(v.replace(/^v/, ""), 10);
  if (p.architecture === "amd64") {
    const n = level(p.variant);
    for (let v = n - 1; v >= 1; v--) out.push({ ...p, variant: `v${v}` });
    out.push({ ...p, architecture: "386", variant: "" });
  } else if (p.architecture === "arm") {
    const n = level(p.variant);
    for (let v = n - 1; v >= 5; v--) out.push({ ...p, variant: `v${v}` });
  } else if (p.architecture === "arm64") {
    // arm64 v8.x/v9.x also runs the earlier minor levels, and 32-bit arm up to v8.
    const variant = p.variant || "v8";
    const [major, minor] = variant.replace(/^v/, "").split(".").map(Number);
    if (major >= 8) {
      let m = variant.length === 4 && Number.isInteger(minor) ? minor : 0;
      let maj = major;
      if (maj === 9) {
        for (let i = m - 1; i >= 0; i--) out.push({ ...p, variant: i === 0 ? "v9" : `v9.${i}` });
        m += 5;
        maj = 8;
        out.push({ ...p, variant: `v8.${m}` });
      }
      for (let i = m - 1; i >= 0; i--) out.push({ ...p, variant: i === 0 ? `v${maj}` : `v${maj}.${i}` });
    }
    const armVariant = variant.startsWith("v8.") || variant.startsWith("v9.") ? "v8" : variant;
    out.push(...compatible({ ...p, architecture: "arm", variant: armVariant }));
  }
  return out;
}

function same(a: Platform, b: Platform): boolean {
  const x = normalize(a);
  const y = normalize(b);
  return x.os === y.os && x.architecture === y.architecture && x.variant === y.variant;
}

/** platforms.Only(want).Match(have): what pull uses to choose a manifest of a list. */
export function platformMatches(want: Platform, have: Platform): boolean {
  return platformRank(want, have) >= 0;
}

/** How much platforms.Only(want) prefers `have` (0 best), or -1 when it does not match. */
export function platformRank(want: Platform, have: Platform): number {
  return compatible(normalize(want)).findIndex((c) => same(c, have));
}

/**
 * images.OnlyPlatformWithFallback(want).Match(have): as platformMatches, and an image config
 * without a variant also suits any variant of its architecture (configs often omit it).
 */
export function imageSuits(want: Platform, have: Platform): boolean {
  if (platformMatches(want, have)) return true;
  if (have.variant !== "") return false;
  const w = normalize(want);
  const h = normalize(have);
  return w.os === h.os && w.architecture === h.architecture;
}

/** An image config's platform (its "os", "architecture", "variant" fields). */
export function configPlatform(configJson: string): Platform {
  const cfg = parsedConfig<{ os?: string; architecture?: string; variant?: string }>(configJson);
  return { os: cfg.os ?? "", architecture: cfg.architecture ?? "", variant: cfg.variant ?? "" };
}
