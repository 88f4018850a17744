/**
 * Health checks (daemon/health.go): a container with a HEALTHCHECK (from its image or from
 * `docker run --health-*`) gets a monitor when it starts. The monitor is a process under dockerd
 * that sleeps an interval, runs the probe as an exec in the container, and keeps State.Health:
 * Status (starting, healthy, unhealthy), FailingStreak and the last five results. Status changes
 * are "health_status: <status>" events. When the container stops the monitor is killed and the
 * status becomes unhealthy, as CloseMonitorChannel does.
 */
import type { Gen, Kernel, Main, Sys } from "../../kernel";
import { closeFd, newFile } from "../../kernel/io/files";
import { forkProcess, reap } from "../../kernel/proc/process";
import { sendSignal } from "../../kernel/proc/signal";
import { DockerClient, EngineError } from "../client";
import { emitEvent } from "../events";
import { imageConfig } from "../images/inspect";
import { type ContainerRecord, type ContainerState, engineState } from "../state";
import { rfc3339Nano } from "../time";
import { execInspect, execStart } from "./exec";

/** container.HealthConfig; durations in nanoseconds, zero meaning "the default". */
export interface HealthConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

export interface HealthResult {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

export type HealthState = NonNullable<ContainerState["Health"]> & { Log: HealthResult[] };

type ConfigWithHealth = ContainerRecord["config"] & { Healthcheck?: HealthConfig };

const SECOND = 1_000_000_000;
const DEFAULT_INTERVAL = 30 * SECOND;
const DEFAULT_TIMEOUT = 30 * SECOND;
const DEFAULT_START_INTERVAL = 5 * SECOND;
const DEFAULT_RETRIES = 3;
const MAX_LOG_ENTRIES = 5;
const MAX_OUTPUT_LEN = 4096;
const MIN_DURATION = 1_000_000;

/** The container's health check config (after the create-time merge with the image's). */
export function healthcheckOf(c: ContainerRecord): HealthConfig | undefined {
  return (c.config as ConfigWithHealth).Healthcheck;
}

/** The daemon's check of a health config (validateHealthCheck). */
export function healthcheckError(hc: HealthConfig | undefined): string | undefined {
  if (!hc) return undefined;
  const fields: Array<[keyof HealthConfig, string]> = [["Interval", "Interval"], ["Timeout", "Timeout"], ["StartPeriod", "StartPeriod"], ["StartInterval", "StartInterval"]];
  for (const [key, name] of fields) {
    const v = (hc[key] as number | undefined) ?? 0;
    if (v !== 0 && v < MIN_DURATION) return `${name} in Healthcheck cannot be less than 1ms`;
  }
  if ((hc.Retries ?? 0) < 0) return "Retries in Healthcheck cannot be negative";
  return undefined;
}

/** What create stores: the user's config, its unset fields taken from the image's (daemon merge). */
export function applyHealthcheck(d: DockerClient, id: string, user: HealthConfig | undefined) {
  const c = d.container(id);
  const img = engineState(d.k).images[c.imageId];
  // The image's config is shared and frozen (config-json.ts): the record keeps its own copy.
  const shared = img ? (imageConfig(img).config?.Healthcheck as HealthConfig | undefined) : undefined;
  const image = shared && { ...shared, Test: shared.Test && [...shared.Test] };
  let merged: HealthConfig | undefined = user ? { ...user } : image ? { ...image } : undefined;
  if (user && image) {
    merged = { ...user };
    if (!merged.Test || merged.Test.length === 0) merged.Test = image.Test;
    for (const key of ["Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"] as const) if (!merged[key]) merged[key] = image[key];
  }
  const config = c.config as ConfigWithHealth;
  if (merged) config.Healthcheck = clean(merged);
  else delete config.Healthcheck;
}

/** Go's omitempty: zero durations and counts are left out. */
function clean(hc: HealthConfig): HealthConfig {
  const out: HealthConfig = {};
  if (hc.Test && hc.Test.length > 0) out.Test = hc.Test;
  for (const key of ["Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"] as const) if (hc[key]) out[key] = hc[key];
  return out;
}

/** The probe's command, or null when there is none ("NONE", or no test at all). */
function probeCommand(c: ContainerRecord): string[] | null {
  const test = healthcheckOf(c)?.Test;
  if (!test || test.length === 0 || test[0] === "NONE") return null;
  if (test[0] === "CMD") return test.slice(1);
  if (test[0] === "CMD-SHELL") return ["/bin/sh", "-c", test.slice(1).join(" ")];
  return null;
}

function monitors(k: Kernel): Record<string, number> {
  const st = engineState(k) as ReturnType<typeof engineState> & { healthMonitors?: Record<string, number> };
  st.healthMonitors ??= {};
  return st.healthMonitors;
}

/** On start: the status goes back to "starting" (the log is kept) and a monitor begins. */
export function startHealthMonitor(k: Kernel, c: ContainerRecord) {
  if (!probeCommand(c)) return;
  stopHealthMonitor(k, c);
  const h = c.state.Health as HealthState | undefined;
  c.state.Health = { Status: "starting", FailingStreak: 0, Log: h?.Log ?? [] } as HealthState;
  const st = engineState(k);
  const parent = k.w.procs[st.daemonPid] ? st.daemonPid : 1;
  const output = { text: "" };
  const pid = forkProcess(k, { parent, main: monitorMain(k, c.id, output), comm: "dockerd" });
  const p = k.w.procs[pid];
  for (const fd of Object.keys(p.fds)) closeFd(k, p, Number(fd));
  // The probe's stdout and stderr (an exec inherits them) go to one capped buffer.
  const sink = newFile(k, {
    kind: "sink",
    read: false,
    write: true,
    sink: k.addSink((b) => {
      output.text = (output.text + b).slice(0, MAX_OUTPUT_LEN);
    }),
  });
  k.w.files[sink].refs = 2;
  p.fds[1] = { file: sink, cloexec: false };
  p.fds[2] = { file: sink, cloexec: false };
  p.fds[0] = { file: newFile(k, { kind: "device", read: true, write: true, rdev: [1, 3] }), cloexec: false };
  monitors(k)[c.id] = pid;
}

/** On exit: the monitor ends and, if it was running, the status becomes unhealthy. */
export function stopHealthMonitor(k: Kernel, c: ContainerRecord) {
  const pid = monitors(k)[c.id];
  if (pid === undefined) return;
  delete monitors(k)[c.id];
  if (k.w.procs[pid] && k.w.procs[pid].state !== "Z") sendSignal(k, pid, "KILL", 0);
  if (k.w.procs[pid]?.state === "Z") reap(k, pid);
  if (c.state.Health) c.state.Health.Status = "unhealthy";
}

const ms = (ns: number) => ns / 1e6;

/** Go's time.Duration.String() for whole units (the timeout message). */
function durationText(ns: number): string {
  const s = ns / SECOND;
  if (s >= 60 && Number.isInteger(s)) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return `${h > 0 ? `${h}h` : ""}${m}m${s % 60}s`;
  }
  if (s >= 1) return `${s}s`;
  return `${ns / 1e6}ms`;
}

