/**
 * Legacy container links (`docker run --link NAME[:ALIAS]`) on the default bridge, as dockerd
 * keeps them (daemon/links.go, daemon/links/links.go): a link is one more name of the child,
 * "/parent/alias"; when the parent starts, the child must be running, and the parent gets its
 * address in /etc/hosts and its ports and environment as ALIAS_* variables. On a user-defined
 * network a link is only a name the linking container's DNS resolves (see linkAliasTarget).
 */
import type { Kernel } from "../../kernel";
import { EngineError } from "../client";
import { readFile, writeFile } from "../hostfs";
import { DOCKER_ROOT } from "../images/store";
import { type ContainerRecord, engineState } from "../state";
import { endpointConfigOf, isUserDefinedName } from "./endpoint-config";

export interface ContainerLink {
  /** The link's name, "/parent/alias" (a name of the child while the parent exists). */
  name: string;
  childId: string;
  /** The child's name ("/db") when linked; a removed child is still named by it. */
  childName: string;
}

type WithLinks = ContainerRecord & { links?: ContainerLink[] };

/** opts.ParseLink: "name", "name:alias", or "/name:/parent/alias" as inspect shows links. */
export function parseLink(val: string): { name: string; alias: string } | { error: string } {
  if (val === "") return { error: "empty string specified for links" };
  const parts = val.split(":");
  if (parts.length > 2) return { error: `bad format for links: ${val}` };
  if (parts.length === 1) return { name: val, alias: val };
  if (parts[0].startsWith("/"))
    return { name: parts[0].slice(1), alias: parts[1].slice(parts[1].lastIndexOf("/") + 1) };
  return { name: parts[0], alias: parts[1] };
}

export function linksOf(c: ContainerRecord): ContainerLink[] {
  return (c as WithLinks).links ?? [];
}

function onDefaultBridge(c: ContainerRecord): boolean {
  return ["", "default", "bridge"].includes(c.hostConfig.NetworkMode);
}

/** path.Join of a container name and an alias ("/p" + "a" = "/p/a"; an empty alias adds nothing). */
function linkName(parent: string, alias: string): string {
  const parts = `/${parent}/${alias}`.split("/").filter((p) => p !== "" && p !== ".");
  const out: string[] = [];
  for (const p of parts)
    if (p === "..") out.pop();
    else out.push(p);
  return `/${out.join("/")}`;
}

/** runconfig.validateNetMode's checks of links (made when the request is read, before anything else). */
export function linksModeError(networkMode: string, links: readonly string[]): string | undefined {
  if (links.length === 0) return undefined;
  if (networkMode === "host")
    return "conflicting options: host type networking can't be used with links. This would result in undefined behavior";
  if (networkMode.startsWith("container:"))
    return "conflicting options: container type network can't be used with links. This would result in undefined behavior";
  return undefined;
}

/** The id a name is reserved for: a container's own name or a link name. */
function nameOwner(k: Kernel, name: string): string | undefined {
  for (const c of Object.values(engineState(k).containers)) {
    if (`/${c.name}` === name) return c.id;
    const link = linksOf(c).find((l) => l.name === name);
    if (link) return link.childId;
  }
  return undefined;
}

/**
 * daemon.registerLinks, at create: each link names a container (followed through
 * --network container:X); a link whose name is taken already is left out, as dockerd does.
 * `lookup` is the daemon's container lookup (id, name or link name).
 */
export function registerLinks(
  k: Kernel,
  c: ContainerRecord,
  links: readonly string[],
  lookup: (name: string) => ContainerRecord,
) {
  if (links.length === 0 || isUserDefinedName(c.hostConfig.NetworkMode)) return;
  const find = (name: string, what: string) => {
    if (name === "") throw new EngineError(`${what} ${name}: invalid name or ID supplied: ""`, 400);
    try {
      return lookup(name);
    } catch (e) {
      if (e instanceof EngineError) throw new EngineError(`${what} ${name}: ${e.message}`, 400);
      throw e;
    }
  };
  const registered: ContainerLink[] = [];
  for (const raw of links) {
    const parsed = parseLink(raw);
    if ("error" in parsed) throw new EngineError(parsed.error, 400);
    let child = find(parsed.name, "could not get container for");
    while (child.hostConfig.NetworkMode.startsWith("container:"))
      child = find(child.hostConfig.NetworkMode.slice(10), "Could not get container for");
    if (child.hostConfig.NetworkMode === "host") throw new EngineError(linksModeError("host", [raw])!, 400);
    const name = linkName(c.name, parsed.alias);
    const owner =
      name === `/${c.name}` ? c.id : (registered.find((l) => l.name === name)?.childId ?? nameOwner(k, name));
    if (owner !== undefined) continue;
    registered.push({ name, childId: child.id, childName: `/${child.name}` });
  }
  (c as WithLinks).links = registered;
}

