/**
 * How much of the real docker 28.2 CLI the simulated one implements: commands (by their canonical
 * id, aliases counted once) and their flags, against the command specs taken from the real client.
 *   npx tsx scripts/cli-coverage.ts
 */
import { COMMANDS } from "../src/cli/commands";
import { SUPPORTED } from "../src/cli/commands/lib/run-options";
import { allCommandKeys, canonicalId, commandSpec } from "../src/cli/flags";

/** Out of scope for the simulator (orchestration, plugins, signing, experimental). */
const EXCLUDED = ["swarm", "stack", "service", "node", "secret", "config", "plugin", "trust", "checkpoint", "manifest"];

const ids = new Set<string>();
for (const key of allCommandKeys()) {
  const spec = commandSpec(key);
  if (!spec || spec.subcommands?.length) continue;
  const id = canonicalId(spec);
  if (EXCLUDED.includes(id.split(" ")[0]) || id === "docker") continue;
  ids.add(id);
}
const implemented = [...ids].filter((id) => COMMANDS[id]);
const missing = [...ids].filter((id) => !COMMANDS[id]).sort();
const flagsOf = (id: string) => (commandSpec(id)?.flags ?? []).length;
const totalFlags = [...ids].reduce((n, id) => n + flagsOf(id), 0);
const parsedFlags = implemented.reduce((n, id) => n + flagsOf(id), 0);
// docker run/create honour the flags in SUPPORTED and refuse the others plainly.
const supported = SUPPORTED;
const runFlags = (commandSpec("container run")?.flags ?? []).length;
console.log(`commands: ${implemented.length} of ${ids.size} implemented (${EXCLUDED.join(", ")} excluded)`);
console.log(`flags: the implemented commands parse ${parsedFlags} of the ${totalFlags} flags of those ${ids.size} commands`);
console.log(`docker run: ${supported.size} of ${runFlags} flags honoured, the others refused with "not supported in this sandbox"`);
console.log(`missing: ${missing.join(", ") || "none"}`);
console.log(`docker run flags refused: ${(commandSpec("container run")?.flags ?? []).map((f) => f[0]).filter((f) => !supported.has(f)).join(", ")}`);
