/** Signal names, numbers (Linux x86-64) and the descriptions ash prints for them. */
import type { Signal } from "../kernel/api";

export const SIGNALS: Signal[] = [
  "HUP",
  "INT",
  "QUIT",
  "ILL",
  "TRAP",
  "ABRT",
  "BUS",
  "FPE",
  "KILL",
  "USR1",
  "SEGV",
  "USR2",
  "PIPE",
  "ALRM",
  "TERM",
  "STKFLT",
  "CHLD",
  "CONT",
  "STOP",
  "TSTP",
  "TTIN",
  "TTOU",
  "URG",
  "XCPU",
  "XFSZ",
  "VTALRM",
  "PROF",
  "WINCH",
  "IO",
  "PWR",
  "SYS",
];

export function signalNumber(sig: Signal): number {
  return SIGNALS.indexOf(sig) + 1;
}

export function signalByNumber(n: number): Signal | undefined {
  return SIGNALS[n - 1];
}

/** Accepts "INT", "SIGINT", "int" or "2". */
export function parseSignal(spec: string): Signal | undefined {
  if (/^\d+$/.test(spec)) return signalByNumber(Number(spec));
  let s = spec.toUpperCase();
  if (s.startsWith("SIG")) s = s.slice(3);
  if (s === "IOT") return "ABRT";
  if (s === "POLL") return "IO";
  return SIGNALS.includes(s as Signal) ? (s as Signal) : undefined;
}

/** strsignal() texts (glibc), as ash prints them for jobs that died of a signal. */
const DESCRIPTIONS: Record<Signal, string> = {
  HUP: "Hangup",
  INT: "Interrupt",
  QUIT: "Quit",
  ILL: "Illegal instruction",
  TRAP: "Trace/breakpoint trap",
  ABRT: "Aborted",
  BUS: "Bus error",
  FPE: "Floating point exception",
  KILL: "Killed",
  USR1: "User defined signal 1",
  SEGV: "Segmentation fault",
  USR2: "User defined signal 2",
  PIPE: "Broken pipe",
  ALRM: "Alarm clock",
  TERM: "Terminated",
  STKFLT: "Stack fault",
  CHLD: "Child exited",
  CONT: "Continued",
  STOP: "Stopped (signal)",
  TSTP: "Stopped",
  TTIN: "Stopped (tty input)",
  TTOU: "Stopped (tty output)",
  URG: "Urgent I/O condition",
  XCPU: "CPU time limit exceeded",
  XFSZ: "File size limit exceeded",
  VTALRM: "Virtual timer expired",
  PROF: "Profiling timer expired",
  WINCH: "Window changed",
  IO: "I/O possible",
  PWR: "Power failure",
  SYS: "Bad system call",
};

export function signalDescription(sig: Signal): string {
  return DESCRIPTIONS[sig];
}
