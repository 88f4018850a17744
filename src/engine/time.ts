/** Timestamps as the engine reports them (Go's RFC3339Nano, UTC). */

/** "2026-01-15T09:00:01.123456789Z" from microseconds since the epoch (trailing zeros trimmed, as Go does). */
export function rfc3339Nano(usec: number): string {
  const ms = Math.floor(usec / 1000);
  const iso = new Date(ms).toISOString().slice(0, 19);
  const frac = String(Math.floor(usec % 1_000_000) * 1000).padStart(9, "0").replace(/0+$/, "");
  return `${iso}${frac ? `.${frac}` : ""}Z`;
}

export const GO_ZERO_TIME = "0001-01-01T00:00:00Z";
