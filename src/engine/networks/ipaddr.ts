/**
 * IP address text as Go's net.ParseIP reads it (dotted decimal without leading zeros, RFC 4291
 * IPv6 with an optional trailing dotted quad) and writes it back (IP.String: RFC 5952 for IPv6,
 * dotted decimal for IPv4 and IPv4-mapped addresses).
 */

/** The four bytes of a dotted-decimal IPv4 address, or undefined. */
export function parseIPv4(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === "0")) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** The sixteen bytes of an IPv6 address, or undefined. */
function parseIPv6(s: string): number[] | undefined {
  let text = s;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const words = [...head, ...Array(8 - total).fill("0"), ...rest].map((g) => Number.parseInt(g, 16));
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** net.ParseIP(s).String(), or undefined when s is not an address. */
export function canonicalIP(s: string): string | undefined {
  const v4 = parseIPv4(s);
  if (v4) return v4.join(".");
  const v6 = parseIPv6(s);
  if (!v6) return undefined;
  // IPv4-mapped addresses print as IPv4.
  if (v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff) return v6.slice(12).join(".");
  const words = Array.from({ length: 8 }, (_, i) => (v6[2 * i] << 8) | v6[2 * i + 1]);
  // The longest run of two or more zero words becomes "::" (the first of equal runs).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (ws: number[]) => ws.map((w) => w.toString(16)).join(":");
  if (best < 0) return hex(words);
  return `${hex(words.slice(0, best))}::${hex(words.slice(best + bestLen))}`;
}

export function isIPv6Text(s: string): boolean {
  return parseIPv4(s) === undefined && canonicalIP(s) !== undefined && s.includes(":");
}

/** net.ParseMAC for 6-byte addresses (xx:xx:…, xx-xx-…, xxxx.xxxx.xxxx), in lower-case colon form. */
export function parseMac(s: string): string | undefined {
  let hex: string[] | undefined;
  if (/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(s)) hex = s.split(":");
  else if (/^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){5}$/.test(s)) hex = s.split("-");
  else if (/^[0-9a-fA-F]{4}(\.[0-9a-fA-F]{4}){2}$/.test(s)) hex = s.split(".").flatMap((g) => [g.slice(0, 2), g.slice(2)]);
  return hex?.map((h) => h.toLowerCase()).join(":");
}
