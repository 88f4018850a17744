import { describe, expect, it } from "vitest";
import { docker, dockerHost } from "../images/harness";

describe("docker network", () => {
  it("creates bridge networks in the next free /16 with a br- bridge on the host", () => {
    const k = dockerHost();
    const id1 = docker(k, ["network", "create", "front"]).stdout.trim();
    const id2 = docker(k, ["network", "create", "--label", "tier=db", "back"]).stdout.trim();
    expect(id1).toMatch(/^[0-9a-f]{64}$/);
    expect(docker(k, ["network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}} {{.Driver}} {{.Labels}}", "front", "back"]).stdout).toBe(
      "172.18.0.0/16 172.18.0.1 bridge map[]\n172.19.0.0/16 172.19.0.1 bridge map[tier:db]\n",
    );
    const ls = docker(k, ["network", "ls"]).stdout.split("\n");
    expect(ls[0]).toBe("NETWORK ID     NAME      DRIVER    SCOPE");
    expect(ls.slice(1).map((l) => l.replace(/^[0-9a-f]{12} {3}/, ""))).toEqual([
      "back      bridge    local",
      "bridge    bridge    local",
      "front     bridge    local",
      "host      host      local",
      "none      null      local",
      "",
    ]);
    expect(docker(k, ["network", "ls", "-q", "--filter", "type=custom", "--no-trunc"]).stdout).toBe(`${id2}\n${id1}\n`);
    const hostIfaces = () => k.w.ns[k.w.initNs.net].net!.ifaces.map((i) => i.name);
    expect(hostIfaces()).toContain(`br-${id1.slice(0, 12)}`);
    const inspect = JSON.parse(docker(k, ["network", "inspect", "front"]).stdout)[0];
    expect(Object.keys(inspect)).toEqual(["Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM", "Internal", "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels"]);
    expect(inspect.IPAM).toEqual({ Driver: "default", Options: {}, Config: [{ Subnet: "172.18.0.0/16", Gateway: "172.18.0.1" }] });
    expect(docker(k, ["network", "rm", "front", "bridge", "nosuch"])).toEqual({
      stdout: "front\n",
      stderr: "Error response from daemon: bridge is a pre-defined network and cannot be removed\nError response from daemon: network nosuch not found\nexit status 1\n",
      code: 1,
    });
    expect(hostIfaces()).not.toContain(`br-${id1.slice(0, 12)}`);
    expect(docker(k, ["network", "prune", "-f"]).stdout).toBe("Deleted Networks:\nback\n");
  });

  it("refuses duplicate and predefined names and unknown drivers", () => {
    const k = dockerHost();
    docker(k, ["network", "create", "app"]);
    expect(docker(k, ["network", "create", "app"]).stderr).toBe("Error response from daemon: network with name app already exists\n");
    expect(docker(k, ["network", "create", "host"]).stderr).toBe("Error response from daemon: operation is not permitted on predefined host network\n");
    expect(docker(k, ["network", "create", "-d", "foo", "x"]).stderr).toBe('Error response from daemon: plugin "foo" not found\n');
    expect(docker(k, ["network", "create", "--subnet", "172.18.5.0/24", "y"]).stderr).toBe(
      "Error response from daemon: invalid pool request: Pool overlaps with other one on this address space\n",
    );
    expect(docker(k, ["network", "create", "--subnet", "10.10.0.0/24", "z"]).code).toBe(0);
    // IPAM.Config is what was asked for: a --subnet without --gateway names no gateway (dockerd 20.10).
    expect(docker(k, ["network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "z"]).stdout).toBe("\n");
  });
});
