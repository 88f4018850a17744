/**
 * The Go types the docker client decodes `docker inspect` JSON into (container.InspectResponse of
 * API 1.50), as far as --format sees them: struct fields go by their Go names (DNS, not the JSON
 * "Dns": those only the raw-map fallback finds), a nil slice prints "[]", a nil map "map[]", a nil
 * pointer "<nil>", and a field the JSON left out (omitempty) holds its zero value.
 */
import { GoNil, goNilMap, goNilSlice, goSlice, goStruct, withJSONForm } from "../../template";
import { goValue } from "./images";

/** A field's type: a scalar, []T, map, *Struct, Struct, or "any" (converted as before: goValue). */
type FieldType = "string" | "int" | "bool" | "any" | `[]${string}` | `map:${string}` | `*${string}` | `struct:${string}`;

/** [Go name, JSON name (when it differs), type]. */
type Field = [string, FieldType] | [string, string, FieldType];

/** Struct schemas by name; fields in Go order (the order %v prints them). */
const STRUCTS: Record<string, { type: string; fields: Field[] }> = {
  InspectResponse: {
    type: "container.InspectResponse",
    fields: [
      ["ID", "Id", "string"],
      ["Created", "string"],
      ["Path", "string"],
      ["Args", "[]string"],
      ["State", "*State"],
      ["Image", "string"],
      ["ResolvConfPath", "string"],
      ["HostnamePath", "string"],
      ["HostsPath", "string"],
      ["LogPath", "string"],
      ["Name", "string"],
      ["RestartCount", "int"],
      ["Driver", "string"],
      ["Platform", "string"],
      ["MountLabel", "string"],
      ["ProcessLabel", "string"],
      ["AppArmorProfile", "string"],
      ["ExecIDs", "[]string"],
      ["HostConfig", "*HostConfig"],
      ["GraphDriver", "any"],
      ["SizeRw", "*int64"],
      ["SizeRootFs", "*int64"],
      ["Mounts", "[]any"],
      ["Config", "*Config"],
      ["NetworkSettings", "*NetworkSettings"],
      ["ImageManifestDescriptor", "*ocispec.Descriptor"],
    ],
  },
  State: {
    type: "*container.State",
    fields: [
      ["Status", "string"],
      ["Running", "bool"],
      ["Paused", "bool"],
      ["Restarting", "bool"],
      ["OOMKilled", "bool"],
      ["Dead", "bool"],
      ["Pid", "int"],
      ["ExitCode", "int"],
      ["Error", "string"],
      ["StartedAt", "string"],
      ["FinishedAt", "string"],
      ["Health", "*Health"],
    ],
  },
  Health: {
    type: "*container.Health",
    fields: [
      ["Status", "string"],
      ["FailingStreak", "int"],
      ["Log", "[]any"],
    ],
  },
  Config: {
    type: "*container.Config",
    fields: [
      ["Hostname", "string"],
      ["Domainname", "string"],
      ["User", "string"],
      ["AttachStdin", "bool"],
      ["AttachStdout", "bool"],
      ["AttachStderr", "bool"],
      ["ExposedPorts", "map:nat.PortSet"],
      ["Tty", "bool"],
      ["OpenStdin", "bool"],
      ["StdinOnce", "bool"],
      ["Env", "[]string"],
      ["Cmd", "[]string"],
      ["Healthcheck", "*HealthConfig"],
      ["ArgsEscaped", "bool"],
      ["Image", "string"],
      ["Volumes", "map:map[string]struct {}"],
      ["WorkingDir", "string"],
      ["Entrypoint", "[]string"],
      ["NetworkDisabled", "bool"],
      ["MacAddress", "string"],
      ["OnBuild", "[]string"],
      ["Labels", "map:map[string]string"],
      ["StopSignal", "string"],
      ["StopTimeout", "*int"],
      ["Shell", "[]string"],
    ],
  },
  HealthConfig: {
    type: "*container.HealthConfig",
    fields: [
      ["Test", "[]string"],
      ["Interval", "int"],
      ["Timeout", "int"],
      ["StartPeriod", "int"],
      ["StartInterval", "int"],
      ["Retries", "int"],
    ],
  },
  HostConfig: {
    type: "*container.HostConfig",
    fields: [
      ["Binds", "[]string"],
      ["ContainerIDFile", "string"],
      ["LogConfig", "struct:LogConfig"],
      ["NetworkMode", "string"],
      ["PortBindings", "map:nat.PortMap"],
      ["RestartPolicy", "any"],
      ["AutoRemove", "bool"],
      ["VolumeDriver", "string"],
      ["VolumesFrom", "[]string"],
      ["ConsoleSize", "any"],
      ["Annotations", "map:map[string]string"],
      ["CapAdd", "[]string"],
      ["CapDrop", "[]string"],
      ["CgroupnsMode", "string"],
      ["DNS", "Dns", "[]string"],
      ["DNSOptions", "DnsOptions", "[]string"],
      ["DNSSearch", "DnsSearch", "[]string"],
      ["ExtraHosts", "[]string"],
      ["GroupAdd", "[]string"],
      ["IpcMode", "string"],
      ["Cgroup", "string"],
      ["Links", "[]string"],
      ["OomScoreAdj", "int"],
      ["PidMode", "string"],
      ["Privileged", "bool"],
      ["PublishAllPorts", "bool"],
      ["ReadonlyRootfs", "bool"],
      ["SecurityOpt", "[]string"],
      ["StorageOpt", "map:map[string]string"],
      ["Tmpfs", "map:map[string]string"],
      ["UTSMode", "string"],
      ["UsernsMode", "string"],
      ["ShmSize", "int"],
      ["Sysctls", "map:map[string]string"],
      ["Runtime", "string"],
      ["Isolation", "string"],
      // Resources, embedded: its fields are the HostConfig's.
      ["CPUShares", "CpuShares", "int"],
      ["Memory", "int"],
      ["NanoCPUs", "NanoCpus", "int"],
      ["CgroupParent", "string"],
      ["BlkioWeight", "int"],
      ["BlkioWeightDevice", "[]*blkiodev.WeightDevice"],
      ["BlkioDeviceReadBps", "[]*blkiodev.ThrottleDevice"],
      ["BlkioDeviceWriteBps", "[]*blkiodev.ThrottleDevice"],
      ["BlkioDeviceReadIOps", "[]*blkiodev.ThrottleDevice"],
      ["BlkioDeviceWriteIOps", "[]*blkiodev.ThrottleDevice"],
      ["CPUPeriod", "CpuPeriod", "int"],
      ["CPUQuota", "CpuQuota", "int"],
      ["CPURealtimePeriod", "CpuRealtimePeriod", "int"],
      ["CPURealtimeRuntime", "CpuRealtimeRuntime", "int"],
      ["CpusetCpus", "string"],
      ["CpusetMems", "string"],
      ["Devices", "[]container.DeviceMapping"],
      ["DeviceCgroupRules", "[]string"],
      ["DeviceRequests", "[]container.DeviceRequest"],
      ["KernelMemoryTCP", "int"],
      ["MemoryReservation", "int"],
      ["MemorySwap", "int"],
      ["MemorySwappiness", "*int64"],
      ["OomKillDisable", "*bool"],
      ["PidsLimit", "*int64"],
      ["Ulimits", "[]*container.Ulimit"],
      ["CPUCount", "CpuCount", "int"],
      ["CPUPercent", "CpuPercent", "int"],
      ["IOMaximumIOps", "int"],
      ["IOMaximumBandwidth", "int"],
      ["Mounts", "[]mount.Mount"],
      ["MaskedPaths", "[]string"],
      ["ReadonlyPaths", "[]string"],
      ["Init", "*bool"],
    ],
  },
  LogConfig: {
    type: "container.LogConfig",
    fields: [
      ["Type", "string"],
      ["Config", "map:map[string]string"],
    ],
  },
  NetworkSettings: {
    type: "*container.NetworkSettings",
    fields: [
      ["Bridge", "string"],
      ["SandboxID", "string"],
      ["HairpinMode", "bool"],
      ["LinkLocalIPv6Address", "string"],
      ["LinkLocalIPv6PrefixLen", "int"],
      ["Ports", "map:nat.PortMap"],
      ["SandboxKey", "string"],
      ["SecondaryIPAddresses", "[]network.Address"],
      ["SecondaryIPv6Addresses", "[]network.Address"],
      ["EndpointID", "string"],
      ["Gateway", "string"],
      ["GlobalIPv6Address", "string"],
      ["GlobalIPv6PrefixLen", "int"],
      ["IPAddress", "string"],
      ["IPPrefixLen", "int"],
      ["IPv6Gateway", "string"],
      ["MacAddress", "string"],
      ["Networks", "map:*EndpointSettings"],
    ],
  },
  EndpointIPAMConfig: {
    type: "*network.EndpointIPAMConfig",
    fields: [
      ["IPv4Address", "string"],
      ["IPv6Address", "string"],
      ["LinkLocalIPs", "[]string"],
    ],
  },
  EndpointSettings: {
    type: "*network.EndpointSettings",
    fields: [
      ["IPAMConfig", "*EndpointIPAMConfig"],
      ["Links", "[]string"],
      ["Aliases", "[]string"],
      ["MacAddress", "string"],
      ["DriverOpts", "map:map[string]string"],
      ["GwPriority", "int"],
      ["NetworkID", "string"],
      ["EndpointID", "string"],
      ["Gateway", "string"],
      ["IPAddress", "string"],
      ["IPPrefixLen", "int"],
      ["IPv6Gateway", "string"],
      ["GlobalIPv6Address", "string"],
      ["GlobalIPv6PrefixLen", "int"],
      ["DNSNames", "[]string"],
    ],
  },
};