function monitorMain(k: Kernel, id: string, output: { text: string }): Main {
  return function* (sys: Sys): Gen<number> {
    const d = new DockerClient(k, sys.getpid());
    const container = () => {
      const c = engineState(k).containers[id];
      return c?.state.Running ? c : undefined;
    };
    for (;;) {
      let c = container();
      if (!c) return 0;
      const hc = healthcheckOf(c) ?? {};
      const startPeriod = hc.StartPeriod ?? 0;
      const sinceStart = (k.uptime() - c.state.startedUptime) * 1000;
      const starting = sinceStart < startPeriod && c.state.Health?.Status === "starting";
      yield* sys.sleep(ms(starting ? (hc.StartInterval ?? DEFAULT_START_INTERVAL) : (hc.Interval ?? DEFAULT_INTERVAL)));
      c = container();
      if (!c) return 0;
      const result = yield* probe(d, c, output);
      c = container();
      if (!c) return 0;
      record(k, c, result);
    }
  };
}

/** Runs the probe once as an exec, within the timeout. */
function* probe(d: DockerClient, c: ContainerRecord, output: { text: string }): Gen<HealthResult> {
  const k = d.k;
  const hc = healthcheckOf(c) ?? {};
  const timeout = hc.Timeout ?? DEFAULT_TIMEOUT;
  const start = rfc3339Nano(k.now());
  output.text = "";
  let execId: string;
  try {
    execId = execStart(d, c.id, { cmd: probeCommand(c) ?? [], user: c.config.User || undefined });
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    return { Start: start, End: rfc3339Nano(k.now()), ExitCode: -1, Output: e.message };
  }
  const deadline = k.uptime() + timeout / 1000;
  try {
    for (;;) {
      const r = execInspect(d, execId);
      if (!r?.running) return { Start: start, End: rfc3339Nano(k.now()), ExitCode: r?.exitCode ?? -1, Output: output.text };
      if (k.uptime() >= deadline) {
        if (k.w.procs[r.pid] && k.w.procs[r.pid].state !== "Z") sendSignal(k, r.pid, "KILL", 0);
        return { Start: start, End: rfc3339Nano(k.now()), ExitCode: -1, Output: `Health check exceeded timeout (${durationText(timeout)})` };
      }
      yield { kind: "chan", chan: `docker:exec:${execId}`, until: deadline };
    }
  } finally {
    // The daemon unregisters a probe's exec once it is done (it never shows in ExecIDs for long).
    delete (engineState(k) as { execs?: Record<string, unknown> }).execs?.[execId];
  }
}

/** handleProbeResult: the log, the failing streak, the status and its event. */
function record(k: Kernel, c: ContainerRecord, result: HealthResult) {
  const h = c.state.Health as HealthState;
  const hc = healthcheckOf(c) ?? {};
  const before = h.Status;
  h.Log = [...(h.Log ?? []), result].slice(-MAX_LOG_ENTRIES);
  if (result.ExitCode === 0) {
    h.FailingStreak = 0;
    h.Status = "healthy";
  } else {
    // Failures inside the start period do not count while the container has never been healthy.
    const sinceStart = (k.uptime() - c.state.startedUptime) * 1000;
    if (!(h.Status === "starting" && sinceStart < (hc.StartPeriod ?? 0))) {
      h.FailingStreak++;
      if (h.FailingStreak >= (hc.Retries || DEFAULT_RETRIES)) h.Status = "unhealthy";
    }
  }
  if (h.Status !== before) emitEvent(k, "container", `health_status: ${h.Status}`, c.id, { image: c.imageRef, name: c.name });
}
