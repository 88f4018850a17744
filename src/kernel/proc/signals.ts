/** Linux signal numbers, names and default actions (x86-64). */
import type { Signal } from "../api";

export const SIGNALS: Signal[] = [
  "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
  "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
  "WINCH", "IO", "PWR", "SYS",
];

export function signalNumber(sig: Signal): number {
  return SIGNALS.indexOf(sig) + 1;
}

export function signalByNumber(n: number): Signal | undefined {
  return SIGNALS[n - 1];
}

/** Parses "TERM", "SIGTERM", "15" (case-insensitive names). */
export function parseSignal(s: string): Signal | undefined {
  if (/^\d+$/.test(s)) return signalByNumber(Number(s));
  const up = s.toUpperCase().replace(/^SIG/, "");
  if (up === "IOT") return "ABRT";
  if (up === "POLL") return "IO";
  if (up === "CLD") return "CHLD";
  return SIGNALS.find((x) => x === up);
}

export type DefaultAction = "term" | "core" | "ignore" | "stop" | "cont";

export function defaultAction(sig: Signal): DefaultAction {
  switch (sig) {
    case "CHLD":
    case "URG":
    case "WINCH":
      return "ignore";
    case "CONT":
      return "cont";
    case "STOP":
    case "TSTP":
    case "TTIN":
    case "TTOU":
      return "stop";
    case "QUIT":
    case "ILL":
    case "TRAP":
    case "ABRT":
    case "BUS":
    case "FPE":
    case "SEGV":
    case "XCPU":
    case "XFSZ":
    case "SYS":
      return "core";
    default:
      return "term";
  }
}

/** strsignal() texts, as shells print them for jobs killed by a signal. */
export const SIGNAL_DESCRIPTIONS: Record<Signal, string> = {
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
