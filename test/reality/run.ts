/**
 * The reality suite's runner: each scenario in scenarios/ runs on a real dockerd and in the sandbox;
 * both outputs are normalized and compared line by line. Without a usable real dockerd the real
 * side is the recording in recorded/.
 *
 *   npx tsx test/reality/run.ts [--record] [NAME...]   print each scenario's result and diff
 *   --show     also print both raw outputs
 *   --record   (live only) rewrite recorded/NAME.txt and expectations.json's diffs; a new
 *              difference gets the reason "UNEXPLAINED" until someone writes the real one.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lineDiff, normalize, scenarioMasks } from "./normalize";
import { type RealDocker, realDocker, runOnReal, stopRealDocker } from "./real-side";
import { runCaptured } from "./captured";

const HERE = new URL(".", import.meta.url).pathname;
const SCENARIOS = join(HERE, "scenarios");
const RECORDED = join(HERE, "recorded");
const EXPECTATIONS = join(HERE, "expectations.json");
const REPO = join(HERE, "..", "..");

/** Limits of one sandbox run: a scenario that exhausts the simulation fails alone, with the reason. */
const SANDBOX_HEAP_MB = 1536;
const SANDBOX_TIMEOUT_MS = 180_000;

export const UNEXPLAINED = "UNEXPLAINED";

export type Expectation = { status: "match" } | { status: "differs"; reason: string; diff: string[] };

export interface ScenarioResult {
  name: string;
  /** "live" when compared with the real dockerd just now, "recorded" with recorded/NAME.txt. */
  source: "live" | "recorded";
  real: string;
  sandbox: string;
  diff: string[];
  /** Live real output differs from the recording (after normalization): the recording is stale. */
  recordingStale?: boolean;
}

export function scenarioNames(): string[] {
  return readdirSync(SCENARIOS)
    .filter((f) => f.endsWith(".sh"))
    .map((f) => f.slice(0, -3))
    .sort();
}

export function scenarioScript(name: string): string {
  return readFileSync(join(SCENARIOS, `${name}.sh`), "latin1");
}

export function recordingPath(name: string): string {
  return join(RECORDED, `${name}.txt`);
}

export function loadExpectations(): Record<string, Expectation> {
  return existsSync(EXPECTATIONS) ? JSON.parse(readFileSync(EXPECTATIONS, "utf8")) : {};
}

export function saveExpectations(e: Record<string, Expectation>) {
  const sorted = Object.fromEntries(Object.keys(e).sort().map((k) => [k, e[k]]));
  writeFileSync(EXPECTATIONS, `${JSON.stringify(sorted, null, 2)}\n`);
}

export async function runScenario(name: string, docker: RealDocker): Promise<ScenarioResult> {
  const script = scenarioScript(name);
  const masks = scenarioMasks(script);
  const recorded = existsSync(recordingPath(name)) ? readFileSync(recordingPath(name), "latin1") : undefined;
  let real: string;
  let source: ScenarioResult["source"];
  const sandboxRun = runInSandboxProcess(script);
  if ("host" in docker) {
    real = await runOnReal(docker.host, script);
    source = "live";
  } else {
    real = recorded ?? `reality: no recording of ${name} and no real dockerd (${docker.unavailable})\n`;
    source = "recorded";
  }
  const sandbox = await sandboxRun;
  const diff = lineDiff(normalize(real, masks), normalize(sandbox, masks));
  const result: ScenarioResult = { name, source, real, sandbox, diff };
  if (source === "live" && recorded !== undefined) {
    result.recordingStale = lineDiff(normalize(recorded, masks), normalize(real, masks)).length > 0;
  }
  return result;
}

/** The sandbox side in a child process (sandbox-side.ts), with a heap cap and a time limit. */
export async function runInSandboxProcess(script: string): Promise<string> {
  const r = await runCaptured(
    process.execPath,
    [`--max-old-space-size=${SANDBOX_HEAP_MB}`, "--import", "tsx", join(HERE, "sandbox-side.ts")],
    { cwd: REPO, env: { ...process.env } as Record<string, string>, stdin: script, timeoutMs: SANDBOX_TIMEOUT_MS },
  );
  if (r.status === 0) return r.stdout;
  const why =
    r.status === "timeout"
      ? `did not finish in ${SANDBOX_TIMEOUT_MS / 1000} s`
      : /heap out of memory/.test(r.stderr)
        ? `ran out of memory (${SANDBOX_HEAP_MB} MB heap)`
        : `died (${r.status}): ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`;
  return `${r.stdout}\nreality: the sandbox process ${why}\n`;
}