/** The container a link name ("p1/database" or "/p1/database") stands for. */
export function linkedContainer(k: Kernel, name: string): ContainerRecord | undefined {
  const wanted = name.startsWith("/") ? name : `/${name}`;
  const st = engineState(k);
  for (const c of Object.values(st.containers)) {
    const link = linksOf(c).find((l) => l.name === wanted);
    if (link) return st.containers[link.childId];
  }
  return undefined;
}

/** The names the daemon lists for a container: its own and the links to it, sorted. */
export function containerNames(k: Kernel, c: ContainerRecord): string[] {
  const names = [`/${c.name}`];
  for (const parent of Object.values(engineState(k).containers))
    for (const l of linksOf(parent)) if (l.childId === c.id) names.push(l.name);
  return names.sort();
}

/** HostConfig.Links as inspect shows them ("/db:/p1/database"), null without links. */
export function hostConfigLinks(k: Kernel, c: ContainerRecord): string[] | null {
  const links = linksOf(c);
  if (links.length === 0) return null;
  const st = engineState(k);
  return links.map(
    (l) => `${st.containers[l.childId] ? `/${st.containers[l.childId].name}` : l.childName}:${l.name}`,
  );
}

function alias(l: ContainerLink): string {
  return l.name.slice(l.name.lastIndexOf("/") + 1);
}

function bridgeIp(c: ContainerRecord | undefined): string {
  return c?.state.Running && c.network?.name === "bridge" ? c.network.ip : "";
}

/** What stops a container with links from starting (buildSandboxOptions, setupLinkedContainers). */
export function linkStartError(k: Kernel, c: ContainerRecord): string | undefined {
  if (!onDefaultBridge(c)) return undefined;
  const st = engineState(k);
  for (const l of linksOf(c)) {
    const child = st.containers[l.childId];
    if (child && !onDefaultBridge(child))
      return `Cannot link to /${child.name}, as it does not belong to the default network`;
  }
  return linkEnvError(k, c);
}

/** Why the linked environment cannot be made (at start and for each exec): a child is not running. */
export function linkEnvError(k: Kernel, c: ContainerRecord): string | undefined {
  if (!onDefaultBridge(c)) return undefined;
  const st = engineState(k);
  for (const l of linksOf(c)) {
    const child = st.containers[l.childId];
    if (!child?.state.Running)
      return `Cannot link to a non running container: ${child ? `/${child.name}` : l.childName} AS ${l.name}`;
  }
  return undefined;
}

interface Port {
  port: number;
  text: string;
  proto: string;
}

/** links.Link.ToEnv: the child's default port, its ports (ranges of 3+ as _START/_END), name and env. */
function toEnv(l: ContainerLink, child: ContainerRecord, ip: string): string[] {
  const name = alias(l).toUpperCase().replaceAll("-", "_");
  const ports: Port[] = Object.keys(child.config.ExposedPorts ?? {}).map((key) => {
    const [text, proto = "tcp"] = key.split("/");
    return { port: Number.parseInt(text, 10), text, proto };
  });
  // Ascending by number, tcp first for the same number.
  ports.sort((a, b) => a.port - b.port || (a.proto === "tcp" ? -1 : b.proto === "tcp" ? 1 : 0));
  const env: string[] = [];
  const key = (p: Port, proto = p.proto) => `${name}_PORT_${p.text}_${proto.toUpperCase()}`;
  if (ports.length > 0) env.push(`${name}_PORT=${ports[0].proto}://${ip}:${ports[0].text}`);
  for (let i = 0; i < ports.length; ) {
    const p = ports[i];
    const j = nextContiguous(ports, p.port, i);
    if (j > i + 1) {
      const q = ports[j];
      env.push(
        `${key(p)}_START=${p.proto}://${ip}:${p.text}`,
        `${key(p)}_ADDR=${ip}`,
        `${key(p)}_PROTO=${p.proto}`,
        `${key(p)}_PORT_START=${p.text}`,
        `${key(p, q.proto)}_END=${q.proto}://${ip}:${q.text}`,
        `${key(p, q.proto)}_PORT_END=${q.text}`,
      );
      i = j + 1;
    } else i++;
  }
  for (const p of ports)
    env.push(
      `${key(p)}=${p.proto}://${ip}:${p.text}`,
      `${key(p)}_ADDR=${ip}`,
      `${key(p)}_PORT=${p.text}`,
      `${key(p)}_PROTO=${p.proto}`,
    );
  env.push(`${name}_NAME=${l.name}`);
  for (const v of child.config.Env) {
    const eq = v.indexOf("=");
    if (eq < 0 || v.slice(0, eq) === "HOME" || v.slice(0, eq) === "PATH") continue;
    env.push(`${name}_ENV_${v.slice(0, eq)}=${v.slice(eq + 1)}`);
  }
  return env;
}

