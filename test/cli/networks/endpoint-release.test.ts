/**
 * A stopped container holds no address: dockerd gives its IPs back to the pool when it stops and
 * asks again when it starts (an --ip address is asked for again and may have been taken). Expected
 * outputs were recorded on a real dockerd 20.10 with the 28.2 client.
 */
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { docker, dockerHost } from "../images/harness";

function host(): Kernel {
  const k = dockerHost();
  expect(docker(k, ["pull", "-q", "busybox"]).code).toBe(0);
  return k;
}

function detached(k: Kernel, ...args: string[]) {
  expect(docker(k, ["run", "-d", ...args, "busybox", "sleep", "300"]).code).toBe(0);
}

const out = (stdout: string) => ({ stdout, stderr: "", code: 0 });

describe("addresses of stopped containers", () => {
  it("go back to the default bridge's pool: a restarted container may get another", () => {
    const k = host();
    detached(k, "--name", "aa");
    expect(docker(k, ["stop", "-t0", "aa"])).toEqual(out("aa\n"));
    const bridgeId = docker(k, ["network", "inspect", "-f", "{{.Id}}", "bridge"]).stdout.trim();
    expect(JSON.parse(docker(k, ["inspect", "-f", "{{json .NetworkSettings}}", "aa"]).stdout)).toEqual({
      Bridge: "",
      SandboxID: "",
      SandboxKey: "",
      Ports: {},
      HairpinMode: false,
      LinkLocalIPv6Address: "",
      LinkLocalIPv6PrefixLen: 0,
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: "",
      Gateway: "",
      GlobalIPv6Address: "",
      GlobalIPv6PrefixLen: 0,
      IPAddress: "",
      IPPrefixLen: 0,
      IPv6Gateway: "",
      MacAddress: "",
      Networks: {
        bridge: {
          IPAMConfig: null,
          Links: null,
          Aliases: null,
          MacAddress: "",
          DriverOpts: null,
          GwPriority: 0,
          NetworkID: bridgeId,
          EndpointID: "",
          Gateway: "",
          IPAddress: "",
          IPPrefixLen: 0,
          IPv6Gateway: "",
          GlobalIPv6Address: "",
          GlobalIPv6PrefixLen: 0,
          DNSNames: null,
        },
      },
    });
    detached(k, "--name", "bb");
    expect(docker(k, ["start", "aa"])).toEqual(out("aa\n"));
    expect(docker(k, ["inspect", "-f", "{{.NetworkSettings.IPAddress}}", "aa", "bb"])).toEqual(
      out("172.17.0.3\n172.17.0.2\n"),
    );
  });

  it("go back to a user network's pool, --ip ones too; the asked-for address may be taken meanwhile", () => {
    const k = host();
    docker(k, ["network", "create", "--subnet", "10.9.0.0/24", "un2"]);
    detached(k, "--name", "s1", "--net", "un2", "--ip", "10.9.0.5", "--network-alias", "al");
    detached(k, "--name", "d1", "--net", "un2");
    expect(docker(k, ["stop", "-t0", "s1", "d1"])).toEqual(out("s1\nd1\n"));
    const fields =
      "{{.Name}} {{json .NetworkSettings.Networks.un2.IPAMConfig}} {{json .NetworkSettings.Networks.un2.IPAddress}} {{json .NetworkSettings.Networks.un2.MacAddress}}";
    expect(docker(k, ["inspect", "-f", fields, "s1", "d1"])).toEqual(
      out('/s1 {"IPv4Address":"10.9.0.5"} "" ""\n/d1 null "" ""\n'),
    );
    expect(docker(k, ["network", "inspect", "-f", "{{json .Containers}}", "un2"])).toEqual(out("{}\n"));
    detached(k, "--name", "s2", "--net", "un2", "--ip", "10.9.0.5");
    detached(k, "--name", "d2", "--net", "un2");
    expect(docker(k, ["start", "s1"])).toEqual({
      stdout: "",
      stderr: "Error response from daemon: failed to set up container networking: Address already in use\nError: failed to start containers: s1\n",
      code: 1,
    });
    expect(docker(k, ["start", "d1"])).toEqual(out("d1\n"));
    expect(docker(k, ["inspect", "-f", fields, "s1", "s2", "d1", "d2"])).toEqual(
      out(
        '/s1 {"IPv4Address":"10.9.0.5"} "" ""\n' +
          '/s2 {"IPv4Address":"10.9.0.5"} "10.9.0.5" "02:42:0a:09:00:05"\n' +
          '/d1 null "10.9.0.3" "02:42:0a:09:00:03"\n' +
          '/d2 null "10.9.0.2" "02:42:0a:09:00:02"\n',
      ),
    );
    // The interface inside has the new address and the MAC made from it.
    expect(docker(k, ["exec", "d1", "sh", "-c", "ip addr show eth0 | grep inet"])).toEqual(
      out("    inet 10.9.0.3/24 brd 10.9.0.255 scope global eth0\n"),
    );
    expect(docker(k, ["exec", "d1", "cat", "/sys/class/net/eth0/address"])).toEqual(
      out("02:42:0a:09:00:03\n"),
    );
  });

  it("do not keep a network in use, and a connected stopped container gets its address when it starts", () => {
    const k = host();
    docker(k, ["network", "create", "--subnet", "10.9.0.0/24", "un5"]);
    expect(docker(k, ["create", "--name", "cc", "busybox", "sleep", "300"]).code).toBe(0);
    expect(docker(k, ["network", "connect", "un5", "cc"])).toEqual(out(""));
    expect(docker(k, ["inspect", "-f", "{{json .NetworkSettings.Networks.un5.IPAddress}}", "cc"])).toEqual(
      out('""\n'),
    );
    detached(k, "--name", "dd", "--net", "un5");
    expect(docker(k, ["start", "cc"])).toEqual(out("cc\n"));
    const fields =
      "{{.Name}} {{.NetworkSettings.Networks.un5.IPAddress}} {{.NetworkSettings.Networks.un5.MacAddress}}";
    expect(docker(k, ["inspect", "-f", fields, "cc", "dd"])).toEqual(
      out("/cc 10.9.0.3 02:42:0a:09:00:03\n/dd 10.9.0.2 02:42:0a:09:00:02\n"),
    );

    docker(k, ["network", "create", "un4"]);
    detached(k, "--name", "s4", "--net", "un4");
    docker(k, ["stop", "-t0", "s4"]);
    expect(docker(k, ["network", "rm", "un4"])).toEqual(out("un4\n"));
    expect(docker(k, ["start", "s4"]).code).toBe(1);
  });
});
