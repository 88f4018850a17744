/**
 * `docker network inspect --format` over the client's network.Inspect type (IPAM.Config prints
 * as Go structs with their empty fields, ID and AuxAddress by their Go names, nil maps and slices),
 * --ip-range and --aux-address, and the legacy NetworkSettings.IPAddress of a container that
 * joined the default bridge from --network none. Expected outputs recorded on a real dockerd 20.10
 * with the 28.2 client.
 */
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { docker, dockerHost } from "../images/harness";

const out = (stdout: string) => ({ stdout, stderr: "", code: 0 });
const cliError = (msg: string) => ({ stdout: "", stderr: `${msg}\n`, code: 1 });
const inspect = (k: Kernel, format: string, ...names: string[]) => docker(k, ["network", "inspect", "--format", format, ...names]);

describe("network inspect --format", () => {
  it("prints IPAM as the client's structs, empty fields and all", () => {
    const k = dockerHost();
    expect(docker(k, ["network", "create", "n1"]).code).toBe(0);
    expect(docker(k, ["network", "create", "--subnet", "10.9.0.0/24", "--gateway", "10.9.0.254", "--ip-range", "10.9.0.128/25", "--aux-address", "a=10.9.0.5", "n2"]).code).toBe(0);
    expect(docker(k, ["network", "create", "--subnet", "10.8.0.0/24", "n3"]).code).toBe(0);
    expect(inspect(k, "{{.IPAM.Config}}", "bridge", "n1", "n2", "n3", "host")).toEqual(
      out("[{172.17.0.0/16  172.17.0.1 map[]}]\n[{172.18.0.0/16  172.18.0.1 map[]}]\n[{10.9.0.0/24 10.9.0.128/25 10.9.0.254 map[a:10.9.0.5]}]\n[{10.8.0.0/24   map[]}]\n[]\n"),
    );
    expect(inspect(k, "{{.IPAM}}", "bridge", "n2")).toEqual(out("{default map[] [{172.17.0.0/16  172.17.0.1 map[]}]}\n{default map[] [{10.9.0.0/24 10.9.0.128/25 10.9.0.254 map[a:10.9.0.5]}]}\n"));
    expect(inspect(k, "{{range .IPAM.Config}}{{.Subnet}}-{{.Gateway}}-{{.IPRange}}-{{.AuxAddress}}{{end}}", "n1", "n2")).toEqual(
      out("172.18.0.0/16-172.18.0.1--map[]\n10.9.0.0/24-10.9.0.254-10.9.0.128/25-map[a:10.9.0.5]\n"),
    );
    expect(inspect(k, "{{json .IPAM.Config}}", "n2", "n3")).toEqual(
      out('[{"Subnet":"10.9.0.0/24","IPRange":"10.9.0.128/25","Gateway":"10.9.0.254","AuxiliaryAddresses":{"a":"10.9.0.5"}}]\n[{"Subnet":"10.8.0.0/24"}]\n'),
    );
    expect(inspect(k, "{{.ConfigFrom}} {{.Containers}} {{.Labels}} {{.Peers}} {{.Services}} {{.IPAM.Options}} {{json .Peers}}", "bridge")).toEqual(out("{} map[] map[] [] map[] map[] null\n"));
    const id = docker(k, ["network", "inspect", "-f", "{{.Id}}", "n1"]).stdout;
    expect(inspect(k, "{{.ID}}", "n1")).toEqual(out(id));
  });

  it("falls back to the raw JSON, whose missing keys are errors", () => {
    const k = dockerHost();
    const missing = 'template parsing error: template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"';
    expect(inspect(k, "{{.Foo}}", "bridge", "host")).toEqual({ stdout: "\n", stderr: `${missing}\n${missing}\n`, code: 1 });
    expect(inspect(k, "{{.Name}}", "bridge", "nosuch")).toEqual({ stdout: "bridge\n", stderr: "Error response from daemon: network nosuch not found\n", code: 1 });
  });
});

