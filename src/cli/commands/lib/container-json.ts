/**
 * The daemon's container inspect object (types.ContainerJSON as a 28.x daemon on cgroup v2 fills
 * it), with Go's field order; maps (Labels, Ports, ...) marshal with sorted keys.
 */
import type { DockerClient } from "../../../engine/client";
import { DOCKER_ROOT } from "../../../engine/images/store";
import { readFile } from "../../../engine/hostfs";
import { type ContainerRecord, engineState } from "../../../engine/state";
import { sha256Hex } from "../../../engine/registry";
import { execInspect } from "../../../engine/containers/exec";
import { containerSizes } from "../../../engine/containers/changes";
import { type HealthState, healthcheckOf } from "../../../engine/containers/health";
import { leftFirstNetwork } from "../../../engine/networks/first-network";
import { connectedNetworks, firstNetworkIdentity } from "./endpoint-json";
import { endpointConfigOf } from "../../../engine/networks/endpoint-config";
import { hostConfigLinks } from "../../../engine/networks/links";
import { resourcesOf } from "../../../engine/containers/resources";
import { appArmorProfile } from "../../../engine/containers/security";

/** Keys whose values are Go maps (sorted keys, no struct semantics). */
export const CONTAINER_MAP_KEYS: ReadonlySet<string> = new Set(["Labels", "ExposedPorts", "Volumes", "PortBindings", "Ports", "Networks", "Data", "Tmpfs", "Sysctls", "StorageOpt", "Annotations"]);

const MASKED = [
  "/proc/asound",
  "/proc/acpi",
  "/proc/interrupts",
  "/proc/kcore",
  "/proc/keys",
  "/proc/latency_stats",
  "/proc/timer_list",
  "/proc/timer_stats",
  "/proc/sched_debug",
  "/proc/scsi",
  "/sys/firmware",
  "/sys/devices/virtual/powercap",
];
const READONLY = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

/** A stable 64-hex id derived from the container (sandbox and endpoint ids the daemon keeps). */
function derivedId(c: ContainerRecord, what: string): string {
  return sha256Hex(`${what}:${c.id}:${c.state.StartedAt}`);
}

