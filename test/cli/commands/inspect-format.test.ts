/**
 * docker inspect -f over a container: the typed struct first (Go field names; nil pointers "<nil>",
 * nil slices "[]", nil maps "map[]", omitted fields at their zero value), then the raw JSON map
 * with missingkey=error and numbers as their JSON text. Outputs recorded from the real client.
 */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./transcript";

const CASES: Array<[string, string]> = [
  ["{{.State.Health}}", "<nil>"],
  ["{{.Config.Healthcheck}}", "<nil>"],
  ["{{.HostConfig.Dns}}", "[]"],
  ["{{.NetworkSettings.Networks.bridge.Aliases}}", "[]"],
  ["{{.NetworkSettings.Networks.bridge.Links}}", "[]"],
  ["{{.NetworkSettings.Networks.bridge.IPAMConfig}}", "<nil>"],
  ["{{.NetworkSettings.Networks.bridge.DriverOpts}}", "map[]"],
  ["{{.HostConfig.Binds}}", "[]"],
  ["{{.HostConfig.CapAdd}}", "[]"],
  ["{{.HostConfig.LogConfig.Config}}", "map[]"],
  ["{{.HostConfig.Tmpfs}}", "map[]"],
  ["{{.HostConfig.Sysctls}}", "map[]"],
  ["{{.Config.Volumes}}", "map[]"],
  ["{{.Config.Entrypoint}}", "[]"],
  ["{{.Config.ExposedPorts}}", "map[]"],
  ["{{.Config.StopSignal}}", ""],
  ["{{.Config.Shell}}", "[]"],
  ["{{.Config.StopTimeout}}", "<nil>"],
  ["{{.HostConfig.PidsLimit}}", "<nil>"],
  ["{{.HostConfig.Init}}", "<nil>"],
  ["{{.SizeRw}}", "<nil>"],
  ["{{.ExecIDs}}", "[]"],
  ["{{json .State.Health}}", "null"],
  ["{{json .Config.Entrypoint}}", "null"],
  ["{{json .NetworkSettings.Networks.bridge.Aliases}}", "null"],
  ["{{json .HostConfig.Dns}}", "[]"],
  ["{{json .HostConfig.LogConfig}}", '{"Type":"json-file","Config":{}}'],
  ['{{printf "%v|%T" .State.Health .State.Health}}', "<nil>|*container.Health"],
  ['{{printf "%T" .HostConfig.Dns}}', "[]interface {}"],
  ["{{if .State.Health}}y{{else}}n{{end}}", "n"],
  ["{{.HostConfig.LogConfig}}", "{json-file map[]}"],
  ["{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuPeriod}}", "0 0 0"],
];

describe("docker inspect --format: nil and missing fields", () => {
  it("prints what the real client prints for fields the container does not set", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox", "docker run -d --name insp busybox sleep 1000"]);
    const got = CASES.map(([f]) => transcript(k, [`docker inspect -f '${f}' insp`]));
    expect(got).toEqual(CASES.map(([f, out]) => `$ docker inspect -f '${f}' insp\n${out}\n`));
  });

  it("a field of a nil pointer fails the typed run and then the raw map's missing key", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox", "docker run -d --name insp busybox sleep 1000"]);
    expect(transcript(k, ["docker inspect -f '{{.State.Health.Status}}' insp", "docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAMConfig.IPv4Address}}' insp"]))
      .toBe(`$ docker inspect -f '{{.State.Health.Status}}' insp

[stderr] template parsing error: template: :1:8: executing "" at <.State.Health.Status>: map has no entry for key "Health"
[exit 1]
$ docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAMConfig.IPv4Address}}' insp

[stderr] template parsing error: template: :1:18: executing "" at <.NetworkSettings.Networks.bridge.IPAMConfig.IPv4Address>: nil pointer evaluating interface {}.IPv4Address
[exit 1]
`);
  });
});
