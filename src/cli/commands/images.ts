/** docker images / docker image ls. */
import type { Kernel } from "../../kernel";
import { familiarString, parseImageRef } from "../../engine/images/refs";
import { goPathMatch } from "../../engine/reference";
import { imageConfig, imageCreated, imagesByCreated, isDangling } from "../../engine/images/inspect";
import type { ImageRecord } from "../../engine/state";
import { formatRows } from "../format";
import { formatGoTime, SECOND, timeAgo } from "../timefmt";
import { humanSize, humanSizeWithPrecision } from "../units";
import { EngineError } from "../../engine/client";
import { CliError, type CommandHandler } from "./lib/context";
import { boolFilter, type Filters, matchLabels, parseFilters, timestampFilter } from "./lib/images-filters";

const HEADER = {
  Repository: "REPOSITORY",
  Tag: "TAG",
  Digest: "DIGEST",
  ID: "IMAGE ID",
  CreatedSince: "CREATED",
  CreatedAt: "CREATED AT",
  Size: "SIZE",
  Containers: "CONTAINERS",
  VirtualSize: "VIRTUAL SIZE",
  SharedSize: "SHARED SIZE",
  UniqueSize: "UNIQUE SIZE",
};

const DEFAULT_FORMAT = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
const DIGEST_FORMAT = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

/** FamiliarMatch: the pattern against "name:tag", then against the name alone. */
function familiarMatch(pattern: string, ref: string): boolean {
  const parsed = parseImageRef(ref);
  if (!parsed.ok) return false;
  const f = familiarString(parsed.ref);
  return goPathMatch(pattern, f.full).matched || goPathMatch(pattern, f.name).matched;
}

/** The daemon's filtering: images kept, with RepoTags narrowed to the matching references. */
function listImages(k: Kernel, f: Filters, all: boolean): ImageRecord[] {
  const dangling = boolFilter(f, "dangling");
  const refs = f.get("reference");
  const byRef = (s: string) => {
    const parsed = parseImageRef(s);
    const name = parsed.ok ? familiarString({ ...parsed.ref, tag: parsed.ref.tag ?? "latest" }).full : s;
    const img = imagesByCreated(k).find((i) => i.repoTags.includes(name) || i.id === s || i.id.slice(7).startsWith(s));
    if (!img) throw new EngineError(`No such image: ${s}`, 404);
    return img;
  };
  const before = f.get("before")?.map(byRef);
  const since = f.get("since")?.map(byRef);
  const untilValue = f.get("until")?.at(-1);
  const until = untilValue === undefined ? undefined : timestampFilter(untilValue, k.now() / 1e6);
  const out: ImageRecord[] = [];
  for (const img of imagesByCreated(k)) {
    if (dangling !== undefined && isDangling(img) !== dangling) continue;
    if (!matchLabels(imageConfig(img).config?.Labels as Record<string, string> | undefined, f.get("label"))) continue;
    const created = imageCreated(img).sec;
    if (before?.some((b) => created >= imageCreated(b).sec)) continue;
    if (since?.some((s) => created <= imageCreated(s).sec)) continue;
    let view = img;
    if (refs) {
      const tags = img.repoTags.filter((t) => refs.some((p) => familiarMatch(p, t)));
      const digests = img.repoDigests.filter((t) => refs.some((p) => familiarMatch(p, t)));
      if (tags.length === 0 && digests.length === 0) continue;
      view = { ...img, repoTags: tags, repoDigests: digests };
    }
    if (until !== undefined && created >= until) continue;
    void all;
    out.push(view);
  }
  return out;
}

interface Row {
  repo: string;
  tag: string;
  digest: string;
  img: ImageRecord;
}

/** cli/command/formatter/image.go: a row per tag (and per digest with --digests). */
function rowsOf(img: ImageRecord, digests: boolean): Row[] {
  if (isDangling(img)) return [{ repo: "<none>", tag: "<none>", digest: "<none>", img }];
  const repoTags = new Map<string, string[]>();
  const repoDigests = new Map<string, string[]>();
  for (const t of [...img.repoTags].sort()) {
    const i = t.lastIndexOf(":");
    const repo = t.slice(0, i);
    repoTags.set(repo, [...(repoTags.get(repo) ?? []), t.slice(i + 1)]);
  }
  for (const d of [...img.repoDigests].sort()) {
    const i = d.indexOf("@");
    const repo = d.slice(0, i);
    repoDigests.set(repo, [...(repoDigests.get(repo) ?? []), d.slice(i + 1)]);
  }
  const rows: Row[] = [];
  for (const [repo, tags] of repoTags) {
    const ds = digests ? (repoDigests.get(repo) ?? []) : [];
    repoDigests.delete(repo);
    for (const tag of tags) {
      if (ds.length === 0) rows.push({ repo, tag, digest: "<none>", img });
      else for (const d of ds) rows.push({ repo, tag, digest: d, img });
    }
  }
  for (const [repo, ds] of repoDigests) {
    if (digests) for (const d of ds) rows.push({ repo, tag: "<none>", digest: d, img });
    else rows.push({ repo, tag: "<none>", digest: "", img });
  }
  return rows;
}

export const images: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const f = parseFilters(ctx.flags.all("filter"), ["before", "dangling", "label", "reference", "since", "until"]);
  if (ctx.args.length > 0) f.set("reference", [...(f.get("reference") ?? []), ctx.args[0]]);
  const noTrunc = ctx.flags.bool("no-trunc");
  const digests = ctx.flags.bool("digests");
  const quiet = ctx.flags.bool("quiet");
  const now = d.k.now() * 1000;
  const list = listImages(d.k, f, ctx.flags.bool("all"));
  const rows = list.flatMap((img) => rowsOf(img, digests));
  const data = rows.map((r) => {
    const created = imageCreated(r.img);
    const id = noTrunc ? r.img.id : r.img.id.slice(7, 19);
    return {
      Containers: "N/A",
      CreatedAt: formatGoTime(created.sec),
      CreatedSince: created.sec === 0 ? "" : timeAgo(now - created.sec * SECOND),
      Digest: r.digest,
      ID: id,
      Repository: r.repo,
      SharedSize: "N/A",
      Size: humanSizeWithPrecision(r.img.size, 3),
      Tag: r.tag,
      UniqueSize: "N/A",
      VirtualSize: humanSize(r.img.size),
    };
  });
  let format = ctx.flags.string("format");
  if (quiet) format = "{{.ID}}";
  else if (format === "" || format === "table") format = digests ? DIGEST_FORMAT : DEFAULT_FORMAT;
  const r = formatRows(format, data, HEADER);
  if (!r.ok) throw new CliError(r.error);
  yield* ctx.out(r.output);
  return 0;
};