function nextContiguous(ports: Port[], value: number, index: number): number {
  if (index + 1 === ports.length) return index;
  let v = value;
  for (let i = index + 1; i < ports.length; i++) {
    if (ports[i].port > v + 1) return i - 1;
    v++;
  }
  return ports.length - 1;
}

/** The variables the links give a process of the container (linkEnvError has passed). */
export function linkEnv(k: Kernel, c: ContainerRecord): string[] {
  if (!onDefaultBridge(c)) return [];
  const st = engineState(k);
  return linksOf(c).flatMap((l) => {
    const child = st.containers[l.childId];
    return child ? toEnv(l, child, bridgeIp(child)) : [];
  });
}

/** /etc/hosts lines of the links: "IP\talias hostname name" (the name unless it is the alias). */
export function linkHostsLines(k: Kernel, c: ContainerRecord): string {
  if (!onDefaultBridge(c)) return "";
  const st = engineState(k);
  let out = "";
  for (const l of linksOf(c)) {
    const child = st.containers[l.childId];
    const ip = bridgeIp(child);
    if (!child || ip === "") continue;
    out += `${ip}\t${alias(l)} ${child.config.Hostname}${alias(l) !== child.name ? ` ${child.name}` : ""}\n`;
  }
  return out;
}

/**
 * A child started on the default bridge: its running parents' /etc/hosts name its new address
 * (etchosts.Update: the address of each line whose first name is the alias).
 */
export function updateParentsHosts(k: Kernel, child: ContainerRecord) {
  // Called while the child starts: its address is set, its state not yet running.
  const ip = child.network?.name === "bridge" ? child.network.ip : "";
  if (ip === "") return;
  for (const parent of Object.values(engineState(k).containers)) {
    if (!parent.state.Running || !onDefaultBridge(parent)) continue;
    for (const l of linksOf(parent)) {
      if (l.childId !== child.id) continue;
      const path = `${DOCKER_ROOT}/containers/${parent.id}/hosts`;
      const escaped = alias(l).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      writeFile(
        k,
        path,
        readFile(k, path).replace(new RegExp(`(\\S*)(\\t${escaped})(\\s|\\.)`, "g"), `${ip}$2$3`),
      );
    }
  }
}

/** Takes a link away (docker rm --link); the caller rewrites the parent's /etc/hosts. */
export function unlink(k: Kernel, name: string): ContainerRecord | undefined {
  for (const parent of Object.values(engineState(k).containers)) {
    const links = linksOf(parent);
    if (!links.some((l) => l.name === name)) continue;
    (parent as WithLinks).links = links.filter((l) => l.name !== name);
    return parent;
  }
  return undefined;
}

/**
 * Links on a user-defined network (docker run --link with --network, or docker network connect
 * --link): the container's DNS answers `alias` with `name`'s addresses on that network. Links are
 * kept as given and never checked; the endpoint's own (connect) come before run's.
 */
export function linkAliasTarget(
  c: ContainerRecord,
  net: { name: string; id: string; endpoints?: Record<string, { links?: string[] }> },
  wanted: string,
): string | undefined {
  const first = c.hostConfig.NetworkMode === net.name || c.hostConfig.NetworkMode === net.id;
  const links = net.endpoints?.[c.id]?.links ?? (first ? endpointConfigOf(c)?.links : undefined);
  if (!links) return undefined;
  for (const raw of links) {
    const parsed = parseLink(raw);
    if (!("error" in parsed) && parsed.alias.toLowerCase() === wanted) return parsed.name.toLowerCase();
  }
  return undefined;
}
