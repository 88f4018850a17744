/**
 * The Go type the docker client decodes `docker network inspect` JSON into (network.Inspect of API
 * 1.50), as --format sees it: fields by their Go names (ID, AuxAddress; the JSON's "Id" and
 * "AuxiliaryAddresses" only the raw-map fallback finds), every field present with its zero value
 * when the JSON left it out (an IPAMConfig prints as {Subnet IPRange Gateway map[]}), nil maps and
 * slices printing "map[]" and "[]", and Created a time.Time.
 */
import { goNilMap, goNilSlice, goSlice, goStruct, withJSONForm } from "../../template";
import { formatGoTime } from "../../timefmt";
import { parseRfc3339 } from "../../../engine/images/inspect";
import { goValue } from "./images";

type Json = Record<string, unknown>;

function stringMap(v: unknown): Record<string, unknown> {
  return v === null || v === undefined ? goNilMap() : goValue(v, new Set(), true) as Record<string, unknown>;
}

function struct(type: string, json: Json, fields: Record<string, unknown>) {
  return withJSONForm(goStruct(type, fields), () => goValue(json, MAP_KEYS));
}

/** Go maps of the network JSON, for its JSON form (json.Marshal sorts their keys). */
const MAP_KEYS: ReadonlySet<string> = new Set(["Containers", "Options", "Labels", "AuxiliaryAddresses"]);

function ipamConfig(c: Json) {
  return struct("network.IPAMConfig", c, {
    Subnet: c.Subnet ?? "",
    IPRange: c.IPRange ?? "",
    Gateway: c.Gateway ?? "",
    AuxAddress: stringMap(c.AuxiliaryAddresses),
  });
}

function endpointResource(e: Json) {
  return struct("network.EndpointResource", e, {
    Name: e.Name ?? "",
    EndpointID: e.EndpointID ?? "",
    MacAddress: e.MacAddress ?? "",
    IPv4Address: e.IPv4Address ?? "",
    IPv6Address: e.IPv6Address ?? "",
  });
}

/** time.Time as a template prints it ("2026-01-15 09:00:00.123 +0000 UTC"). */
function goTime(rfc3339: unknown): string {
  if (typeof rfc3339 !== "string" || rfc3339 === "") return "0001-01-01 00:00:00 +0000 UTC";
  const t = parseRfc3339(rfc3339);
  return formatGoTime(t.sec, t.nsec);
}

/** The typed value a --format template runs over first, for a network's inspect JSON. */
export function typedNetwork(json: Json): unknown {
  const ipam = (json.IPAM ?? {}) as Json;
  const config = ipam.Config as Json[] | null | undefined;
  const containers = json.Containers as Record<string, Json> | null | undefined;
  return struct("network.Inspect", json, {
    Name: json.Name ?? "",
    ID: json.Id ?? "",
    Created: goTime(json.Created),
    Scope: json.Scope ?? "",
    Driver: json.Driver ?? "",
    EnableIPv4: json.EnableIPv4 ?? false,
    EnableIPv6: json.EnableIPv6 ?? false,
    IPAM: struct("network.IPAM", ipam, {
      Driver: ipam.Driver ?? "",
      Options: stringMap(ipam.Options),
      Config: config ? goSlice("network.IPAMConfig", config.map(ipamConfig)) : goNilSlice("network.IPAMConfig"),
    }),
    Internal: json.Internal ?? false,
    Attachable: json.Attachable ?? false,
    Ingress: json.Ingress ?? false,
    ConfigFrom: struct("config.ConfigReference", (json.ConfigFrom ?? {}) as Json, { Network: ((json.ConfigFrom ?? {}) as Json).Network ?? "" }),
    ConfigOnly: json.ConfigOnly ?? false,
    Containers: containers ? Object.fromEntries(Object.entries(containers).map(([id, e]) => [id, endpointResource(e)])) : goNilMap(),
    Options: stringMap(json.Options),
    Labels: stringMap(json.Labels),
    Peers: goNilSlice("network.PeerInfo"),
    Services: goNilMap(),
  });
}

/** Go maps among a network inspect object's fields (for its JSON and the raw-map fallback). */
export const NETWORK_MAP_KEYS = MAP_KEYS;
