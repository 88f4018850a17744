/** The kernel's public face: boot a host, drive it from outside, and the program contract. */
export * from "./api";
export { Errno, strerror, isErrno, type ErrnoCode } from "./errno";
export { Kernel, type ProgramRegistry } from "./kernel";
export { bootHost, type BootOptions } from "./boot";
export * from "./machine";
export type { World } from "./world";
export type { FileEntry } from "./fs/entries";
export { SIGNALS, signalNumber, signalByNumber, parseSignal, SIGNAL_DESCRIPTIONS } from "./proc/signals";