describe("network create --ip-range and --aux-address", () => {
  it("gives addresses from the range, past its first address and the auxiliary ones", () => {
    const k = dockerHost();
    expect(docker(k, ["pull", "-q", "busybox"]).code).toBe(0);
    expect(docker(k, ["network", "create", "--subnet", "10.9.0.0/24", "--ip-range", "10.9.0.128/25", "--aux-address", "a=10.9.0.129", "n2"]).code).toBe(0);
    expect(docker(k, ["run", "--rm", "--network", "n2", "busybox", "ip", "-4", "addr", "show", "eth0"]).stdout).toContain("inet 10.9.0.130/24 brd 10.9.0.255 scope global eth0\n");
    expect(docker(k, ["network", "create", "--subnet", "10.8.0.0/24", "--ip-range", "10.8.0.64/26", "n3"]).code).toBe(0);
    for (const name of ["a1", "a2"]) expect(docker(k, ["run", "-d", "--name", name, "--network", "n3", "busybox", "sleep", "30"]).code).toBe(0);
    expect(inspect(k, "{{range .Containers}}{{.IPv4Address}} {{end}}", "n3")).toEqual(out("10.8.0.65/24 10.8.0.66/24 \n"));
  });

  it("are checked against the subnet by the client, and the gateway by the daemon", () => {
    const k = dockerHost();
    const create = (...args: string[]) => docker(k, ["network", "create", ...args, "nx"]);
    expect(create("--ip-range", "10.9.0.0/25")).toEqual(cliError("every ip-range or gateway must have a corresponding subnet"));
    expect(create("--subnet", "10.9.0.0/24", "--ip-range", "10.9.0.0/25", "--ip-range", "10.9.0.128/25")).toEqual(
      cliError("every ip-range or gateway must have a corresponding subnet"),
    );
    expect(create("--subnet", "10.9.0.0/24", "--ip-range", "10.10.0.0/25")).toEqual(cliError("no matching subnet for range 10.10.0.0/25"));
    expect(create("--subnet", "10.9.0.0/24", "--ip-range", "bad")).toEqual(cliError("invalid CIDR address: bad"));
    expect(create("--subnet", "10.9.0.0/24", "--aux-address", "a=10.10.0.5")).toEqual(cliError("no matching subnet for aux-address 10.10.0.5"));
    expect(create("--subnet", "10.9.0.0/24", "--aux-address", "a")).toEqual(cliError("no matching subnet for aux-address "));
    expect(create("--aux-address", "a=10.9.0.5")).toEqual(cliError("no matching subnet for aux-address 10.9.0.5"));
    expect(create("--subnet", "10.9.0.0/24", "--aux-address", "a=10.9.0.1", "--gateway", "10.9.0.1")).toEqual(
      cliError("Error response from daemon: failed to allocate secondary ip address (a:10.9.0.1): Address already in use"),
    );
  });
});

describe("a --network none container that joined the default bridge", () => {
  it("has the bridge endpoint's address in the legacy NetworkSettings fields, across a restart", () => {
    const k = dockerHost();
    expect(docker(k, ["pull", "-q", "busybox"]).code).toBe(0);
    expect(docker(k, ["run", "-d", "--network", "none", "--name", "n1", "busybox", "sleep", "300"]).code).toBe(0);
    expect(docker(k, ["network", "disconnect", "none", "n1"])).toEqual(out(""));
    expect(docker(k, ["network", "connect", "bridge", "n1"])).toEqual(out(""));
    const legacy = "ip={{.NetworkSettings.IPAddress}} gw={{.NetworkSettings.Gateway}} mac={{.NetworkSettings.MacAddress}} pl={{.NetworkSettings.IPPrefixLen}} ep={{len .NetworkSettings.EndpointID}}";
    const expected = out("ip=172.17.0.2 gw=172.17.0.1 mac=02:42:ac:11:00:02 pl=16 ep=64 none\n");
    expect(docker(k, ["inspect", "-f", `${legacy} {{.HostConfig.NetworkMode}}`, "n1"])).toEqual(expected);
    expect(docker(k, ["restart", "n1"])).toEqual(out("n1\n"));
    expect(docker(k, ["inspect", "-f", `${legacy} {{.HostConfig.NetworkMode}}`, "n1"])).toEqual(expected);
    expect(docker(k, ["network", "inspect", "-f", "{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}", "bridge"])).toEqual(out("n1 172.17.0.2/16\n"));
  });
});
