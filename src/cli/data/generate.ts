/**
 * Regenerates commands.json and help.json from the reference captures of the docker 28.2.2 client
 * (../shared/reference: help texts, flags, commands) and from our own recording of its argument
 * checks (test/cli/fixtures/docker-arg-probe.json). Run: npx tsx src/cli/data/generate.ts
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const REF = "/work/shared/reference";
const here = new URL(".", import.meta.url).pathname;
const probePath = new URL("../../../test/cli/fixtures/docker-arg-probe.json", import.meta.url).pathname;

interface RefCommand {
  helpFile: string;
  usage: string;
  description: string;
  aliases: string[];
  subcommands: { name: string }[];
}
interface RefFlag {
  long: string;
  short: string | null;
  type: string;
  default: string | null;
}
interface ProbeCase {
  argv: string[];
  stderr?: string;
  accepted?: boolean;
}

const commands: Record<string, RefCommand> = JSON.parse(
  readFileSync(`${REF}/docker-cli-commands.json`, "utf8"),
);
const flags: Record<string, RefFlag[]> = JSON.parse(readFileSync(`${REF}/docker-cli-flags.json`, "utf8"));
const probe: { cases: ProbeCase[] } = JSON.parse(readFileSync(probePath, "utf8"));

// Commands whose flags stop at the first positional argument (cobra SetInterspersed(false)),
// found by running `docker CMD a b --unknown-flag` on the real client.
const NOT_INTERSPERSED = new Set([
  "run",
  "exec",
  "create",
  "commit",
  "tag",
  "top",
  "container run",
  "container exec",
  "container create",
  "container commit",
  "container top",
  "image tag",
  "service create",
]);

// Hidden flags (not in --help) that the real client accepts, found by probing it.
const HIDDEN_FLAGS: Record<string, [string, string, string, null][]> = {};
for (const k of ["run", "create", "container run", "container create"]) {
  HIDDEN_FLAGS[k] = [
    ["net", "", "network", null],
    ["net-alias", "", "list", null],
    ["dns-opt", "", "list", null],
  ];
}
for (const k of ["stop", "restart", "container stop", "container restart"])
  HIDDEN_FLAGS[k] = [["time", "", "int", null]];

/** The usage lines of a help text (after "Usage:  ", up to the blank line). */
function usageOf(help: string): string {
  const lines = help.split("\n");
  const out = [lines[0].replace(/^Usage: {2}/, "")];
  for (let i = 1; i < lines.length && lines[i] !== ""; i++) out.push(lines[i]);
  return out.join("\n");
}

type ArgRule = [kind: string, a?: number, b?: number];

function argRule(key: string): ArgRule {
  const rows = probe.cases.filter(
    (c) => c.argv.join(" ").replace(/( zz\d)+$/, "") === key && c.argv.length - key.split(" ").length <= 4,
  );
  for (const r of rows) {
    const e = r.stderr ?? "";
    let m: RegExpExecArray | null;
    if ((m = /requires at least (\d+) and at most (\d+) argument/.exec(e))) return ["range", +m[1], +m[2]];
    if ((m = /requires at least (\d+) argument/.exec(e))) return ["min", +m[1]];
    if ((m = /requires at most (\d+) argument/.exec(e))) return ["max", +m[1]];
    if ((m = /requires (\d+) argument/.exec(e))) return ["exact", +m[1]];
    if (/accepts no arguments/.test(e)) return ["none"];
    if ((m = /accepts (\d+) arg\(s\), received/.exec(e))) return ["cobraExact", +m[1]];
  }
  return ["any"];
}

/** A group's cobra UseLine, as its "unknown command" error shows it. */
function groupUseLine(key: string): string {
  const row = probe.cases.find((c) => c.argv.join(" ") === `${key} zz0`);
  const m = /\n\nUsage: {2}(.*)\n\n/.exec(row?.stderr ?? "");
  if (!m) throw new Error(`no recorded usage line for docker ${key}`);
  return m[1];
}

const out: Record<string, unknown> = {};
const bodies: Record<string, string> = {};
const firstWithBody = new Map<string, string>();
for (const [key, c] of Object.entries(commands)) {
  if (key === "_source") continue;
  const help = readFileSync(`${REF}/${c.helpFile}`, "utf8");
  const usage = usageOf(help);
  const body = help.slice(`Usage:  ${usage}`.length);
  const same = firstWithBody.get(body);
  if (same) bodies[key] = `=${same}`;
  else {
    firstWithBody.set(body, key);
    bodies[key] = body;
  }
  const stderrFile = `${REF}/${c.helpFile.replace(/\.txt$/, ".stderr.txt")}`;
  const entry: Record<string, unknown> = {
    usage,
    description: c.description,
    aliases: c.aliases,
    subcommands: c.subcommands.map((s) => s.name),
    flags: [
      ...(flags[key] ?? []).map((f) => [
        f.long.replace(/^--/, ""),
        (f.short ?? "").replace(/^-/, ""),
        f.type,
        f.default,
      ]),
      ...(HIDDEN_FLAGS[key] ?? []),
    ],
  };
  if (key !== "docker" && c.subcommands.length === 0) entry.args = argRule(key);
  if (key !== "docker" && c.subcommands.length > 0) entry.errorUsageLine = groupUseLine(key);
  if (NOT_INTERSPERSED.has(key)) entry.interspersed = false;
  if (existsSync(stderrFile)) entry.preamble = readFileSync(stderrFile, "utf8");
  out[key] = entry;
}

writeFileSync(`${here}commands.json`, `${JSON.stringify(out)}\n`);
writeFileSync(`${here}help.json`, `${JSON.stringify(bodies)}\n`);
console.log(
  `commands.json ${JSON.stringify(out).length} bytes, help.json ${JSON.stringify(bodies).length} bytes`,
);
