/**
 * A container as `docker ps` sees it (the daemon's /containers/json summary) and as its --format
 * templates see it (formatter.ContainerContext).
 */
import { leftFirstNetwork } from "../../../engine/networks/first-network";
import type { DockerClient } from "../../../engine/client";
import type { ContainerRecord } from "../../../engine/state";
import { goMethod, goStruct } from "../../template";
import { containerStatus, formatGoTime, timeAgo } from "../../timefmt";
import { humanSizeWithPrecision } from "../../units";
import { firstRunes, runeCount } from "../../utf8";
import { type ApiPort, displayablePorts } from "./ports";
import { containerSizes } from "../../../engine/containers/changes";
import { containerNames } from "../../../engine/networks/links";

/** moby's list: Path then the arguments, those with a space in single quotes. */
export function commandLine(c: ContainerRecord): string {
  if (c.args.length === 0) return c.path;
  return `${c.path} ${c.args.map((a) => (a.includes(" ") ? `'${a}'` : a)).join(" ")}`;
}

/** formatter.Ellipsis: cut to `max` runes, the last one replaced by "…" (UTF-8). */
export function ellipsis(s: string, max: number): string {
  if (runeCount(s) <= max) return s;
  return `${firstRunes(s, max - 1)}\xe2\x80\xa6`;
}

/** Go's strconv.Quote for byte strings that are valid UTF-8 (non-printables escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const b = ch.charCodeAt(0);
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (b < 0x20 || b === 0x7f) out += `\\x${b.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Seconds and nanoseconds of an RFC 3339 timestamp ("2026-01-15T09:00:01.5Z"). */
export function parseTimestamp(s: string): [number, number] {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z$/.exec(s);
  if (!m) return [0, 0];
  const sec = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000;
  return [sec, Number((m[7] ?? "").padEnd(9, "0"))];
}

/** The STATUS text at uptime `now` (µs). */
export function statusText(c: ContainerRecord, now: number): string {
  const s = c.state;
  return containerStatus(
    {
      running: s.Running,
      paused: s.Paused,
      restarting: s.Restarting,
      dead: s.Dead,
      exitCode: s.ExitCode,
      startedAt: s.StartedAt.startsWith("0001") ? 0 : s.startedUptime * 1000,
      finishedAt: s.FinishedAt.startsWith("0001") ? 0 : s.finishedUptime * 1000,
      health: s.Health?.Status,
    },
    now * 1000,
  );
}

/** The ports the daemon lists for a running container: published ones (v4 and v6) and exposed ones. */
export function apiPorts(c: ContainerRecord): ApiPort[] {
  // Published through the first network: gone with it (network disconnect, first-network.ts).
  if (!c.state.Running || leftFirstNetwork(c)) return [];
  const out: ApiPort[] = [];
  const keys = new Set([...Object.keys(c.config.ExposedPorts ?? {}), ...Object.keys(c.hostConfig.PortBindings)]);
  for (const key of keys) {
    const [port, type] = key.split("/");
    const bindings = c.hostConfig.PortBindings[key] ?? [];
    if (bindings.length === 0 || c.hostConfig.NetworkMode === "host" || c.hostConfig.NetworkMode === "none") {
      if (c.hostConfig.NetworkMode !== "host") out.push({ PrivatePort: Number(port), Type: type });
      continue;
    }
    for (const b of bindings) {
      for (const ip of b.HostIp === "" ? ["0.0.0.0", "::"] : [b.HostIp]) out.push({ IP: ip, PrivatePort: Number(port), PublicPort: Number(b.HostPort), Type: type });
    }
  }
  return out;
}

/** The image as ps shows it: the name used, or the short id once that name means another image. */
export function imageDisplay(d: DockerClient, c: ContainerRecord): string {
  const img = d.findImage(c.config.Image);
  if (img && img.id === c.imageId) return c.config.Image;
  return c.imageId.slice(7, 19);
}

/** formatter.ContainerContext as a Go value for templates; `trunc` unless --no-trunc. */
export function containerContext(d: DockerClient, c: ContainerRecord, now: { uptime: number }, trunc: boolean, size: boolean) {
  const labels = c.config.Labels ?? {};
  const [sec] = parseTimestamp(c.created);
  const sizes = size ? containerSizes(d.k, c) : { rw: 0, rootFs: 0 };
  // Link names ("p1/db") are other names of the container: shown only with --no-trunc.
  const allNames = containerNames(d.k, c).map((n) => n.slice(1));
  const names = trunc ? (allNames.find((n) => !n.includes("/")) ?? "") : allNames.join(",");
  // The networks it is on: none once disconnected from the one it was created on (first-network.ts).
  const networks = leftFirstNetwork(c) ? "" : c.hostConfig.NetworkMode === "default" ? "bridge" : c.hostConfig.NetworkMode;
  const command = trunc ? ellipsis(commandLine(c), 20) : commandLine(c);
  const image = imageDisplay(d, c);
  const mounts = c.mounts.map((m) => (m.Type === "volume" ? (m.Name ?? "") : m.Source)).map((n) => (trunc ? ellipsis(n, 15) : n));
  return goStruct("*formatter.ContainerContext", {
    Command: goQuote(command),
    CreatedAt: formatGoTime(sec),
    ID: trunc ? c.id.slice(0, 12) : c.id,
    Image: image,
    Labels: Object.keys(labels)
      .sort()
      .map((k) => `${k}=${labels[k]}`)
      .join(","),
    LocalVolumes: String(c.mounts.filter((m) => m.Type === "volume").length),
    Mounts: mounts.join(","),
    Names: names,
    Networks: networks,
    Platform: null,
    Ports: displayablePorts(apiPorts(c)),
    RunningFor: timeAgo((now.uptime - c.createdUptime) * 1000),
    Size: sizes.rootFs > 0 ? `${humanSizeWithPrecision(sizes.rw, 3)} (virtual ${humanSizeWithPrecision(sizes.rootFs, 3)})` : humanSizeWithPrecision(sizes.rw, 3),
    State: c.state.Status,
    Status: statusText(c, now.uptime),
    Label: goMethod(["string"], (name) => labels[name as string] ?? ""),
  });
}

export const CONTAINER_HEADERS: Record<string, string> = {
  ID: "CONTAINER ID",
  Image: "IMAGE",
  Command: "COMMAND",
  CreatedAt: "CREATED AT",
  RunningFor: "CREATED",
  Ports: "PORTS",
  State: "STATE",
  Status: "STATUS",
  Size: "SIZE",
  Names: "NAMES",
  Labels: "LABELS",
  Label: "LABEL",
  Mounts: "MOUNTS",
  LocalVolumes: "LOCAL VOLUMES",
  Networks: "NETWORKS",
  Platform: "PLATFORM",
};
