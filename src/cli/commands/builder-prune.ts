/**
 * docker builder prune: the daemon's build cache. This sandbox builds no images, so the cache is
 * always empty; the prompt, the filter checks of the daemon (moby builder-next Prune: accepted
 * keys, one value each, until/unused-for as a duration or timestamp) and the report are the real ones.
 */
import { EngineError } from "../../engine/client";
import type { CommandHandler } from "./lib/context";
import { confirm } from "./lib/images";
import { timestampFilter } from "./lib/images-filters";

/** builder-next's cacheFields (each takes one value). */
const CACHE_FIELDS = ["id", "parent", "type", "description", "inuse", "shared", "private", "mutable", "immutable"];
/** What Prune accepts: the cache fields, the until filters, and label/label! (accepted, unused). */
const VALID_FILTERS = [...CACHE_FIELDS, "until", "unused-for", "label", "label!"];

/** Daemon-side checks of the filters; the messages are wrapped as PruneCache wraps them. */
function checkFilters(values: string[], nowSec: number) {
  const failed = (message: string) => new EngineError(`failed to prune build cache: ${message}`, 400);
  const byKey = new Map<string, string[]>();
  for (const v of values) {
    const i = v.indexOf("=");
    const key = v.slice(0, i).trim().toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), v.slice(i + 1).trim()]);
  }
  for (const key of byKey.keys()) if (!VALID_FILTERS.includes(key)) throw failed(`invalid filter '${key}'`);
  const until = byKey.get("until") ?? [];
  const unusedFor = byKey.get("unused-for") ?? [];
  if (until.length > 0 && unusedFor.length > 0) throw failed(`conflicting filters: "until" and "unused-for"`);
  const times = [...until, ...unusedFor];
  if (times.length > 1) throw failed("filters expect only one value");
  if (times.length === 1) {
    try {
      timestampFilter(times[0], nowSec);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      throw failed(`"${unusedFor.length > 0 ? "unused-for" : "until"}" filter expects a duration (e.g., '24h') or a timestamp: ${e.message}`);
    }
  }
  for (const key of CACHE_FIELDS) if ((byKey.get(key) ?? []).length > 1) throw failed("filters expect only one value");
}

export const builderPrune: CommandHandler = function* (ctx) {
  const warning = ctx.flags.bool("all")
    ? "WARNING! This will remove all build cache. Are you sure you want to continue?"
    : "WARNING! This will remove all dangling build cache. Are you sure you want to continue?";
  if (!ctx.flags.bool("force") && !(yield* confirm(ctx, warning))) return 0;
  const d = ctx.client();
  checkFilters(ctx.flags.all("filter"), d.k.now() / 1e6);
  // Nothing was ever built here: no cache record to delete.
  yield* ctx.out("Total reclaimed space: 0B\n");
  return 0;
};
