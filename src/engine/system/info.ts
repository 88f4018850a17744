/**
 * Facts `docker version` and `docker info` report about the daemon: its build (docker 28.2.2 as
 * the static release bundles it, with containerd 1.7.27, runc 1.2.5, tini 0.19.0) and live counts.
 */
import type { Kernel } from "../../kernel";
import { exists, readFile } from "../hostfs";
import { DOCKER_ROOT } from "../images/store";
import { engineState } from "../state";

export const ENGINE = {
  version: "28.2.2",
  apiVersion: "1.50",
  minApiVersion: "1.24",
  goVersion: "go1.24.3",
  gitCommit: "45873be",
  buildTime: "Fri May 30 12:07:14 2025",
  buildTimeRfc3339: "2025-05-30T12:07:14.000000000+00:00",
  containerd: { version: "1.7.27", commit: "05044ec0a9a75232cad458027ca83437aae3f4da" },
  runc: { version: "1.2.5", commit: "v1.2.5-0-g59923ef" },
  init: { version: "0.19.0", commit: "de40ad0" },
};

export interface DaemonCounts {
  containers: number;
  running: number;
  paused: number;
  stopped: number;
  images: number;
}

export function daemonCounts(k: Kernel): DaemonCounts {
  const st = engineState(k);
  const cs = Object.values(st.containers);
  const running = cs.filter((c) => c.state.Running && !c.state.Paused).length;
  const paused = cs.filter((c) => c.state.Paused).length;
  return { containers: cs.length, running, paused, stopped: cs.length - running - paused, images: Object.keys(st.images).length };
}

/** The host's PRETTY_NAME (what the daemon reads from /etc/os-release). */
export function operatingSystem(k: Kernel): string {
  if (!exists(k, "/etc/os-release")) return "Linux";
  const m = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFile(k, "/etc/os-release"));
  return m ? m[1] : "Linux";
}

/** The engine ID (a UUID kept in /var/lib/docker/engine-id). */
export function engineId(k: Kernel): string {
  const path = `${DOCKER_ROOT}/engine-id`;
  return exists(k, path) ? readFile(k, path).trim() : "";
}