function lowerDirs(d: DockerClient, c: ContainerRecord): string {
  const base = `${DOCKER_ROOT}/overlay2`;
  try {
    return readFile(d.k, `${base}/${c.rwCacheId}/lower`)
      .split(":")
      .map((l) => {
        const link = l.replace(/^l\//, "");
        const layer = Object.values(engineState(d.k).layers).find((x) => x.link === link);
        return layer ? `${base}/${layer.cacheId}/diff` : `${base}/${c.rwCacheId}-init/diff`;
      })
      .join(":");
  } catch {
    return "";
  }
}

function portMap(c: ContainerRecord): Record<string, Array<{ HostIp: string; HostPort: string }> | null> {
  const out: Record<string, Array<{ HostIp: string; HostPort: string }> | null> = {};
  if (!c.state.Running || leftFirstNetwork(c) || c.hostConfig.NetworkMode === "host" || c.hostConfig.NetworkMode === "none") return out;
  for (const key of Object.keys(c.config.ExposedPorts ?? {})) out[key] = null;
  for (const [key, bindings] of Object.entries(c.hostConfig.PortBindings))
    out[key] = bindings.flatMap((b) => (b.HostIp === "" ? [{ HostIp: "0.0.0.0", HostPort: b.HostPort }, { HostIp: "::", HostPort: b.HostPort }] : [b]));
  return out;
}

function networkSettings(d: DockerClient, c: ContainerRecord) {
  const running = c.state.Running && c.network !== null;
  const net = c.network;
  const mode = c.hostConfig.NetworkMode === "default" ? "bridge" : c.hostConfig.NetworkMode;
  const record = Object.values(engineState(d.k).networks).find((n) => n.name === mode);
  const onBridge = running && net !== null && net.ip !== "";
  const endpointId = onBridge ? derivedId(c, "endpoint") : "";
  const sandboxId = running ? derivedId(c, "sandbox") : "";
  // endpoint-json.ts: what --ip/--network-alias/--mac-address set, and connected networks.
  const identity = firstNetworkIdentity(c, mode !== "bridge" && mode !== "host" && mode !== "none", onBridge, onBridge ? net.mac : "");
  const endpoint = {
    IPAMConfig: identity.IPAMConfig,
    Links: endpointConfigOf(c)?.links ?? null, // --link on a user-defined network (links.ts)
    Aliases: identity.Aliases,
    MacAddress: identity.MacAddress,
    DriverOpts: null,
    GwPriority: 0,
    NetworkID: record?.id ?? "",
    EndpointID: endpointId,
    Gateway: onBridge ? net.gateway : "",
    IPAddress: onBridge ? net.ip : "",
    IPPrefixLen: onBridge ? net.prefix : 0,
    IPv6Gateway: "",
    GlobalIPv6Address: "",
    GlobalIPv6PrefixLen: 0,
    DNSNames: identity.DNSNames,
  };
  const networks = { ...(leftFirstNetwork(c) ? {} : { [mode]: endpoint }), ...connectedNetworks(d.k, c, mode) } as Record<string, Record<string, unknown>>;
  // getDefaultNetworkSettings: the legacy top-level fields are the "bridge" endpoint's, whichever
  // network the container was created on (a --network none container that joined it has them too).
  const legacy = networks.bridge ?? {};
  return {
    Bridge: "",
    SandboxID: sandboxId,
    SandboxKey: running ? `/var/run/docker/netns/${sandboxId.slice(0, 12)}` : "",
    Ports: portMap(c),
    HairpinMode: false,
    LinkLocalIPv6Address: "",
    LinkLocalIPv6PrefixLen: 0,
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: legacy.EndpointID ?? "",
    Gateway: legacy.Gateway ?? "",
    GlobalIPv6Address: legacy.GlobalIPv6Address ?? "",
    GlobalIPv6PrefixLen: legacy.GlobalIPv6PrefixLen ?? 0,
    IPAddress: legacy.IPAddress ?? "",
    IPPrefixLen: legacy.IPPrefixLen ?? 0,
    IPv6Gateway: legacy.IPv6Gateway ?? "",
    MacAddress: legacy.MacAddress ?? "",
    Networks: networks,
  };
}

function mounts(c: ContainerRecord) {
  return c.mounts
    .filter((m) => m.Type !== "tmpfs" || !(m.Destination in c.hostConfig.Tmpfs))
    .map((m) =>
      m.Type === "volume"
        ? { Type: "volume", Name: m.Name ?? "", Source: m.Source, Destination: m.Destination, Driver: "local", Mode: m.Mode, RW: m.RW, Propagation: m.Propagation }
        : { Type: m.Type, Source: m.Source, Destination: m.Destination, Mode: m.Mode, RW: m.RW, Propagation: m.Propagation },
    );
}

/** The inspect object of a container; `size` adds SizeRw/SizeRootFs (docker inspect -s). */
export function containerJSON(d: DockerClient, c: ContainerRecord, size = false): Record<string, unknown> {
  const dir = `${DOCKER_ROOT}/containers/${c.id}`;
  const h = c.hostConfig;
  const r = resourcesOf(h);
  const s = c.state;
  const execIds = Object.keys((engineState(d.k) as { execs?: Record<string, { container: string; running: boolean }> }).execs ?? {}).filter((id) => {
    const r = execInspect(d, id);
    return r?.container === c.id && r.running;
  });
  const overlay = `${DOCKER_ROOT}/overlay2/${c.rwCacheId}`;
  const sizes = size ? containerSizes(d.k, c) : undefined;
  const config: Record<string, unknown> = {
    Hostname: c.config.Hostname,
    Domainname: c.config.Domainname,
    User: c.config.User,
    AttachStdin: c.config.AttachStdin,
    AttachStdout: c.config.AttachStdout,
    AttachStderr: c.config.AttachStderr,
    ...(c.config.ExposedPorts ? { ExposedPorts: c.config.ExposedPorts } : {}),
    Tty: c.config.Tty,
    OpenStdin: c.config.OpenStdin,
    StdinOnce: c.config.StdinOnce,
    Env: c.config.Env,
    Cmd: c.config.Cmd,
    ...(healthcheckOf(c) ? { Healthcheck: healthcheckOf(c) } : {}),
    Image: c.config.Image,
    Volumes: c.config.Volumes,
    WorkingDir: c.config.WorkingDir,
    Entrypoint: c.config.Entrypoint,
    OnBuild: null,
    Labels: c.config.Labels ?? {},
    ...(c.config.StopSignal ? { StopSignal: c.config.StopSignal } : {}),
    ...(c.config.StopTimeout !== undefined ? { StopTimeout: c.config.StopTimeout } : {}),
  };
  return {
    Id: c.id,
    Created: c.created,
    Path: c.path,
    Args: c.args,
    State: {
      Status: s.Status,
      Running: s.Running,
      Paused: s.Paused,
      Restarting: s.Restarting,
      OOMKilled: s.OOMKilled,
      Dead: s.Dead,
      Pid: s.Pid,
      ExitCode: s.ExitCode,
      Error: s.Error,
      StartedAt: s.StartedAt,
      FinishedAt: s.FinishedAt,
      ...(s.Health ? { Health: { Status: s.Health.Status, FailingStreak: s.Health.FailingStreak, Log: (s.Health as HealthState).Log ?? [] } } : {}),
    },
    Image: c.imageId,
    ResolvConfPath: `${dir}/resolv.conf`,
    HostnamePath: `${dir}/hostname`,
    HostsPath: `${dir}/hosts`,
    LogPath: r.LogConfig.Type === "json-file" ? `${dir}/${c.id}-json.log` : "",
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: "overlay2",
    Platform: "linux",
    MountLabel: "",
    ProcessLabel: "",
    AppArmorProfile: appArmorProfile(h.SecurityOpt ?? null),
    ExecIDs: execIds.length > 0 ? execIds : null,
    HostConfig: {
      Binds: h.Binds,
      ContainerIDFile: "",
      LogConfig: r.LogConfig,
      NetworkMode: h.NetworkMode,
      PortBindings: h.PortBindings,
      RestartPolicy: h.RestartPolicy,
      AutoRemove: h.AutoRemove,
      VolumeDriver: "",
      VolumesFrom: h.VolumesFrom ?? null,
      ConsoleSize: [0, 0],
      CapAdd: h.CapAdd,
      CapDrop: h.CapDrop,
      CgroupnsMode: h.CgroupnsMode ?? "private",
      Dns: h.Dns,
      DnsOptions: h.DnsOptions ?? [],
      DnsSearch: h.DnsSearch ?? [],
      ExtraHosts: h.ExtraHosts ?? null,
      GroupAdd: r.GroupAdd,
      IpcMode: h.IpcMode,
      Cgroup: "",
      Links: hostConfigLinks(d.k, c), // --link on the default bridge (links.ts)
      OomScoreAdj: r.OomScoreAdj,
      PidMode: h.PidMode,
      Privileged: h.Privileged,
      PublishAllPorts: (h as { PublishAllPorts?: boolean }).PublishAllPorts ?? false,
      ReadonlyRootfs: h.ReadonlyRootfs,
      SecurityOpt: h.SecurityOpt ?? null,
      ...(Object.keys(r.StorageOpt).length > 0 ? { StorageOpt: r.StorageOpt } : {}),
      ...(Object.keys(h.Tmpfs).length > 0 ? { Tmpfs: h.Tmpfs } : {}),
      UTSMode: h.UTSMode,
      UsernsMode: h.UsernsMode ?? "",
      ShmSize: r.ShmSize,
      ...(Object.keys(r.Sysctls).length > 0 ? { Sysctls: r.Sysctls } : {}),
      Runtime: r.Runtime,
      Isolation: r.Isolation,
      CpuShares: h.CpuShares,
      Memory: h.Memory,
      NanoCpus: h.NanoCpus,
      CgroupParent: r.CgroupParent,
      BlkioWeight: r.BlkioWeight,
      BlkioWeightDevice: r.BlkioWeightDevice,
      BlkioDeviceReadBps: r.BlkioDeviceReadBps,
      BlkioDeviceWriteBps: r.BlkioDeviceWriteBps,
      BlkioDeviceReadIOps: r.BlkioDeviceReadIOps,
      BlkioDeviceWriteIOps: r.BlkioDeviceWriteIOps,
      CpuPeriod: r.CpuPeriod,
      CpuQuota: r.CpuQuota,
      CpuRealtimePeriod: r.CpuRealtimePeriod,
      CpuRealtimeRuntime: r.CpuRealtimeRuntime,
      CpusetCpus: r.CpusetCpus,
      CpusetMems: r.CpusetMems,
      Devices: r.Devices,
      DeviceCgroupRules: r.DeviceCgroupRules,
      DeviceRequests: r.DeviceRequests,
      MemoryReservation: r.MemoryReservation,
      MemorySwap: h.MemorySwap,
      MemorySwappiness: r.MemorySwappiness,
      OomKillDisable: r.OomKillDisable,
      PidsLimit: h.PidsLimit,
      Ulimits: r.Ulimits,
      CpuCount: 0,
      CpuPercent: 0,
      IOMaximumIOps: 0,
      IOMaximumBandwidth: 0,
      // --privileged: none; --security-opt systempaths=unconfined: empty lists.
      MaskedPaths: h.Privileged ? null : (h.MaskedPaths ?? MASKED),
      ReadonlyPaths: h.Privileged ? null : (h.ReadonlyPaths ?? READONLY),
      ...(h.Init !== null ? { Init: h.Init } : {}),
      ...(Object.keys(r.Annotations).length > 0 ? { Annotations: r.Annotations } : {}),
    },
    GraphDriver: {
      Data: {
        ID: c.id,
        LowerDir: lowerDirs(d, c),
        MergedDir: `${overlay}/merged`,
        UpperDir: `${overlay}/diff`,
        WorkDir: `${overlay}/work`,
      },
      Name: "overlay2",
    },
    ...(sizes ? { SizeRw: sizes.rw, SizeRootFs: sizes.rootFs } : {}),
    Mounts: mounts(c),
    Config: config,
    NetworkSettings: networkSettings(d, c),
  };
}
