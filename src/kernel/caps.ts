/**
 * Linux capabilities (capabilities(7)): the names and numbers of linux/capability.h, a process's five
 * sets, and how fork, execve and uid changes transform them.
 *
 * A set is a plain number below 2^41 (the world is JSON: no BigInt). JavaScript's bit operators
 * work on 32 bits, so sets are combined as a high and a low half.
 */
import type { Process } from "./world";

/** linux/capability.h, in number order: CAP_<name> is its index. */
export const CAP_NAMES = [
  "CHOWN",
  "DAC_OVERRIDE",
  "DAC_READ_SEARCH",
  "FOWNER",
  "FSETID",
  "KILL",
  "SETGID",
  "SETUID",
  "SETPCAP",
  "LINUX_IMMUTABLE",
  "NET_BIND_SERVICE",
  "NET_BROADCAST",
  "NET_ADMIN",
  "NET_RAW",
  "IPC_LOCK",
  "IPC_OWNER",
  "SYS_MODULE",
  "SYS_RAWIO",
  "SYS_CHROOT",
  "SYS_PTRACE",
  "SYS_PACCT",
  "SYS_ADMIN",
  "SYS_BOOT",
  "SYS_NICE",
  "SYS_RESOURCE",
  "SYS_TIME",
  "SYS_TTY_CONFIG",
  "MKNOD",
  "LEASE",
  "AUDIT_WRITE",
  "AUDIT_CONTROL",
  "SETFCAP",
  "MAC_OVERRIDE",
  "MAC_ADMIN",
  "SYSLOG",
  "WAKE_ALARM",
  "BLOCK_SUSPEND",
  "AUDIT_READ",
  "PERFMON",
  "BPF",
  "CHECKPOINT_RESTORE",
] as const;

export type CapName = (typeof CAP_NAMES)[number];

const TWO_32 = 2 ** 32;

/** Every capability this kernel knows (CAP_LAST_CAP = 40). */
export const ALL_CAPS = 2 ** CAP_NAMES.length - 1;

export function capNumber(name: CapName): number {
  return CAP_NAMES.indexOf(name);
}

/** The set holding just `name`. */
export function capBit(name: CapName): number {
  return 2 ** capNumber(name);
}

export function hasCap(set: number, name: CapName): boolean {
  return Math.floor(set / capBit(name)) % 2 === 1;
}

function combine(a: number, b: number, op: (x: number, y: number) => number): number {
  const hi = op(Math.floor(a / TWO_32), Math.floor(b / TWO_32)) >>> 0;
  const lo = op(a >>> 0, b >>> 0) >>> 0;
  return hi * TWO_32 + lo;
}

export function capUnion(a: number, b: number): number {
  return combine(a, b, (x, y) => x | y);
}

export function capIntersect(a: number, b: number): number {
  return combine(a, b, (x, y) => x & y);
}

/** `a` without the capabilities of `b`. */
export function capWithout(a: number, b: number): number {
  return combine(a, b, (x, y) => x & ~y);
}

/** The set of these names (each without the CAP_ prefix). */
export function capSetOf(names: readonly CapName[]): number {
  let set = 0;
  for (const n of names) set = capUnion(set, capBit(n));
  return set;
}

/** The names in a set, in number order. */
export function capNamesIn(set: number): CapName[] {
  return CAP_NAMES.filter((n) => hasCap(set, n));
}

/** As /proc/PID/status prints a set: 16 hex digits. */
export function capHex(set: number): string {
  return set.toString(16).padStart(16, "0");
}

/** A process's capability sets (each a number, see above). */
export interface CapSets {
  inheritable: number;
  permitted: number;
  effective: number;
  bounding: number;
  ambient: number;
}

/** What root on the host starts with: everything. */
export function rootCaps(): CapSets {
  return { inheritable: 0, permitted: ALL_CAPS, effective: ALL_CAPS, bounding: ALL_CAPS, ambient: 0 };
}

/** Every capability of `bounding` held (what runc sets before it executes a container's command). */
export function capsWithin(bounding: number): CapSets {
  return { inheritable: 0, permitted: bounding, effective: bounding, bounding, ambient: 0 };
}

/** Does the process hold `name` in its effective set (the kernel's capable())? */
export function capable(p: Process, name: CapName): boolean {
  return hasCap(p.caps.effective, name);
}

/**
 * execve() of a file without file capabilities (the only kind this kernel has), by a process whose
 * uids are now `uid`/`euid` (after any set-user-ID bit took effect). `setid`: the file's set-user-ID
 * or set-group-ID bit changed the ids; that cancels the ambient set.
 */
export function capsOnExec(caps: CapSets, uid: number, euid: number, setid: boolean): CapSets {
  const ambient = setid ? 0 : caps.ambient;
  // Root is treated as if its files had every file capability (fI = fP = all; fE when euid is 0).
  const permitted = capUnion(uid === 0 || euid === 0 ? capUnion(caps.inheritable, caps.bounding) : 0, ambient);
  const effective = euid === 0 ? permitted : ambient;
  return { inheritable: caps.inheritable, permitted, effective, bounding: caps.bounding, ambient };
}

/**
 * The uid transition rules of capabilities(7) ("Effect of user ID changes on capabilities"), for ids
 * going from `before` to `after` (real, effective; the saved id follows the effective one here).
 */
export function capsOnUidChange(caps: CapSets, before: { uid: number; euid: number }, after: { uid: number; euid: number }): CapSets {
  const next = { ...caps };
  const wasRoot = before.uid === 0 || before.euid === 0;
  if (wasRoot && after.uid !== 0 && after.euid !== 0) {
    next.permitted = 0;
    next.effective = 0;
    next.ambient = 0;
    return next;
  }
  // (The fsuid follows the euid here, so its rule is contained in this one.)
  if (before.euid === 0 && after.euid !== 0) next.effective = 0;
  else if (before.euid !== 0 && after.euid === 0) next.effective = next.permitted;
  return next;
}
