/**
 * Health checks: the daemon probes with an exec every interval and keeps State.Health; ps shows
 * the status, inspect the log, events the transitions.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { loadHelpTexts } from "../../../src/cli/flags/help";
import { bootSandboxHost } from "../../../src/session/host";
import { run } from "../../helpers/host";

function docker(k: Kernel, ...args: string[]) {
  return run(k, ["docker", ...args]);
}

describe("docker run --health-*", () => {
  let k: Kernel;
  let ok: string;
  let bad: string;
  beforeAll(async () => {
    await loadHelpTexts();
    k = bootSandboxHost();
    expect(docker(k, "pull", "-q", "busybox").code).toBe(0);
    ok = docker(k, "run", "-d", "--name", "ok", "--health-cmd", "echo alive", "--health-interval", "2s", "busybox", "sleep", "1000").stdout.trim();
    bad = docker(k, "run", "-d", "--name", "bad", "--health-cmd", "echo nope; exit 1", "--health-interval", "1s", "--health-retries", "2", "busybox", "sleep", "1000").stdout.trim();
  });

  it("starts as health: starting, then becomes healthy or unhealthy", () => {
    expect(docker(k, "ps").stdout).toBe(
      [
        "CONTAINER ID   IMAGE     COMMAND        CREATED                  STATUS                                     PORTS     NAMES",
        `${bad.slice(0, 12)}   busybox   "sleep 1000"   Less than a second ago   Up Less than a second (health: starting)             bad`,
        `${ok.slice(0, 12)}   busybox   "sleep 1000"   Less than a second ago   Up Less than a second (health: starting)             ok`,
        "",
      ].join("\n"),
    );
    expect(run(k, ["sleep", "3"]).code).toBe(0);
    expect(docker(k, "ps").stdout).toBe(
      [
        "CONTAINER ID   IMAGE     COMMAND        CREATED         STATUS                     PORTS     NAMES",
        `${bad.slice(0, 12)}   busybox   "sleep 1000"   3 seconds ago   Up 3 seconds (unhealthy)             bad`,
        `${ok.slice(0, 12)}   busybox   "sleep 1000"   3 seconds ago   Up 3 seconds (healthy)               ok`,
        "",
      ].join("\n"),
    );
    expect(docker(k, "inspect", "-f", "{{.State.Health.Status}}", "ok", "bad").stdout).toBe("healthy\nunhealthy\n");
  });

  it("keeps the failing streak and the probes' results", () => {
    expect(docker(k, "inspect", "-f", "{{json .State.Health}}", "bad").stdout).toBe(
      '{"Status":"unhealthy","FailingStreak":3,"Log":[' +
        '{"Start":"2026-01-15T09:00:01.03105Z","End":"2026-01-15T09:00:01.03105Z","ExitCode":1,"Output":"nope\\n"},' +
        '{"Start":"2026-01-15T09:00:02.03105Z","End":"2026-01-15T09:00:02.03105Z","ExitCode":1,"Output":"nope\\n"},' +
        '{"Start":"2026-01-15T09:00:03.03105Z","End":"2026-01-15T09:00:03.03105Z","ExitCode":1,"Output":"nope\\n"}]}\n',
    );
    expect(docker(k, "inspect", "-f", "{{json .Config.Healthcheck}}", "bad", "ok").stdout).toBe(
      '{"Test":["CMD-SHELL","echo nope; exit 1"],"Interval":1000000000,"Retries":2}\n{"Test":["CMD-SHELL","echo alive"],"Interval":2000000000}\n',
    );
    // Probe execs are unregistered once done.
    expect(docker(k, "inspect", "-f", "{{json .ExecIDs}}", "ok").stdout).toBe("null\n");
  });

  it("reports transitions as health_status events", () => {
    const events = docker(k, "events", "--since", "2026-01-15T09:00:00Z", "--until", "2026-01-15T09:00:10Z", "--filter", "type=container");
    const health = events.stdout.split("\n").filter((l) => l.includes("health_status"));
    expect(health).toEqual([
      `2026-01-15T09:00:02.031049984Z container health_status: healthy ${ok} (image=busybox, name=ok)`,
      `2026-01-15T09:00:02.031049984Z container health_status: unhealthy ${bad} (image=busybox, name=bad)`,
    ]);
  });

  it("stops probing when the container stops, leaving it unhealthy", () => {
    expect(docker(k, "inspect", "-f", "{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{len .State.Health.Log}}", "ok").stdout).toBe("healthy 0 4\n");
    expect(docker(k, "stop", "ok").code).toBe(0);
    expect(docker(k, "inspect", "-f", "{{.State.Status}} {{.State.Health.Status}} {{len .State.Health.Log}}", "ok").stdout).toBe("exited unhealthy 5\n");
    const log = docker(k, "inspect", "-f", "{{json .State.Health.Log}}", "ok").stdout;
    expect(run(k, ["sleep", "5"]).code).toBe(0);
    expect(docker(k, "inspect", "-f", "{{json .State.Health.Log}}", "ok").stdout).toBe(log);
    expect(docker(k, "ps", "-a", "--filter", "name=ok", "--format", "{{.Status}}").stdout).toMatch(/^Exited \(137\) \d+ seconds ago\n$/);
  });
});

describe("health check timeouts, start periods and flag errors", () => {
  let k: Kernel;
  beforeAll(async () => {
    await loadHelpTexts();
    k = bootSandboxHost();
    expect(docker(k, "pull", "-q", "busybox").code).toBe(0);
  });

  it("kills a probe that outlives --health-timeout and counts it after the start period", () => {
    const args = ["--health-cmd", "sleep 5", "--health-interval", "1s", "--health-timeout", "2s", "--health-retries", "1", "--health-start-period", "3s"];
    expect(docker(k, "run", "-d", "--name", "slow", ...args, "busybox", "sleep", "1000").code).toBe(0);
    expect(run(k, ["sleep", "10"]).code).toBe(0);
    // The first probe waits the start interval (5s by default), the next ones the interval.
    expect(docker(k, "inspect", "-f", "{{json .State.Health}}", "slow").stdout).toBe(
      '{"Status":"unhealthy","FailingStreak":2,"Log":[' +
        '{"Start":"2026-01-15T09:00:05.03105Z","End":"2026-01-15T09:00:07.03105Z","ExitCode":-1,"Output":"Health check exceeded timeout (2s)"},' +
        '{"Start":"2026-01-15T09:00:08.03105Z","End":"2026-01-15T09:00:10.03105Z","ExitCode":-1,"Output":"Health check exceeded timeout (2s)"}]}\n',
    );
  });

  it("reports a probe that cannot run", () => {
    expect(docker(k, "run", "-d", "--name", "nocmd", "--health-cmd", "x", "--health-interval", "1s", "busybox", "sleep", "1000").code).toBe(0);
    expect(run(k, ["sleep", "1.5"]).code).toBe(0);
    expect(docker(k, "inspect", "-f", "{{.State.Health.Status}} {{.State.Health.FailingStreak}}{{range .State.Health.Log}} {{.ExitCode}} {{.Output}}{{end}}", "nocmd").stdout).toBe(
      "starting 1 127 /bin/sh: x: not found\n\n",
    );
  });

  it("refuses what the client and the daemon refuse", () => {
    expect(docker(k, "run", "--no-healthcheck", "--health-cmd", "x", "busybox")).toEqual({
      stdout: "",
      stderr: "docker: --no-healthcheck conflicts with --health-* options\n\nRun 'docker run --help' for more information\n",
      code: 125,
    });
    expect(docker(k, "run", "--health-interval", "-1s", "busybox").stderr).toBe("docker: --health-interval cannot be negative\n\nRun 'docker run --help' for more information\n");
    expect(docker(k, "run", "--health-timeout", "1us", "busybox").stderr).toBe(
      "docker: Error response from daemon: Timeout in Healthcheck cannot be less than 1ms\n\nRun 'docker run --help' for more information\n",
    );
    expect(docker(k, "create", "--name", "none", "--no-healthcheck", "busybox").code).toBe(0);
    expect(docker(k, "inspect", "-f", "{{json .Config.Healthcheck}}", "none").stdout).toBe('{"Test":["NONE"]}\n');
    expect(docker(k, "start", "none").code).toBe(0);
    expect(docker(k, "ps", "--filter", "name=none", "--format", "{{.Status}}").stdout).toBe("Up Less than a second\n");
  });
});
