/** curl's progress meter (lib/progress.c): the two header lines and one status line per update. */

export function progressHeader(): string {
  return "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";
}

/** max5data(): a byte count in at most five characters. */
export function max5(bytes: number): string {
  const K = 1024;
  const M = K * K;
  if (bytes < 100000) return String(bytes).padStart(5);
  if (bytes < 10000 * K) return `${String(Math.floor(bytes / K)).padStart(4)}k`;
  if (bytes < 100 * M) return `${String(Math.floor(bytes / M)).padStart(2)}.${Math.floor((bytes % M) / (M / 10))}M`;
  return `${String(Math.floor(bytes / M)).padStart(4)}M`;
}

/**
 * "\r" and the status line after `received` of `expected` bytes (0 = unknown) in `elapsedUsec`.
 * Transfers here take well under a second, so the time columns stay "--:--:--".
 */
export function progressLine(received: number, done: number, elapsedUsec: number, expected: number): string {
  const total = expected > 0 ? expected : done;
  const pct = total > 0 ? Math.floor((received * 100) / total) : 0;
  const speed = elapsedUsec > 0 ? Math.floor((received * 1e6) / elapsedUsec) : 0;
  const t = "--:--:--";
  return `\r${String(pct).padStart(3)} ${max5(total)} ${String(pct).padStart(4)} ${max5(received)} ${"0".padStart(4)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ${t} ${t} ${t} ${max5(speed)}`;
}
