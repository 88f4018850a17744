/**
 * Runs a scenario in the sandbox: a fresh simulated host, the same code path as the headless runner
 * (src/node/main.ts), with stdout and stderr captured into one stream in the order they were
 * written, as a terminal would show them.
 */
import { endInput, exitStatus, feedInput, type Kernel, openInput, openSink, run, spawn } from "../../src/kernel";
import { loadHelpTexts } from "../../src/cli/flags/help";
import { bootSandboxHost, HOST_ENV } from "../../src/session/host";
import { SCENARIO_FILE } from "./scenario-file";

/** Scheduler steps a scenario may take before it counts as stuck (a runaway loop). */
const MAX_STEPS = 5_000_000;

function runShell(k: Kernel, argv: string[], onBytes: (b: string) => void, stdin = ""): string | undefined {
  const input = openInput(k);
  feedInput(k, input.pipe, stdin);
  endInput(k, input.pipe);
  const out = openSink(k, onBytes);
  const pid = spawn(k, {
    path: "/bin/sh",
    argv,
    env: HOST_ENV,
    cwd: "/root",
    stdio: [input.file, out, out],
  });
  const state = run(k, { until: () => exitStatus(k, pid) !== undefined, maxSteps: MAX_STEPS });
  return exitStatus(k, pid) ? undefined : state;
}

/**
 * The real machine has busybox:latest already (real-docker.sh builds it); the sandbox starts with
 * no images, so pull it first, silently, to begin from the same state.
 */
const SETUP = "docker pull busybox >/dev/null 2>&1";

export async function runInSandbox(script: string, seed = 1): Promise<string> {
  await loadHelpTexts();
  const k = bootSandboxHost(seed);
  const setupStuck = runShell(k, ["sh", "-c", SETUP], () => {});
  if (setupStuck) return `reality: sandbox setup did not finish (${setupStuck})\n`;
  const saveStuck = runShell(k, ["sh", "-c", `cat > ${SCENARIO_FILE}`], () => {}, script);
  if (saveStuck) return `reality: the scenario could not be saved in the sandbox (${saveStuck})\n`;
  let output = "";
  const stuck = runShell(k, ["/bin/sh", SCENARIO_FILE], (b) => {
    output += b;
  });
  if (stuck) output += `\nreality: the scenario did not finish in the sandbox (${stuck})\n`;
  return output;
}

/**
 * As a child process (node --import tsx sandbox-side.ts < script): prints the scenario's output.
 * The runner uses it so that a scenario that exhausts the sandbox (memory, time) fails alone.
 */
if (process.argv[1]?.endsWith("sandbox-side.ts")) {
  const chunks: Buffer[] = [];
  process.stdin.on("data", (c: Buffer) => chunks.push(c));
  process.stdin.on("end", () => {
    runInSandbox(Buffer.concat(chunks).toString("latin1")).then(
      (out) => process.stdout.write(Buffer.from(out, "latin1")),
      (e) => {
        process.stdout.write(`reality: the sandbox threw: ${e instanceof Error ? e.stack : String(e)}\n`);
      },
    );
  });
}
