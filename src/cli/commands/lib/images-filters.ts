/** --filter key=value sets as the daemon reads them (filters.Args), with its error texts. */
import { EngineError } from "../../../engine/client";
import { parseRfc3339 } from "../../../engine/images/inspect";
import { parseDuration, SECOND } from "../../timefmt";

export type Filters = Map<string, string[]>;

export function parseFilters(values: string[], allowed: string[]): Filters {
  const out: Filters = new Map();
  for (const v of values) {
    const i = v.indexOf("=");
    const key = v.slice(0, i).trim().toLowerCase();
    const value = v.slice(i + 1).trim();
    if (!allowed.includes(key)) throw new EngineError(`invalid filter '${key}'`, 400);
    out.set(key, [...(out.get(key) ?? []), value]);
  }
  return out;
}

/** A boolean filter such as dangling=true: undefined when absent. */
export function boolFilter(f: Filters, key: string): boolean | undefined {
  const vs = f.get(key);
  if (!vs) return undefined;
  for (const v of vs) if (!["true", "false", "1", "0"].includes(v.toLowerCase())) throw new EngineError(`invalid filter '${key}=${v}'`, 400);
  return ["true", "1"].includes(vs[vs.length - 1].toLowerCase());
}

/** label=key or label=key=value, against a label map; label!=... negates. */
export function matchLabels(labels: Record<string, string> | null | undefined, wanted: string[] = []): boolean {
  return wanted.every((w) => {
    const i = w.indexOf("=");
    const key = i < 0 ? w : w.slice(0, i);
    const has = !!labels && key in labels && (i < 0 || labels[key] === w.slice(i + 1));
    return has;
  });
}

/** until=/since= values: a Go duration before now, Unix seconds, or an RFC 3339 time (seconds). */
export function timestampFilter(value: string, nowSec: number): number {
  const d = parseDuration(value);
  if (d.ok) return nowSec - d.value / SECOND;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const t = parseRfc3339(value);
  if (t.sec !== 0) return t.sec;
  const date = /^\d{4}-\d\d-\d\d$/.test(value) ? Date.parse(`${value}T00:00:00Z`) / 1000 : Number.NaN;
  if (!Number.isNaN(date)) return date;
  throw new EngineError(`failed to parse value as time or duration: "${value}"`, 400);
}
