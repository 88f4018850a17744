import { describe, expect, it } from "vitest";
import type { Gen, Kernel, ProgramDef, Sys } from "../../../src/kernel";
import type { DockerClient } from "../../../src/engine/client";
import { execStart, execWait } from "../../../src/engine/containers/exec";
import { startDocker } from "../../../src/engine/daemon";
import { parseImageRef } from "../../../src/engine/images/refs";
import { connectNetwork, createNetwork, findNetwork } from "../../../src/engine/networks/networks";
import { newHost, run } from "../../helpers/host";

function program(name: string, body: (sys: Sys, d: DockerClient) => Gen<number>): ProgramDef {
  return {
    name,
    *main(sys) {
      return yield* body(sys, sys.connect("/var/run/docker.sock") as DockerClient);
    },
  };
}

/**
 * A host with `up NAME...` (busybox containers that sleep), `net NETWORK NAME[:ALIAS]...` (a
 * user-defined network the containers join) and `in NAME CMD...` (docker exec).
 */
function host(): Kernel {
  const k = newHost({
    extra: [
      program("up", function* (sys, d) {
        const r = parseImageRef("busybox");
        if (!r.ok) return 1;
        yield* d.pull(r.ref, "amd64", () => {});
        for (const name of sys.argv.slice(1)) d.containerStart(d.containerCreate({ image: "busybox", name, cmd: ["sleep", "1000"] }).id);
        yield* sys.sleep(10);
        return 0;
      }),
      program("net", function* (sys, d) {
        const net = createNetwork(d.k, { name: sys.argv[1], labels: {} });
        for (const spec of sys.argv.slice(2)) {
          const [name, ...aliases] = spec.split(":");
          connectNetwork(d.k, findNetwork(d.k, net.id), d.container(name), { aliases });
        }
        yield* sys.sleep(1);
        return 0;
      }),
      program("in", function* (sys, d) {
        return yield* execWait(d, execStart(d, sys.argv[1], { cmd: sys.argv.slice(2) }));
      }),
    ],
  });
  startDocker(k);
  return k;
}

describe("containers on the default bridge", () => {
  it("ping each other by address, a second apart", () => {
    const k = host();
    expect(run(k, ["up", "alpha", "beta"]).code).toBe(0);
    const t0 = k.uptime();
    expect(run(k, ["in", "alpha", "ping", "-c", "3", "172.17.0.3"])).toEqual({
      stdout:
        "PING 172.17.0.3 (172.17.0.3): 56 data bytes\n64 bytes from 172.17.0.3: seq=0 ttl=64 time=0.080 ms\n64 bytes from 172.17.0.3: seq=1 ttl=64 time=0.080 ms\n64 bytes from 172.17.0.3: seq=2 ttl=64 time=0.080 ms\n\n--- 172.17.0.3 ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\nround-trip min/avg/max = 0.080/0.080/0.080 ms\n",
      stderr: "",
      code: 0,
    });
    expect(Math.round((k.uptime() - t0) / 1e6)).toBe(2);
  });

  it("do not resolve each other's names, and a container without a network reaches nothing", () => {
    const k = host();
    run(k, ["up", "alpha", "beta"]);
    const r = run(k, ["in", "alpha", "ping", "-c", "1", "beta"]);
    expect(r).toEqual({ stdout: "", stderr: "ping: bad address 'beta'\n", code: 1 });
  });

  it("shows eth0 with busybox's ip and the host's veth with iproute2", () => {
    const k = host();
    run(k, ["up", "alpha"]);
    const inside = run(k, ["in", "alpha", "ip", "a"]).stdout;
    expect(inside).toMatch(
      /^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n {4}link\/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n {4}inet 127\.0\.0\.1\/8 scope host lo\n {7}valid_lft forever preferred_lft forever\n\d+: eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n {4}link\/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff\n {4}inet 172\.17\.0\.2\/16 brd 172\.17\.255\.255 scope global eth0\n {7}valid_lft forever preferred_lft forever\n$/,
    );
    expect(run(k, ["in", "alpha", "ip", "r"]).stdout).toBe("default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 \n");
    const hostView = run(k, ["ip", "a", "show", "docker0"]).stdout;
    expect(hostView).toMatch(
      /^\d+: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n {4}link\/ether 02:42:ac:11:00:01 brd ff:ff:ff:ff:ff:ff\n {4}inet 172\.17\.0\.1\/16 brd 172\.17\.255\.255 scope global docker0\n {7}valid_lft forever preferred_lft forever\n {4}inet6 fe80::42:acff:fe11:1\/64 scope link \n {7}valid_lft forever preferred_lft forever\n$/,
    );
    expect(run(k, ["ip", "link"]).stdout).toMatch(/\n\d+: veth[0-9a-f]{7}@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP mode DEFAULT group default \n {4}link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff link-netnsid 0\n$/);
    expect(run(k, ["ip", "a", "show", "dev", "nope"])).toEqual({ stdout: "", stderr: 'Device "nope" does not exist.\n', code: 1 });
  });
});

describe("a user-defined network", () => {
  it("resolves container names and aliases at 127.0.0.11", () => {
    const k = host();
    run(k, ["up", "web", "client"]);
    expect(run(k, ["net", "appnet", "web:site", "client"]).code).toBe(0);
    expect(run(k, ["in", "client", "nslookup", "web", "127.0.0.11"])).toEqual({
      stdout: "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\n\nNon-authoritative answer:\nName:\tweb\nAddress: 172.18.0.2\n\n",
      stderr: "",
      code: 0,
    });
    expect(run(k, ["in", "client", "nslookup", "site", "127.0.0.11"]).stdout).toContain("Name:\tsite\nAddress: 172.18.0.2\n");
    expect(run(k, ["in", "client", "nslookup", "nosuch", "127.0.0.11"]).code).toBe(1);
    expect(run(k, ["in", "client", "ping", "-c", "1", "172.18.0.2"]).stdout).toContain("64 bytes from 172.18.0.2: seq=0 ttl=64 time=0.080 ms\n");
  });
});
