/**
 * docker logs: the json-file records of a container (stdout to stdout, stderr to stderr), with
 * --tail, --since/--until, -t timestamps, and -f to follow until the container stops.
 */
import type { Gen } from "../../kernel";
import type { LogLine } from "../../engine/client";
import { logEnd } from "../../engine/containers/attach";
import { EngineError } from "../../engine/client";
import { READABLE_LOG_DRIVERS, resourcesOf } from "../../engine/containers/resources";
import { parseDuration } from "../timefmt";
import { CliError, type CommandContext } from "./lib/context";
import { parseTimestamp } from "./lib/container-view";

/** A --since/--until value as nanoseconds since the epoch: RFC 3339, Unix seconds, or a duration ago. */
export function parseTimeArg(value: string, nowNs: number): number {
  if (/^\d+(\.\d+)?$/.test(value)) {
    const [s, frac = ""] = value.split(".");
    return Number(s) * 1e9 + Number(frac.padEnd(9, "0").slice(0, 9));
  }
  const ts = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?)?(Z|[+-]\d\d:\d\d)?$/.exec(value);
  if (ts) {
    let v = value;
    if (!v.includes("T")) v += "T00:00:00";
    if (/T\d\d:\d\d$/.test(v)) v += ":00";
    if (!/(Z|[+-]\d\d:\d\d)$/.test(v)) v += "Z";
    const [sec, nsec] = parseTimestamp(v.replace(/([+-]\d\d:\d\d)$/, "Z"));
    return sec * 1e9 + nsec;
  }
  const d = parseDuration(value);
  if (d.ok) return nowNs - d.value;
  throw new CliError(`invalid value for "since": failed to parse value as time or duration: "${value}"`);
}

/** RFC3339NanoFixed: always nine fraction digits. */
function fixedNano(time: string): string {
  const [sec, nsec] = parseTimestamp(time);
  return `${new Date(sec * 1000).toISOString().slice(0, 19)}.${String(nsec).padStart(9, "0")}Z`;
}

export function* containerLogs(ctx: CommandContext): Gen<number> {
  const f = ctx.flags;
  const d = ctx.client();
  // World records are drafts valid only until the next yield: keep the id.
  const c = d.container(ctx.args[0]);
  const id = c.id;
  // Only some log drivers keep what they log where the daemon can read it back.
  if (!READABLE_LOG_DRIVERS.includes(resourcesOf(c.hostConfig).LogConfig.Type)) throw new EngineError("configured logging driver does not support reading", 501);
  const nowNs = ctx.sys.now() * 1000;
  const since = f.changed("since") && f.string("since") !== "" ? parseTimeArg(f.string("since"), nowNs) : undefined;
  const until = f.changed("until") && f.string("until") !== "" ? parseTimeArg(f.string("until"), nowNs) : undefined;
  const tail = f.string("tail");
  const stamps = f.bool("timestamps");
  const inRange = (l: LogLine) => {
    if (since === undefined && until === undefined) return true;
    const [s, n] = parseTimestamp(l.time);
    const t = s * 1e9 + n;
    return (since === undefined || t >= since) && (until === undefined || t <= until);
  };
  const emit = function* (l: LogLine): Gen<void> {
    if (!inRange(l)) return;
    const text = stamps ? `${fixedNano(l.time)} ${l.log}` : l.log;
    yield* l.stream === "stderr" ? ctx.err(text) : ctx.out(text);
  };
  const from = logEnd(d, id);
  let records = d.logRecords(id);
  if (/^\d+$/.test(tail)) records = Number(tail) === 0 ? [] : records.slice(-Number(tail));
  for (const r of records) yield* emit(r);
  if (f.bool("follow")) yield* d.followLogs(id, from, true, emit);
  return 0;
}
