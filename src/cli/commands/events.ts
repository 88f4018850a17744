/**
 * docker events / docker system events: past events from --since, then new ones as they happen,
 * until --until passes or the user interrupts.
 */
import { engineState, type EngineEvent } from "../../engine/state";
import { formatRows } from "../format";
import { formatRFC3339Nano } from "../timefmt";
import { CliError, type CommandHandler } from "./lib/context";
import { parseFilters, timestampFilter } from "./lib/images-filters";

/** RFC3339NanoFixed: nine fraction digits always. */
function fixedNano(timeNano: number): string {
  const sec = Math.floor(timeNano / 1e9);
  const nsec = timeNano - sec * 1e9;
  return formatRFC3339Nano(sec, 0).replace(/Z$/, `.${String(nsec).padStart(9, "0")}Z`);
}

function pretty(e: EngineEvent): string {
  const keys = Object.keys(e.attributes).sort();
  const attrs = keys.length > 0 ? ` (${keys.map((k) => `${k}=${e.attributes[k]}`).join(", ")})` : "";
  return `${fixedNano(e.timeNano)} ${e.type} ${e.action} ${e.id}${attrs}\n`;
}

export const events: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const k = d.k;
  const f = parseFilters(ctx.flags.all("filter"), ["container", "daemon", "event", "image", "label", "network", "node", "plugin", "scope", "secret", "service", "type", "volume", "config"]);
  const nowSec = k.now() / 1e6;
  const since = ctx.flags.changed("since") ? timestampFilter(ctx.flags.string("since"), nowSec) : undefined;
  const until = ctx.flags.changed("until") ? timestampFilter(ctx.flags.string("until"), nowSec) : undefined;
  const format = ctx.flags.string("format");
  const match = (e: EngineEvent) => {
    const any = (key: string, test: (v: string) => boolean) => !f.get(key) || f.get(key)!.some(test);
    const name = e.attributes.name ?? "";
    return (
      any("type", (v) => v === e.type) &&
      any("event", (v) => v === e.action || e.action.startsWith(`${v}:`)) &&
      any("container", (v) => e.type === "container" && (e.id.startsWith(v) || name === v)) &&
      any("image", (v) => e.attributes.image === v || (e.type === "image" && (name === v || e.id === v))) &&
      any("network", (v) => e.type === "network" && (e.id.startsWith(v) || name === v)) &&
      any("volume", (v) => e.type === "volume" && e.id === v) &&
      any("label", (v) => {
        const i = v.indexOf("=");
        return i < 0 ? v in e.attributes : e.attributes[v.slice(0, i)] === v.slice(i + 1);
      })
    );
  };
  const render = (e: EngineEvent): string => {
    if (format === "") return pretty(e);
    const r = formatRows(format, [{ Type: e.type, Action: e.action, Actor: { ID: e.id, Attributes: e.attributes }, Status: e.action, ID: e.id, From: e.attributes.image ?? "", Scope: "local", Time: e.time, TimeNano: e.timeNano }], {});
    if (!r.ok) throw new CliError(r.error);
    return r.output;
  };
  const st = () => engineState(k).events;
  // Past events only with --since; otherwise start from what happens next.
  let seen = since === undefined ? st().length : 0;
  for (;;) {
    const list = st();
    let out = "";
    for (const e of list.slice(Math.min(seen, list.length))) {
      if (since !== undefined && e.timeNano < since * 1e9) continue;
      if (until !== undefined && e.timeNano > until * 1e9) continue;
      if (match(e)) out += render(e);
    }
    seen = list.length;
    yield* ctx.out(out);
    if (until !== undefined && k.now() / 1e6 >= until) return 0;
    const wait = until !== undefined ? Math.ceil(until * 1e6 - k.now()) + k.uptime() : undefined;
    yield wait !== undefined ? { kind: "chan", chan: "docker:events", until: wait } : { kind: "chan", chan: "docker:events" };
  }
};
