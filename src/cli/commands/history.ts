/** docker history / docker image history. */
import { EngineError } from "../../engine/client";
import { imageHistory } from "../../engine/images/inspect";
import { formatRows } from "../format";
import { formatRFC3339Nano, SECOND, timeAgo } from "../timefmt";
import { humanSizeWithPrecision } from "../units";
import { CliError, type CommandHandler } from "./lib/context";

const DEFAULT_FORMAT = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";

/** formatter.Ellipsis: at most `max` characters, the last one "…" when cut. */
function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}

export const history: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const ref = ctx.args[0];
  const img = d.findImage(ref);
  if (!img) throw new EngineError(`No such image: ${ref}`, 404);
  const human = ctx.flags.bool("human");
  const trunc = !ctx.flags.bool("no-trunc");
  const now = d.k.now() * 1000;
  const rows = imageHistory(d.k, img).map((h) => {
    const createdAt = formatRFC3339Nano(h.created.sec);
    const createdBy = h.createdBy.replaceAll("\t", " ");
    return {
      ID: h.id !== "<missing>" && trunc ? h.id.slice(7, 19) : h.id,
      CreatedSince: human ? timeAgo(now - h.created.sec * SECOND) : createdAt,
      CreatedAt: createdAt,
      CreatedBy: trunc ? ellipsis(createdBy, 45) : createdBy,
      Size: human ? humanSizeWithPrecision(h.size, 3) : String(h.size),
      Comment: h.comment,
    };
  });
  let format = ctx.flags.string("format");
  if (ctx.flags.bool("quiet")) format = "{{.ID}}";
  else if (format === "" || format === "table") format = DEFAULT_FORMAT;
  const header = { ID: "IMAGE", CreatedSince: human ? "CREATED" : "CREATED AT", CreatedAt: "CREATED AT", CreatedBy: "CREATED BY", Size: "SIZE", Comment: "COMMENT" };
  const r = formatRows(format, rows, header);
  if (!r.ok) throw new CliError(r.error);
  yield* ctx.out(r.output);
  return 0;
};
