/** /proc/meminfo as free, top and the like read it: each field's value (kB), by its name. */
export function parseMeminfo(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = /^([^:]+):\s*(\d+)/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}
