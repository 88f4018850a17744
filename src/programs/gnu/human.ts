/** GNU's human-readable sizes (ls -h, du -h, df -h): powers of 1024, rounded up, one decimal below 10. */
export function gnuHumanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = "KMGTPEZY";
  let value = bytes;
  let u = -1;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  if (value < 10) {
    const tenths = Math.ceil(value * 10 - 1e-9);
    if (tenths < 100) return `${(tenths / 10).toFixed(1)}${units[u]}`;
    value = 10;
  }
  const whole = Math.ceil(value - 1e-9);
  if (whole >= 1024 && u < units.length - 1) return `1.0${units[u + 1]}`;
  return `${whole}${units[u]}`;
}
