/** docker search: the offline Docker Hub catalog. */
import { EngineError } from "../../engine/client";
import { catalog } from "../../engine/registry";
import { formatRows } from "../format";
import { CliError, type CommandHandler } from "./lib/context";
import { boolFilter, parseFilters } from "./lib/images-filters";

const ellipsis = (s: string, n: number) => ([...s].length <= n ? s : `${[...s].slice(0, n - 1).join("")}…`);

export const search: CommandHandler = function* (ctx) {
  const limit = ctx.flags.changed("limit") ? ctx.flags.int("limit") : 25;
  if (limit < 1 || limit > 100) throw new EngineError(`limit ${limit} is outside the range of [1, 100]`, 400);
  const f = parseFilters(ctx.flags.all("filter"), ["is-automated", "is-official", "stars"]);
  const official = boolFilter(f, "is-official");
  const automated = boolFilter(f, "is-automated");
  const stars = (f.get("stars") ?? []).map((s) => {
    if (!/^\d+$/.test(s)) throw new EngineError(`invalid filter 'stars=${s}'`, 400);
    return Number(s);
  });
  ctx.client();
  const trunc = !ctx.flags.bool("no-trunc");
  const rows = catalog
    .search(ctx.args[0], 100)
    .filter((r) => official === undefined || r.official === official)
    .filter(() => automated !== true)
    .filter((r) => stars.every((s) => r.stars >= s))
    .slice(0, limit)
    .map((r) => {
      const desc = r.description.replaceAll("\n", " ").replaceAll("\r", " ");
      return { Name: r.name, Description: trunc ? ellipsis(desc, 45) : desc, StarCount: String(r.stars), IsOfficial: r.official ? "[OK]" : "", IsAutomated: "" };
    });
  let format = ctx.flags.string("format");
  if (format === "" || format === "table") format = "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}";
  const r = formatRows(format, rows, { Name: "NAME", Description: "DESCRIPTION", StarCount: "STARS", IsOfficial: "OFFICIAL", IsAutomated: "AUTOMATED" });
  if (!r.ok) throw new CliError(r.error);
  yield* ctx.out(r.output);
  return 0;
};
