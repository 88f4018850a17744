/**
 * Runs a scenario against a real dockerd: the private one started by isolated-dockerd.sh (its own
 * namespaces and data root, so the suite sees a fresh machine and may wipe it between scenarios).
 * The script runs inside those pid, network and mount namespaces, so that what it shows of the host
 * (ps, ip, iptables, mounts, /var/lib/docker) is that machine's, under the host's /bin/sh (dash on
 * Debian, as the sandbox's), with stdout and stderr on one pipe.
 */
import { spawnSync } from "node:child_process";
import { runCaptured } from "./captured";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { SCENARIO_FILE } from "./scenario-file";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HERE = new URL(".", import.meta.url).pathname;

/** The docker CLI version the sandbox imitates; a live run with another client would differ everywhere. */
export const EXPECTED_CLIENT_MAJOR = "28.";

export type RealDocker = { host: string } | { unavailable: string };

function sh(cmd: string, env: Record<string, string> = {}, timeoutMs = 120_000) {
  return spawnSync("bash", ["-c", cmd], {
    env: { ...process.env, ...env },
    encoding: "latin1",
    timeout: timeoutMs,
  });
}

/** Starts (or finds) the private dockerd; says why not when it cannot. */
export function realDocker(): RealDocker {
  if (process.env.REALITY_RECORDED === "1") return { unavailable: "REALITY_RECORDED=1 asks for the recordings" };
  if (!isDebianHost()) return { unavailable: "this machine is not Debian (the sandbox's host is Debian 12: dash, GNU tools)" };
  const started = sh(`bash ${join(HERE, "isolated-dockerd.sh")} restart`, {}, 90_000);
  if (started.status !== 0) {
    return { unavailable: `no real dockerd: ${(started.stderr || started.stdout || "").trim() || "start failed"}` };
  }
  const host = started.stdout.trim().split("\n").pop() ?? "";
  const client = sh("docker version -f '{{.Client.Version}}'", { DOCKER_HOST: host }).stdout.trim();
  if (!client.startsWith(EXPECTED_CLIENT_MAJOR)) {
    return { unavailable: `the docker CLI here is ${client || "missing"}, not ${EXPECTED_CLIENT_MAJOR}x like the sandbox's` };
  }
  try {
    cleanupReal(host);
  } catch (e) {
    return { unavailable: (e as Error).message };
  }
  return { host };
}

function isDebianHost(): boolean {
  return sh("grep -qx 'ID=debian' /etc/os-release && test \"$(readlink /bin/sh)\" = dash").status === 0;
}

/** The private namespaces' first process (isolated-dockerd.sh writes it). */
function namespaceInit(): string {
  return readFileSync("/run/reality-docker/init.pid", "latin1").trim();
}

/** Environment of the scenario: root's login like the sandbox host's, pointed at the private daemon. */
function scenarioEnv(host: string): Record<string, string> {
  return {
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    HOME: "/root",
    USER: "root",
    LOGNAME: "root",
    SHELL: "/bin/bash",
    DOCKER_HOST: host,
  };
}

/** Runs the script; returns what a terminal would have shown (latin1 byte string). */
export async function runOnReal(host: string, script: string): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), "reality-"));
  try {
    writeFileSync(SCENARIO_FILE, Buffer.from(script, "latin1"));
    // nsenter -m starts in the namespace's root directory: the script goes back to its own.
    const inNamespaces = ["-t", namespaceInit(), "-p", "-n", "-m", "--"];
    const shell = `cd ${cwd} && exec /bin/sh ${SCENARIO_FILE} 2>&1`;
    const r = await runCaptured("nsenter", [...inNamespaces, "/bin/sh", "-c", shell], {
      cwd,
      env: scenarioEnv(host),
      timeoutMs: 180_000,
    });
    return r.status === "timeout" ? `${r.stdout}\nreality: the scenario did not finish on the real docker\n` : r.stdout;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
    cleanupReal(host);
  }
}

const REMOVE_ALL = [
  "docker ps -aq | xargs -r docker rm -f",
  "docker volume ls -q | xargs -r docker volume rm -f",
  "docker network ls -q --filter type=custom | xargs -r docker network rm",
  "docker images --format '{{.Repository}}:{{.Tag}}' | grep -vx busybox:latest | xargs -r docker rmi -f",
  "docker image prune -f",
].join(" >/dev/null 2>&1; ");

/** Prints nothing when the daemon is up and clean. */
const LEFTOVERS =
  "docker info >/dev/null 2>&1 || echo down; docker ps -aq; docker volume ls -q; docker network ls -q --filter type=custom; " +
  "docker images --format '{{.Repository}}:{{.Tag}}' | grep -vx busybox:latest";

/**
 * Leaves the private daemon as found: only busybox:latest, no containers, volumes or user networks,
 * and restarted in a new network namespace (the daemon is the suite's own; nothing else uses it).
 * Throws when it cannot, so that the next scenario does not run on a dirty or absent daemon.
 */
export function cleanupReal(host: string) {
  const env = { DOCKER_HOST: host };
  const script = join(HERE, "isolated-dockerd.sh");
  for (let attempt = 0; attempt < 3; attempt++) {
    sh(`${REMOVE_ALL} >/dev/null 2>&1`, env);
    const restarted = sh(`bash ${script} restart`, env);
    if (restarted.status !== 0) continue;
    if (sh(LEFTOVERS, env).stdout.trim() === "") return;
  }
  throw new Error(`the private dockerd could not be reset (see /tmp/reality-dockerd.log)`);
}

/** Stops the private daemon (the next run starts a fresh one). */
export function stopRealDocker() {
  sh(`bash ${join(HERE, "isolated-dockerd.sh")} stop`);
}
