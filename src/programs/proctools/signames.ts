/** Signal names and numbers as busybox's get_signum/get_signame know them (x86-64 Linux). */
import type { Signal } from "../../kernel/api";

/** busybox's table: index = number; 29 is listed as POLL (IO is an alias). */
const NAMES: readonly string[] = [
  "EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
  "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM",
  "PROF", "WINCH", "POLL", "PWR", "SYS",
];

/** Number of signals (NSIG on Linux: 0..64). */
export const NSIG = 65;

/** Name of signal n ("EXIT" for 0), or the number itself when it has none. */
export function signame(n: number): string {
  return NAMES[n] ?? String(n);
}

/** busybox get_signum(): a number below NSIG, or a name with optional SIG prefix; -1 if unknown. */
export function signum(text: string): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < NSIG) return n;
  }
  const name = text.toUpperCase().startsWith("SIG") ? text.slice(3) : text;
  const up = name.toUpperCase();
  const i = NAMES.indexOf(up);
  if (i >= 0) return i;
  if (up === "IO") return 29;
  if (up === "IOT") return 6;
  return -1;
}

/** The kernel's name for signal number n (1..31), or undefined. */
export function kernelSignal(n: number): Signal | undefined {
  if (n < 1 || n > 31) return undefined;
  return (n === 29 ? "IO" : NAMES[n]) as Signal;
}

/** " 1) HUP" lines for every named signal, as kill -l prints them. */
export function signalList(): string {
  let out = "";
  for (let n = 1; n < NAMES.length; n++) out += `${String(n).padStart(2)}) ${NAMES[n]}\n`;
  return out;
}
