import { describe, expect, it } from "vitest";
import type { Gen, ProgramDef, Sys } from "../../src/kernel";
import type { DockerClient } from "../../src/engine/client";
import { startDocker } from "../../src/engine/daemon";
import { parseImageRef } from "../../src/engine/images/refs";
import { newHost, run } from "../helpers/host";

function withDocker(body: (sys: Sys, d: DockerClient) => Gen<string>): ProgramDef {
  return {
    name: "t",
    *main(sys) {
      const d = sys.connect("/var/run/docker.sock") as DockerClient;
      yield* sys.write(1, yield* body(sys, d));
      return 0;
    },
  };
}

function* pullRef(d: DockerClient, name: string): Gen<string[]> {
  const events: string[] = [];
  const r = parseImageRef(name);
  if (!r.ok) throw new Error(r.message);
  const res = yield* d.pull(r.ref, "amd64", (e) => {
    if (e.kind === "layer") events.push(`${e.id}: ${e.status}`);
  });
  if (!res.ok) throw new Error(res.error);
  return events;
}

describe("docker engine", () => {
  it("pulls busybox, runs a container and collects its output and exit code", () => {
    const k = newHost({
      extra: [
        withDocker(function* (_sys, d) {
          const events = yield* pullRef(d, "busybox");
          const { id } = d.containerCreate({ image: "busybox", cmd: ["sh", "-c", "echo hello from $(hostname); cat /etc/os-release 2>&1 | head -1; exit 3"] });
          d.containerStart(id);
          const code = yield* d.containerWait(id);
          const logs = d.logRecords(id).map((l) => `${l.stream}: ${l.log}`).join("");
          return `${events.join("\n")}\n${logs}exit ${code}\n`;
        }),
      ],
    });
    startDocker(k);
    const r = run(k, ["t"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^[0-9a-f]{12}: Pulling fs layer\n/);
    expect(r.stdout).toContain("hello from ");
    expect(r.stdout).toMatch(/exit 3\n$/);
  });
});

describe("docker exec", () => {
  it("runs a process in the container's namespaces, seeing the container's PID 1", async () => {
    const { execStart, execWait } = await import("../../src/engine/containers/exec");
    const k = newHost({
      extra: [
        withDocker(function* (sys, d) {
          yield* pullRef(d, "busybox");
          const { id } = d.containerCreate({ image: "busybox", cmd: ["sleep", "1000"], hostname: "box" });
          d.containerStart(id);
          yield* sys.sleep(10);
          const ex = execStart(d, id, { cmd: ["sh", "-c", "echo pid $$; hostname; cat /proc/1/cmdline | tr '\\0' ' '; echo; ls /proc | grep -c '^[0-9]'"] });
          const code = yield* execWait(d, ex);
          yield* d.containerStop(id, 1);
          const c = d.container(id);
          return `exec exit ${code}; container ${c.state.Status} (${c.state.ExitCode})\n`;
        }),
      ],
    });
    startDocker(k);
    const r = run(k, ["t"]);
    expect(r.stdout).toBe("pid 2\nbox\nsleep 1000 \n4\nexec exit 0; container exited (137)\n");
  });
});
