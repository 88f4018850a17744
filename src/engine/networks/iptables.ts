/**
 * The netfilter rules dockerd keeps on the host (filter and nat tables), derived from the bridge
 * networks and the published ports, in the order dockerd inserts and appends them: a new network's
 * rules go on top (-I), a published port's at the end (-A).
 */
import type { Kernel } from "../../kernel";
import { engineState, type NetworkRecord } from "../state";
import { publishedPorts } from "./ports";

export interface Rule {
  target: string;
  /** undefined = all protocols. */
  proto?: "tcp" | "udp" | "sctp";
  /** CIDR; "!" in front inverts. Host addresses carry "/32". */
  src?: string;
  dst?: string;
  /** Interface names; "!" in front inverts. */
  inIface?: string;
  outIface?: string;
  /** Match modules, in their -S form and their -L form. */
  matches?: Array<{ spec: string; list: string }>;
  /** Target options: "--to-destination 172.17.0.2:80" / "to:172.17.0.2:80". */
  targetSpec?: string;
  targetList?: string;
}

export interface Chain {
  name: string;
  /** Built-in chains have a policy. */
  policy?: "ACCEPT" | "DROP";
  rules: Rule[];
}

export type TableName = "filter" | "nat";

const PROTO_NUM: Record<string, number> = { tcp: 6, udp: 17, sctp: 132 };

export function protoNumber(p: Rule["proto"]): number {
  return p ? PROTO_NUM[p] : 0;
}

function dport(proto: "tcp" | "udp" | "sctp", port: number) {
  return { spec: `-p ${proto} -m ${proto} --dport ${port}`, list: `${proto} dpt:${port}` };
}

/** Bridge networks, newest first (each one's rules were inserted above the older ones). */
function bridges(k: Kernel): NetworkRecord[] {
  return Object.values(engineState(k).networks)
    .filter((n) => n.driver === "bridge" && n.bridge !== "")
    .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
}

export function iptablesTable(k: Kernel, table: TableName): Chain[] {
  const nets = bridges(k);
  const ports = publishedPorts(k).filter((p) => !p.hostIp.includes(":"));
  if (table === "nat") {
    const any = { spec: "-m addrtype --dst-type LOCAL", list: "ADDRTYPE match dst-type LOCAL" };
    return [
      { name: "PREROUTING", policy: "ACCEPT", rules: [{ target: "DOCKER", matches: [any] }] },
      { name: "INPUT", policy: "ACCEPT", rules: [] },
      { name: "OUTPUT", policy: "ACCEPT", rules: [{ target: "DOCKER", dst: "!127.0.0.0/8", matches: [any] }] },
      {
        name: "POSTROUTING",
        policy: "ACCEPT",
        rules: [
          ...nets.map((n): Rule => ({ target: "MASQUERADE", src: n.subnet, outIface: `!${n.bridge}` })),
          ...ports.map(
            (p): Rule => ({ target: "MASQUERADE", proto: p.proto, src: `${p.containerIp}/32`, dst: `${p.containerIp}/32`, matches: [dport(p.proto, p.containerPort)] }),
          ),
        ],
      },
      {
        name: "DOCKER",
        rules: [
          ...nets.map((n): Rule => ({ target: "RETURN", inIface: n.bridge })),
          ...ports.map(
            (p): Rule => ({
              target: "DNAT",
              proto: p.proto,
              dst: p.hostIp === "0.0.0.0" ? undefined : `${p.hostIp}/32`,
              inIface: `!${p.bridge}`,
              matches: [dport(p.proto, p.hostPort)],
              targetSpec: `--to-destination ${p.containerIp}:${p.containerPort}`,
              targetList: `to:${p.containerIp}:${p.containerPort}`,
            }),
          ),
        ],
      },
    ];
  }
  const established = { spec: "-m conntrack --ctstate RELATED,ESTABLISHED", list: "ctstate RELATED,ESTABLISHED" };
  return [
    { name: "INPUT", policy: "ACCEPT", rules: [] },
    {
      name: "FORWARD",
      policy: "DROP",
      rules: [
        { target: "DOCKER-USER" },
        { target: "DOCKER-ISOLATION-STAGE-1" },
        ...nets.flatMap((n): Rule[] => [
          { target: "ACCEPT", outIface: n.bridge, matches: [established] },
          { target: "DOCKER", outIface: n.bridge },
          { target: "ACCEPT", inIface: n.bridge, outIface: `!${n.bridge}` },
          { target: "ACCEPT", inIface: n.bridge, outIface: n.bridge },
        ]),
      ],
    },
    { name: "OUTPUT", policy: "ACCEPT", rules: [] },
    {
      name: "DOCKER",
      rules: ports.map(
        (p): Rule => ({ target: "ACCEPT", proto: p.proto, dst: `${p.containerIp}/32`, inIface: `!${p.bridge}`, outIface: p.bridge, matches: [dport(p.proto, p.containerPort)] }),
      ),
    },
    {
      name: "DOCKER-ISOLATION-STAGE-1",
      rules: [...nets.map((n): Rule => ({ target: "DOCKER-ISOLATION-STAGE-2", inIface: n.bridge, outIface: `!${n.bridge}` })), { target: "RETURN" }],
    },
    { name: "DOCKER-ISOLATION-STAGE-2", rules: [...nets.map((n): Rule => ({ target: "DROP", outIface: n.bridge })), { target: "RETURN" }] },
    { name: "DOCKER-USER", rules: [{ target: "RETURN" }] },
  ];
}
