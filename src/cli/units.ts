/**
 * github.com/docker/go-units (v0.5) sizes: HumanSize ("4.26MB"), BytesSize ("1.5GiB"), and the
 * parsers behind --memory and friends (RAMInBytes, FromHumanSize) with their error texts.
 */
import { formatFloat } from "./gofloat";
import { parseGoFloat, type Parsed } from "./strconv";

export const KB = 1000;
export const MB = 1000 * KB;
export const GB = 1000 * MB;
export const TB = 1000 * GB;
export const PB = 1000 * TB;
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;
export const PiB = 1024 * TiB;

const decimalMap: Record<string, number> = { k: KB, m: MB, g: GB, t: TB, p: PB };
const binaryMap: Record<string, number> = { k: KiB, m: MiB, g: GiB, t: TiB, p: PiB };
const decimalAbbrs = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
const binaryAbbrs = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

function sizeAndUnit(size: number, base: number, abbrs: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < abbrs.length - 1) {
    size /= base;
    i++;
  }
  return [size, abbrs[i]];
}

/** units.HumanSizeWithPrecision: `%.*g` of the size in decimal units. */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [n, unit] = sizeAndUnit(size, 1000, decimalAbbrs);
  return formatFloat(n, "g", precision) + unit;
}

/** units.HumanSize: 4 significant digits, decimal units ("1.98MB", "0B"). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** units.BytesSize: 4 significant digits, binary units ("1MiB"). */
export function bytesSize(size: number): string {
  const [n, unit] = sizeAndUnit(size, 1024, binaryAbbrs);
  return formatFloat(n, "g", 4) + unit;
}

/** units.FromHumanSize: "32kB" -> 32000. */
export function fromHumanSize(s: string): Parsed<number> {
  return parseSize(s, decimalMap);
}

/** units.RAMInBytes: "512m" -> 536870912. */
export function ramInBytes(s: string): Parsed<number> {
  return parseSize(s, binaryMap);
}

function parseSize(sizeStr: string, uMap: Record<string, number>): Parsed<number> {
  const invalid: Parsed<number> = { ok: false, error: `invalid size: '${sizeStr}'` };
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--) {
    if ("0123456789. ".includes(sizeStr[i])) {
      sep = i;
      break;
    }
  }
  if (sep === -1) return invalid;
  const num = sizeStr[sep] !== " " ? sizeStr.slice(0, sep + 1) : sizeStr.slice(0, sep);
  let sfx = sizeStr.slice(sep + 1);
  const parsed = parseGoFloat(num);
  if (!parsed.ok) return parsed;
  let size = parsed.value;
  if (size < 0) return invalid;
  if (sfx.length === 0) return { ok: true, value: Math.trunc(size) };
  const badSuffix: Parsed<number> = { ok: false, error: `invalid suffix: '${sfx.toLowerCase()}'` };
  if (sfx.length > 3) return { ok: false, error: `invalid suffix: '${sfx}'` };
  sfx = sfx.toLowerCase();
  if (sfx[0] === "b") return sfx.length > 1 ? badSuffix : { ok: true, value: Math.trunc(size) };
  const mul = uMap[sfx[0]];
  if (mul === undefined) return badSuffix;
  size *= mul;
  if ((sfx.length === 2 && sfx[1] !== "b") || (sfx.length === 3 && sfx.slice(1) !== "ib")) return badSuffix;
  return { ok: true, value: Math.trunc(size) };
}
