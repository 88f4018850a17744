/**
 * What pflag's Value.Set checks for each flag type docker uses, with the same error texts
 * (shown after `invalid argument "x" for "-m, --memory" flag: `). Types whose parsing belongs to a
 * command (mount, port, network, gpu-request, ...) are kept as raw strings here; commands may add
 * checks through `extraValidators`.
 */
import { parseGoBool, parseGoFloat, parseGoInt, parseGoUint } from "../strconv";
import { parseDuration } from "../timefmt";
import { ramInBytes } from "../units";

/** Returns an error message, or undefined when the value is acceptable. */
export type Validator = (value: string) => string | undefined;

const err = (r: { ok: boolean; error?: string }) => (r.ok ? undefined : r.error);

/** A big.Rat as docker's --cpus reads it: "1.5", "3/2", "2e-1". */
function nanoCPUs(value: string): string | undefined {
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(value);
  const dec = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value);
  if (!frac && !dec) return `failed to parse ${value} as a rational number`;
  if (frac && Number(frac[2]) === 0) return `failed to parse ${value} as a rational number`;
  const n = frac ? (Number(frac[1]) * 1e9) / Number(frac[2]) : Number(value) * 1e9;
  if (!Number.isInteger(Math.round(n * 1e6) / 1e6)) return "value is too precise";
  return undefined;
}

const ULIMIT_NAMES = [
  "core",
  "cpu",
  "data",
  "fsize",
  "locks",
  "memlock",
  "msgqueue",
  "nice",
  "nofile",
  "nproc",
  "rss",
  "rtprio",
  "rttime",
  "sigpending",
  "stack",
];

/** go-units ParseUlimit. */
function ulimit(value: string): string | undefined {
  const eq = value.indexOf("=");
  if (eq < 0) return `invalid ulimit argument: ${value}`;
  const name = value.slice(0, eq);
  if (!ULIMIT_NAMES.includes(name)) return `invalid ulimit type: ${name}`;
  const parts = value.slice(eq + 1).split(":");
  if (parts.length > 2)
    return `too many limit value arguments - ${value.slice(eq + 1)}, can only have up to two, \`soft[:hard]\``;
  const nums: bigint[] = [];
  for (const p of parts) {
    const r = parseGoInt(p, 64);
    if (!r.ok) return r.error;
    nums.push(r.value);
  }
  if (nums.length === 2 && nums[0] > nums[1]) {
    return `ulimit soft limit must be less than or equal to hard limit: ${nums[0]} > ${nums[1]}`;
  }
  return undefined;
}

export const TYPE_VALIDATORS: Record<string, Validator> = {
  bool: (v) => err(parseGoBool(v)),
  int: (v) => err(parseGoInt(v, 64)),
  int64: (v) => err(parseGoInt(v, 64)),
  uint: (v) => err(parseGoUint(v, 64)),
  uint16: (v) => err(parseGoUint(v, 16)),
  uint32: (v) => err(parseGoUint(v, 32)),
  uint64: (v) => err(parseGoUint(v, 64)),
  float: (v) => err(parseGoFloat(v)),
  duration: (v) => err(parseDuration(v)),
  bytes: (v) => err(ramInBytes(v)),
  decimal: nanoCPUs,
  filter: (v) => (v.includes("=") ? undefined : "bad format of filter (expected name=value)"),
  ulimit,
};

/**
 * Flags whose pflag Value is a docker type more lenient than its declared "bytes": opts.MemSwapBytes
 * (--memory-swap of run, create, update and build) reads "-1" as unlimited swap before RAMInBytes.
 */
export const NAME_VALIDATORS: Record<string, Validator> = {
  "memory-swap": (v) => (v === "-1" ? undefined : err(ramInBytes(v))),
};

/** Types whose values accumulate over repeated flags (pflag slices and docker's list options). */
export const LIST_TYPES = new Set([
  "list",
  "strings",
  "map",
  "filter",
  "ulimit",
  "mount",
  "network",
  "gpu-request",
  "pref",
  "port",
  "config",
  "secret",
  "external-ca",
  "stringToString",
  "ipNetSlice",
  "command",
]);

/** pflag's StringSlice reads each value as one CSV record. */
export function splitCSV(value: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '"' && value[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out;
}
