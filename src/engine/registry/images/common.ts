/** Pieces several image recipes share: architecture names, PATH, account files. */
import { sha256Hex } from "../digest";
import type { Arch } from "../tree";

export const PATH_ENV = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export interface ArchNames {
  /** GNU multiarch triplet, e.g. x86_64-linux-gnu. */
  triplet: string;
  /** uname -m, e.g. x86_64 / aarch64 (Alpine's arch name too). */
  machine: string;
  /** Dynamic loader file name in /lib (glibc). */
  ldso: string;
  /** Machine code is a little larger on arm64; stand-in sizes scale by this. */
  scale: number;
}

export function archNames(arch: Arch): ArchNames {
  return arch === "amd64"
    ? { triplet: "x86_64-linux-gnu", machine: "x86_64", ldso: "ld-linux-x86-64.so.2", scale: 1 }
    : { triplet: "aarch64-linux-gnu", machine: "aarch64", ldso: "ld-linux-aarch64.so.1", scale: 1.06 };
}

/** Scales a stand-in size for the architecture. */
export function sized(n: number, arch: Arch): number {
  return Math.round(n * archNames(arch).scale);
}

/** Replaces $T (triplet) and $M (machine) in a recipe string. */
export function forArch(spec: string, arch: Arch): string {
  const a = archNames(arch);
  return spec.replaceAll("$T", a.triplet).replaceAll("$M", a.machine);
}

/** Lines joined with a trailing newline, as text files are. */
export const lines = (...l: string[]) => `${l.join("\n")}\n`;

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 of a byte string (no DOM btoa in the pure engine). */
export function base64(bytes: string): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes.charCodeAt(i);
    const b = i + 1 < bytes.length ? bytes.charCodeAt(i + 1) : 0;
    const c = i + 2 < bytes.length ? bytes.charCodeAt(i + 2) : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[n >> 18] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : "=";
    out += i + 2 < bytes.length ? B64[n & 63] : "=";
  }
  return out;
}

/** Deterministic bytes standing for a checksum of something we do not store. */
export function pseudoHash(seed: string, length: number): string {
  const hex = sha256Hex(seed);
  let out = "";
  for (let i = 0; i < length * 2 && i < hex.length; i += 2)
    out += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return out;
}
