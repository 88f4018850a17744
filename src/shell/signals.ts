/** Signal names, numbers (Linux x86-64) and descriptions, as the kernel defines them. */
import type { Signal } from "../kernel/api";
import { SIGNAL_DESCRIPTIONS } from "../kernel/proc/signals";

export { parseSignal, SIGNALS, signalByNumber, signalNumber } from "../kernel/proc/signals";

/** strsignal() texts (glibc), as ash prints them for jobs that died of a signal. */
export function signalDescription(sig: Signal): string {
  return SIGNAL_DESCRIPTIONS[sig];
}
