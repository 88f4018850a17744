/** docker volume create / ls / inspect / rm / prune (the local driver). */
import { EngineError } from "../../engine/client";
import { createVolume, findVolume, pruneVolumes, removeVolume, volumeInspect, volumeMountpoint, volumes, volumeUsers } from "../../engine/volumes/volumes";
import { formatRows } from "../format";
import { humanSize } from "../units";
import { CliError, type CommandHandler } from "./lib/context";
import { confirm, goValue, inspectOutput } from "./lib/images";
import { boolFilter, matchLabels, parseFilters } from "./lib/images-filters";

/** KEY=VALUE list flags (--label, --opt). */
function keyValues(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf("=");
    if (i < 0) out[v] = "";
    else out[v.slice(0, i)] = v.slice(i + 1);
  }
  return out;
}

export const volumeCreate: CommandHandler = function* (ctx) {
  const name = ctx.args[0];
  const d = ctx.client();
  const vol = createVolume(d.k, {
    name,
    driver: ctx.flags.string("driver"),
    labels: keyValues(ctx.flags.all("label")),
    options: keyValues(ctx.flags.all("opt")),
  });
  yield* ctx.out(`${vol.name}\n`);
  return 0;
};

export const volumeLs: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const f = parseFilters(ctx.flags.all("filter"), ["dangling", "driver", "label", "name"]);
  const dangling = boolFilter(f, "dangling");
  const rows = Object.values(volumes(d.k))
    .filter((v) => dangling === undefined || (volumeUsers(d.k, v.name).length === 0) === dangling)
    .filter(() => !f.get("driver") || f.get("driver")!.some((x) => "local".includes(x)))
    .filter((v) => !f.get("name") || f.get("name")!.some((x) => v.name.includes(x)))
    .filter((v) => matchLabels(v.labels, f.get("label")))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((v) => ({
      Driver: "local",
      Labels: Object.entries(v.labels)
        .map(([k, val]) => `${k}=${val}`)
        .join(","),
      Links: "N/A",
      Mountpoint: volumeMountpoint(v.name),
      Name: v.name,
      Scope: "local",
      Size: "N/A",
      Availability: "N/A",
      Group: "N/A",
      Status: "N/A",
    }));
  let format = ctx.flags.string("format");
  if (ctx.flags.bool("quiet")) format = "{{.Name}}";
  else if (format === "" || format === "table") format = "table {{.Driver}}\t{{.Name}}";
  const r = formatRows(format, rows, { Driver: "DRIVER", Name: "VOLUME NAME", Labels: "LABELS", Links: "LINKS", Mountpoint: "MOUNTPOINT", Scope: "SCOPE", Size: "SIZE" });
  if (!r.ok) throw new CliError(r.error);
  yield* ctx.out(r.output);
  return 0;
};

export const volumeInspectCommand: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const found: unknown[] = [];
  const errors: string[] = [];
  for (const name of ctx.args) {
    try {
      found.push(goValue(volumeInspect(findVolume(d.k, name)), new Set(["Labels", "Options"])));
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      errors.push(`Error response from daemon: ${e.message}`);
    }
  }
  yield* ctx.out(inspectOutput(found, ctx.flags.string("format")));
  if (errors.length === 0) return 0;
  yield* ctx.err(`${errors.join("\n")}\n`);
  return 1;
};

export const volumeRm: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const errors: string[] = [];
  for (const name of ctx.args) {
    try {
      removeVolume(d.k, name, ctx.flags.bool("force"));
      yield* ctx.out(`${name}\n`);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      errors.push(`Error response from daemon: ${e.message}`);
    }
  }
  if (errors.length === 0) return 0;
  yield* ctx.err(`${errors.join("\n")}\n`);
  return 1;
};

export const volumePrune: CommandHandler = function* (ctx) {
  const all = ctx.flags.bool("all");
  const f = parseFilters(ctx.flags.all("filter"), ["label", "label!", "all"]);
  const warning = all ? "WARNING! This will remove all local volumes not used by at least one container." : "WARNING! This will remove anonymous local volumes not used by at least one container.";
  if (!ctx.flags.bool("force") && !(yield* confirm(ctx, `${warning}\nAre you sure you want to continue?`))) return 0;
  const d = ctx.client();
  const labels = [
    ...(f.get("label") ?? []).map((l) => ({ key: l.split("=")[0], value: l.includes("=") ? l.slice(l.indexOf("=") + 1) : undefined, negate: false })),
    ...(f.get("label!") ?? []).map((l) => ({ key: l.split("=")[0], value: l.includes("=") ? l.slice(l.indexOf("=") + 1) : undefined, negate: true })),
  ];
  const { deleted, reclaimed } = pruneVolumes(d.k, { all: all || boolFilter(f, "all") === true, labels });
  let out = "";
  if (deleted.length > 0) out += `Deleted Volumes:\n${deleted.map((n) => `${n}\n`).join("")}\n`;
  out += `Total reclaimed space: ${humanSize(reclaimed)}\n`;
  yield* ctx.out(out);
  return 0;
};