/** Converts `v` (a JSON value, undefined when the field was left out) to the template value of `type`. */
function typed(type: FieldType, v: unknown, mapKeys: ReadonlySet<string>): unknown {
  if (type === "any") return v === undefined ? null : goValue(v, mapKeys);
  if (type === "string") return v ?? "";
  if (type === "int") return v ?? 0;
  if (type === "bool") return v ?? false;
  if (type.startsWith("[]")) {
    const elem = type.slice(2);
    if (v === null || v === undefined) return goNilSlice(elem === "any" ? "interface {}" : elem);
    return goSlice(
      elem === "any" ? "interface {}" : elem,
      (v as unknown[]).map((e) => goValue(e, mapKeys)),
    );
  }
  if (type.startsWith("map:")) {
    if (v === null || v === undefined) return goNilMap();
    const elem = type.slice(4);
    const entries = Object.entries(v as Record<string, unknown>);
    if (elem.startsWith("*") && STRUCTS[elem.slice(1)]) return Object.fromEntries(entries.map(([k, e]) => [k, typed(elem as FieldType, e, mapKeys)]));
    return goValue(v, mapKeys, true);
  }
  const pointer = type.startsWith("*");
  const name = pointer ? type.slice(1) : type.slice("struct:".length);
  const schema = STRUCTS[name];
  if (v === null || v === undefined) {
    if (pointer) return new GoNil(schema ? schema.type : type);
    v = {};
  }
  if (!schema) return goValue(v, mapKeys);
  return structValue(schema, v as Record<string, unknown>, mapKeys);
}

function structValue(schema: { type: string; fields: Field[] }, json: Record<string, unknown>, mapKeys: ReadonlySet<string>) {
  const fields: Record<string, unknown> = {};
  for (const f of schema.fields) {
    const [goName, jsonName, type] = f.length === 3 ? f : [f[0], f[0], f[1]];
    fields[goName] = typed(type, json[jsonName], mapKeys);
  }
  return withJSONForm(goStruct(schema.type, fields), () => goValue(json, mapKeys));
}

/** The typed value a --format template runs over first, for a container's inspect JSON. */
export function typedContainer(json: Record<string, unknown>, mapKeys: ReadonlySet<string>): unknown {
  return structValue(STRUCTS.InspectResponse, json, mapKeys);
}

/** Whether an inspect object is a container's (docker inspect mixes containers and images). */
export function isContainerJSON(o: Record<string, unknown>): boolean {
  return "State" in o && "HostConfig" in o;
}
