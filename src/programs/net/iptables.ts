/**
 * iptables 1.8.9 (nf_tables), Debian 12: lists the host's rules (-L [-n] [-v] [--line-numbers],
 * -S) for the filter and nat tables. The rules are the ones dockerd keeps
 * (src/engine/networks/iptables.ts); without dockerd the tables are empty.
 */
import type { Gen, ProgramDef, Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";
import type { DockerClient } from "../../engine/client";
import { type Chain, iptablesTable, protoNumber, type Rule, type TableName } from "../../engine/networks/iptables";
import { err, out } from "../lib/io";
import { ipv6Enabled } from "./lib/ifaces";

const PREFIX = "iptables v1.8.9 (nf_tables)";
const TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

function emptyTable(table: TableName): Chain[] {
  const names = table === "nat" ? ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"] : ["INPUT", "FORWARD", "OUTPUT"];
  return names.map((name) => ({ name, policy: "ACCEPT" as const, rules: [] }));
}

/** The rule set of this network namespace (dockerd's, on the host). */
function rulesOf(sys: Sys, table: TableName): Chain[] {
  if (!ipv6Enabled(sys)) return emptyTable(table);
  try {
    const d = sys.connect("/run/docker.sock") as DockerClient;
    return iptablesTable(d.k, table);
  } catch (e) {
    if (e instanceof Errno) return emptyTable(table);
    throw e;
  }
}

/** "172.17.0.2/32" shows as "172.17.0.2"; the any address as 0.0.0.0/0 ("anywhere" without -n). */
function addr(a: string | undefined, numeric: boolean): string {
  const inv = a?.startsWith("!") ?? false;
  const bare = a === undefined ? undefined : inv ? a.slice(1) : a;
  const shown = bare === undefined ? (numeric ? "0.0.0.0/0" : "anywhere") : bare.endsWith("/32") ? bare.slice(0, -3) : bare;
  return `${inv ? "!" : " "}${shown.padEnd(19)} `;
}

function refs(chains: Chain[], name: string): number {
  return chains.reduce((n, c) => n + c.rules.filter((r) => r.target === name).length, 0);
}

function listChain(c: Chain, all: Chain[], numeric: boolean, verbose: boolean, lineNumbers: boolean): string {
  const head = c.policy
    ? `Chain ${c.name} (policy ${c.policy}${verbose ? " 0 packets, 0 bytes" : ""})\n`
    : `Chain ${c.name} (${refs(all, c.name)} references)\n`;
  let text = head;
  text += `${lineNumbers ? "num  " : ""}${verbose ? " pkts bytes " : ""}target     prot opt ${verbose ? "in     out     " : ""}source               destination         \n`;
  c.rules.forEach((r, i) => {
    // The column layout of iptables' print_rule_details and print_ifaces.
    let line = lineNumbers ? `${String(i + 1).padEnd(4)} ` : "";
    if (verbose) line += `${"0".padStart(5)} ${"0".padStart(5)} `;
    const proto = numeric ? String(protoNumber(r.proto)) : (r.proto ?? "all");
    line += `${r.target.padEnd(9)}  ${proto.padEnd(4)} -- `;
    if (verbose) line += ` ${(r.inIface ?? "*").padEnd(6)} ${(r.outIface ?? "*").padEnd(6)} `;
    line += addr(r.src, numeric) + addr(r.dst, numeric);
    for (const m of r.matches ?? []) line += ` ${m.list}`;
    if (r.targetList) line += ` ${r.targetList}`;
    text += `${line}\n`;
  });
  return text;
}

function specLine(chain: string, r: Rule): string {
  const parts = [`-A ${chain}`];
  const opt = (flag: string, v: string | undefined) => {
    if (v === undefined) return;
    parts.push(v.startsWith("!") ? `! ${flag} ${v.slice(1)}` : `${flag} ${v}`);
  };
  opt("-s", r.src);
  opt("-d", r.dst);
  opt("-i", r.inIface);
  opt("-o", r.outIface);
  for (const m of r.matches ?? []) parts.push(m.spec);
  parts.push(`-j ${r.target}`);
  if (r.targetSpec) parts.push(r.targetSpec);
  return parts.join(" ");
}

export const iptables: ProgramDef = {
  name: "iptables",
  rss: 4 * 1024 * 1024,
  *main(sys) {
    let table: TableName = "filter";
    let action: "L" | "S" | null = null;
    let chain: string | undefined;
    let numeric = false;
    let verbose = false;
    let lineNumbers = false;
    const argv = sys.argv.slice(1);
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === "-t" || a === "--table") {
        const t = argv[++i];
        if (t !== "filter" && t !== "nat") {
          if (t === undefined) return yield* bad(sys, `option "${a}" requires an argument`);
          if (["mangle", "raw", "security"].includes(t)) {
            table = "filter";
            continue;
          }
          yield* err(sys, `${PREFIX}: table '${t}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`);
          return 3;
        }
        table = t;
      } else if (a === "--line-numbers") lineNumbers = true;
      else if (a === "--list" || a === "--list-rules") {
        action = a === "--list" ? "L" : "S";
        if (argv[i + 1] && !argv[i + 1].startsWith("-")) chain = argv[++i];
      } else if (a === "--numeric") numeric = true;
      else if (a === "--verbose") verbose = true;
      else if (/^-[LSnvx]+$/.test(a)) {
        for (const c of a.slice(1)) {
          if (c === "L" || c === "S") {
            if (action !== null) return yield* bad(sys, `Illegal option \`-${c}' with this command`);
            action = c;
          } else if (c === "n") numeric = true;
          else if (c === "v") verbose = true;
        }
        if (/[LS]$/.test(a) && argv[i + 1] && !argv[i + 1].startsWith("-")) chain = argv[++i];
      } else if (/^-[AIDRFNXPZE]/.test(a) || /^--(append|insert|delete|flush|new-chain|policy)/.test(a)) {
        yield* err(sys, "iptables: changing rules is not simulated in this sandbox (only listing them: -L, -S)\n");
        return 1;
      } else return yield* bad(sys, a.startsWith("--") ? `unrecognized option '${a}'` : `invalid option -- '${a.replace(/^-+/, "")[0]}'`);
    }
    if (action === null) {
      yield* err(sys, `${PREFIX}: no command specified\n${TRY}`);
      return 2;
    }
    if (sys.geteuid() !== 0) {
      yield* err(sys, `${PREFIX}: Could not fetch rule set generation id: Permission denied (you must be root)\n\n`);
      return 4;
    }
    const chains = rulesOf(sys, table);
    const shown = chain === undefined ? chains : chains.filter((c) => c.name === chain);
    if (chain !== undefined && shown.length === 0) {
      yield* err(sys, `iptables: No chain/target/match by that name.\n`);
      return 1;
    }
    if (action === "S") {
      let text = "";
      for (const c of shown) text += c.policy ? `-P ${c.name} ${c.policy}\n` : `-N ${c.name}\n`;
      for (const c of shown) for (const r of c.rules) text += `${specLine(c.name, r)}\n`;
      yield* out(sys, text);
      return 0;
    }
    yield* out(sys, shown.map((c) => listChain(c, chains, numeric, verbose, lineNumbers)).join("\n"));
    return 0;
  },
};

function* bad(sys: Sys, msg: string): Gen<number> {
  yield* err(sys, `iptables: ${msg}\n${TRY}`);
  return 2;
}
