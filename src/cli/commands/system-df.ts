/** docker system df (-v): disk usage of images, containers, local volumes and the build cache. */
import { containerSizeRw, imageUsage, layersSize, reclaimableImageBytes, volumeUsage } from "../../engine/system/df";
import { imageCreated } from "../../engine/images/inspect";
import { formatRows } from "../format";
import { containerStatus, SECOND, timeAgo } from "../timefmt";
import { humanSize, humanSizeWithPrecision } from "../units";
import { CliError, type CommandHandler } from "./lib/context";

function reclaimable(bytes: number, total: number): string {
  return total > 0 ? `${humanSize(bytes)} (${Math.trunc((bytes * 100) / total)}%)` : humanSize(bytes);
}

const ellipsis = (s: string, n: number) => ([...s].length <= n ? s : `${[...s].slice(0, n - 1).join("")}…`);

export const systemDf: CommandHandler = function* (ctx) {
  const d = ctx.client();
  const k = d.k;
  const containers = d.containerList(true);
  const sizes = new Map(containers.map((c) => [c.id, containerSizeRw(k, c)]));
  const images = imageUsage(k);
  const vols = volumeUsage(k);
  const imgTotal = layersSize(k);
  const cTotal = [...sizes.values()].reduce((a, b) => a + b, 0);
  const cReclaim = containers.filter((c) => !c.state.Running).reduce((n, c) => n + (sizes.get(c.id) ?? 0), 0);
  const vTotal = vols.reduce((n, v) => n + v.size, 0);
  const vReclaim = vols.filter((v) => v.links === 0).reduce((n, v) => n + v.size, 0);
  if (!ctx.flags.bool("verbose")) {
    const rows = [
      { Type: "Images", TotalCount: String(images.length), Active: String(images.filter((i) => i.containers > 0).length), Size: humanSize(imgTotal), Reclaimable: reclaimable(reclaimableImageBytes(k), imgTotal) },
      { Type: "Containers", TotalCount: String(containers.length), Active: String(containers.filter((c) => c.state.Running).length), Size: humanSize(cTotal), Reclaimable: reclaimable(cReclaim, cTotal) },
      { Type: "Local Volumes", TotalCount: String(vols.length), Active: String(vols.filter((v) => v.links > 0).length), Size: humanSize(vTotal), Reclaimable: reclaimable(vReclaim, vTotal) },
      { Type: "Build Cache", TotalCount: "0", Active: "0", Size: "0B", Reclaimable: "0B" },
    ];
    let format = ctx.flags.string("format");
    if (format === "" || format === "table") format = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
    const r = formatRows(format, rows, { Type: "TYPE", TotalCount: "TOTAL", Active: "ACTIVE", Size: "SIZE", Reclaimable: "RECLAIMABLE" });
    if (!r.ok) throw new CliError(r.error);
    yield* ctx.out(r.output);
    return 0;
  }
  if (ctx.flags.string("format") !== "") throw new CliError("docker system df: --format with --verbose is not supported in this sandbox");
  const now = k.now() * 1000;
  const imageRows = images.flatMap((u) => {
    const created = imageCreated(u.img);
    const tags = u.img.repoTags.length > 0 ? [...u.img.repoTags].sort() : ["<none>:<none>"];
    return tags.map((t) => ({
      Repository: t.slice(0, t.lastIndexOf(":")),
      Tag: t.slice(t.lastIndexOf(":") + 1),
      ID: u.img.id.slice(7, 19),
      CreatedSince: timeAgo(now - created.sec * SECOND),
      Size: humanSizeWithPrecision(u.img.size, 3),
      SharedSize: humanSizeWithPrecision(u.shared, 3),
      UniqueSize: humanSize(u.img.size - u.shared),
      Containers: String(u.containers),
    }));
  });
  const containerRows = containers.map((c) => {
    const cmd = [c.path, ...c.args].join(" ");
    const startedAt = Date.parse(c.state.StartedAt) * 1e6;
    const finishedAt = Date.parse(c.state.FinishedAt) * 1e6;
    return {
      ID: c.id.slice(0, 12),
      Image: c.imageRef,
      Command: JSON.stringify(ellipsis(cmd, 20)),
      LocalVolumes: String(c.mounts.filter((m) => m.Type === "volume").length),
      Size: humanSizeWithPrecision(sizes.get(c.id) ?? 0, 3),
      RunningFor: timeAgo(now - Date.parse(c.created) * 1e6),
      Status:
        c.state.Status === "created"
          ? "Created"
          : containerStatus({ running: c.state.Running, paused: c.state.Paused, exitCode: c.state.ExitCode, startedAt: Math.max(startedAt, 0), finishedAt: Math.max(finishedAt, 0) }, now),
      Names: c.name,
    };
  });
  const volumeRows = vols.map((v) => ({ Name: v.name, Links: String(v.links), Size: humanSizeWithPrecision(v.size, 3) }));
  const table = (format: string, rows: unknown[], header: Record<string, string>) => {
    const r = formatRows(format, rows, header);
    if (!r.ok) throw new CliError(r.error);
    return r.output;
  };
  let out = "Images space usage:\n\n";
  out += table("table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}", imageRows, {
    Repository: "REPOSITORY",
    Tag: "TAG",
    ID: "IMAGE ID",
    CreatedSince: "CREATED",
    Size: "SIZE",
    SharedSize: "SHARED SIZE",
    UniqueSize: "UNIQUE SIZE",
    Containers: "CONTAINERS",
  });
  out += "\nContainers space usage:\n\n";
  out += table("table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}", containerRows, {
    ID: "CONTAINER ID",
    Image: "IMAGE",
    Command: "COMMAND",
    LocalVolumes: "LOCAL VOLUMES",
    Size: "SIZE",
    RunningFor: "CREATED",
    Status: "STATUS",
    Names: "NAMES",
  });
  out += "\nLocal Volumes space usage:\n\n";
  out += table("table {{.Name}}\t{{.Links}}\t{{.Size}}", volumeRows, { Name: "VOLUME NAME", Links: "LINKS", Size: "SIZE" });
  out += "\nBuild cache usage: 0B\n\n";
  out += table("table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}", [], {
    ID: "CACHE ID",
    CacheType: "CACHE TYPE",
    Size: "SIZE",
    CreatedSince: "CREATED",
    LastUsedSince: "LAST USED",
    UsageCount: "USAGE",
    Shared: "SHARED",
  });
  yield* ctx.out(out);
  return 0;
};
