/** Published ports: docker's -p syntax (go-connections nat.ParsePortSpec) and the PORTS column. */

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

export interface PortMapping {
  /** "80/tcp" */
  port: string;
  hostIp: string;
  hostPort: string;
}

function splitRange(s: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a > 65535 || b > 65535 || b < a) return undefined;
  return [a, b];
}

/** nat.ParsePortSpec: [ip:][hostPort:]containerPort[/proto], ranges allowed. */
export function parsePortSpec(spec: string): { ok: true; mappings: PortMapping[] } | { ok: false; error: string } {
  let rest = spec;
  let proto = "tcp";
  const slash = rest.lastIndexOf("/");
  if (slash >= 0) {
    proto = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
  }
  let ip = "";
  let hostPort = "";
  let containerPort: string;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    ip = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(":");
  if (parts.length === 1) containerPort = parts[0];
  else if (parts.length === 2) [hostPort, containerPort] = parts;
  else if (parts.length === 3 && ip === "") [ip, hostPort, containerPort] = parts;
  else return { ok: false, error: `invalid port specification: "${spec}"` };
  if (ip !== "" && !/^(\d{1,3}\.){3}\d{1,3}$/.test(ip) && !ip.includes(":")) return { ok: false, error: `invalid IP address: ${ip}` };
  if (!["tcp", "udp", "sctp"].includes(proto)) return { ok: false, error: `invalid proto: ${proto}` };
  if (containerPort === "") return { ok: false, error: `no port specified: ${spec}<empty>` };
  const cr = splitRange(containerPort);
  if (!cr) return { ok: false, error: `invalid containerPort: ${containerPort}` };
  let hr: [number, number] | undefined;
  if (hostPort !== "") {
    hr = splitRange(hostPort);
    if (!hr) return { ok: false, error: `invalid hostPort: ${hostPort}` };
    if (hr[1] - hr[0] !== cr[1] - cr[0] && hr[0] !== hr[1])
      return { ok: false, error: `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}` };
  }
  const mappings: PortMapping[] = [];
  for (let p = cr[0]; p <= cr[1]; p++) {
    const hp = hr === undefined ? "" : hr[0] === hr[1] ? String(hr[0]) : String(hr[0] + (p - cr[0]));
    mappings.push({ port: `${p}/${proto}`, hostIp: ip, hostPort: hp });
  }
  return { ok: true, mappings };
}

export interface ApiPort {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

function comparePorts(i: ApiPort, j: ApiPort): number {
  if (i.PrivatePort !== j.PrivatePort) return i.PrivatePort - j.PrivatePort;
  if ((i.IP ?? "") !== (j.IP ?? "")) return (i.IP ?? "") < (j.IP ?? "") ? -1 : 1;
  if ((i.PublicPort ?? 0) !== (j.PublicPort ?? 0)) return (i.PublicPort ?? 0) - (j.PublicPort ?? 0);
  return i.Type < j.Type ? -1 : i.Type > j.Type ? 1 : 0;
}

function formGroup(key: string, first: number, last: number): string {
  const parts = key.split("/");
  const ip = parts.length > 1 ? parts[0] : "";
  const type = parts.length > 1 ? parts[1] : parts[0];
  let group = first === last ? String(first) : `${first}-${last}`;
  if (ip !== "") group = `${ip}:${group}->${group}`;
  return `${group}/${type}`;
}

/** net.JoinHostPort. */
const joinHostPort = (ip: string, port: number) => (ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`);

/**
 * The PORTS column of docker ps (formatter.DisplayablePorts): "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp",
 * unpublished ports as "80/tcp", consecutive ones grouped into ranges.
 */
export function displayablePorts(ports: ApiPort[]): string {
  const groups = new Map<string, { first: number; last: number }>();
  const result: string[] = [];
  const hostMappings: string[] = [];
  for (const port of [...ports].sort(comparePorts)) {
    const current = port.PrivatePort;
    let key = port.Type;
    if (port.IP) {
      if (port.PublicPort !== current) {
        hostMappings.push(`${joinHostPort(port.IP, port.PublicPort ?? 0)}->${port.PrivatePort}/${port.Type}`);
        continue;
      }
      key = `${port.IP}/${port.Type}`;
    }
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: current, last: current });
      continue;
    }
    if (current === g.last + 1) {
      g.last = current;
      continue;
    }
    result.push(formGroup(key, g.first, g.last));
    groups.set(key, { first: current, last: current });
  }
  for (const [key, g] of groups) result.push(formGroup(key, g.first, g.last));
  return [...result, ...hostMappings].join(", ");
}