/** Runs the real side again: lines that differ between two real runs need a mask or a rewrite. */
async function realInstability(name: string, docker: RealDocker): Promise<string[]> {
  if (!("host" in docker)) return [];
  const script = scenarioScript(name);
  const masks = scenarioMasks(script);
  const first = readFileSync(recordingPath(name), "latin1");
  const again = await runOnReal(docker.host, script);
  return lineDiff(normalize(first, masks), normalize(again, masks));
}

/** What the expectation says about a result: undefined when it is as recorded, else the complaint. */
export function judge(r: ScenarioResult, e: Expectation | undefined): string | undefined {
  if (!e) return `${r.name}: no entry in expectations.json`;
  if (e.status === "match") {
    return r.diff.length === 0 ? undefined : `${r.name}: expected to match; now differs:\n${r.diff.join("\n")}`;
  }
  if (e.reason === UNEXPLAINED || e.reason.trim() === "") {
    return `${r.name}: unexplained difference:\n${r.diff.join("\n")}`;
  }
  if (r.diff.length === 0) return `${r.name}: documented as differing (${e.reason}) but now matches: mark it "match"`;
  if (JSON.stringify(r.diff) !== JSON.stringify(e.diff)) {
    return `${r.name}: the difference changed (documented: ${e.reason}).\nnow:\n${r.diff.join("\n")}\nwas:\n${e.diff.join("\n")}`;
  }
  return undefined;
}

/** Writes the live real output and the new diff into the recordings and expectations. */
export function record(r: ScenarioResult, expectations: Record<string, Expectation>) {
  if (r.source !== "live") throw new Error("recording needs a live real dockerd");
  writeFileSync(recordingPath(r.name), Buffer.from(r.real, "latin1"));
  const old = expectations[r.name];
  if (r.diff.length === 0) expectations[r.name] = { status: "match" };
  else expectations[r.name] = { status: "differs", reason: old?.status === "differs" ? old.reason : UNEXPLAINED, diff: r.diff };
}

export function summary(results: ScenarioResult[], expectations: Record<string, Expectation>): string {
  const matching = results.filter((r) => r.diff.length === 0).length;
  const documented = results.filter((r) => r.diff.length > 0 && expectations[r.name]?.status === "differs").length;
  const live = results.some((r) => r.source === "live");
  const lines = [
    `reality: ${matching}/${results.length} scenarios match, ${documented} documented differences` +
      (live ? " (live real dockerd)" : " (against the recordings: no live real dockerd)"),
  ];
  for (const r of results.filter((x) => x.diff.length > 0)) {
    const e = expectations[r.name];
    lines.push(`  ${r.name}: ${e?.status === "differs" ? e.reason : "UNDOCUMENTED"} (${r.diff.length} lines)`);
  }
  const stale = results.filter((r) => r.recordingStale).map((r) => r.name);
  if (stale.length > 0) lines.push(`  recordings differing from the live daemon: ${stale.join(", ")}`);
  return lines.join("\n");
}

async function main(argv: string[]) {
  const recording = argv.includes("--record");
  const wanted = argv.filter((a) => !a.startsWith("--"));
  const names = scenarioNames().filter((n) => wanted.length === 0 || wanted.some((w) => n.includes(w)));
  const docker = realDocker();
  if ("unavailable" in docker) {
    process.stdout.write(`reality: comparing against the recordings (${docker.unavailable})\n`);
    if (recording) throw new Error("--record needs a live real dockerd");
  }
  const expectations = loadExpectations();
  const results: ScenarioResult[] = [];
  for (const name of names) {
    const r = await runScenario(name, docker);
    results.push(r);
    if (recording) {
      record(r, expectations);
      const unstable = await realInstability(name, docker);
      if (unstable.length > 0) process.stdout.write(`UNSTABLE on the real side: ${name}\n    ${unstable.join("\n    ")}\n`);
    }
    const verdict = judge(r, expectations[name]);
    process.stdout.write(`${r.diff.length === 0 ? "MATCH " : "DIFF  "} ${name}${verdict ? "  <- CHANGED" : ""}\n`);
    if (r.diff.length > 0) process.stdout.write(`${r.diff.map((l) => `    ${l}`).join("\n")}\n`);
    if (argv.includes("--show")) process.stdout.write(`--- real:\n${r.real}--- sandbox:\n${r.sandbox}---\n`);
  }
  if (recording) saveExpectations(expectations);
  if ("host" in docker) stopRealDocker();
  process.stdout.write(`${summary(results, expectations)}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : e}\n`);
    process.exitCode = 1;
  });
}
