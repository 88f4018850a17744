/**
 * `docker network disconnect` of the network a container was created on (the default bridge or a
 * user network), running or stopped: later starts leave it with its loopback only, until the
 * network is connected again. Expected outputs recorded on a real dockerd 20.10 with the 28.2
 * client (busybox image).
 */
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { docker, dockerHost } from "../images/harness";

function host(): Kernel {
  const k = dockerHost();
  expect(docker(k, ["pull", "-q", "busybox"]).code).toBe(0);
  return k;
}

const out = (stdout: string) => ({ stdout, stderr: "", code: 0 });
const LOOPBACK_ONLY =
  "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n";
const HOSTS =
  "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";
const settings = "{{json .NetworkSettings.Networks}} ip={{.NetworkSettings.IPAddress}}";
const inet = (ip: string, prefix: string) => new RegExp(`^\\d+: eth0@if\\d+: .*\\n    inet ${ip.replace(/\./g, "\\.")}/16 brd ${prefix}\\.255\\.255 scope global eth0\\n`, "m");

describe("a container disconnected from its only network", () => {
  it("running on the default bridge, keeps only its loopback when restarted; connecting again gives eth0", () => {
    const k = host();
    expect(docker(k, ["run", "-d", "--name", "c1", "-p", "8085:80", "busybox", "sleep", "1000"]).code).toBe(0);
    expect(docker(k, ["network", "disconnect", "bridge", "c1"])).toEqual(out(""));
    expect(docker(k, ["restart", "c1"])).toEqual(out("c1\n"));
    expect(docker(k, ["exec", "c1", "ip", "addr"])).toEqual(out(LOOPBACK_ONLY));
    expect(docker(k, ["exec", "c1", "cat", "/etc/hosts"])).toEqual(out(HOSTS));
    expect(docker(k, ["inspect", "-f", settings, "c1"])).toEqual(out("{} ip=\n"));
    expect(docker(k, ["port", "c1"])).toEqual(out(""));
    expect(docker(k, ["ps", "--format", "{{.Names}}:{{.Networks}}"])).toEqual(out("c1:\n"));
    expect(docker(k, ["network", "connect", "bridge", "c1"])).toEqual(out(""));
    const addr = docker(k, ["exec", "c1", "ip", "-4", "addr"]);
    expect(addr.stdout).toMatch(inet("172.17.0.2", "172.17"));
    expect(docker(k, ["inspect", "-f", "ip={{.NetworkSettings.IPAddress}}", "c1"])).toEqual(out("ip=172.17.0.2\n"));
  });

  it("stopped on the default bridge, is disconnected and starts with its loopback only", () => {
    const k = host();
    expect(docker(k, ["create", "--name", "c2", "busybox", "sleep", "1000"]).code).toBe(0);
    expect(docker(k, ["network", "disconnect", "bridge", "c2"])).toEqual(out(""));
    expect(docker(k, ["inspect", "-f", "{{json .NetworkSettings.Networks}}", "c2"])).toEqual(out("{}\n"));
    expect(docker(k, ["start", "c2"])).toEqual(out("c2\n"));
    expect(docker(k, ["exec", "c2", "ip", "addr"])).toEqual(out(LOOPBACK_ONLY));
  });

  it("stopped, disconnected and connected again, gets one eth0 and its published ports at start", () => {
    const k = host();
    expect(docker(k, ["create", "--name", "c2", "-p", "8085:80", "busybox", "sleep", "1000"]).code).toBe(0);
    expect(docker(k, ["network", "disconnect", "bridge", "c2"])).toEqual(out(""));
    expect(docker(k, ["network", "connect", "bridge", "c2"])).toEqual(out(""));
    expect(docker(k, ["start", "c2"])).toEqual(out("c2\n"));
    const addr = docker(k, ["exec", "c2", "ip", "-4", "addr"]).stdout;
    expect(addr).toMatch(inet("172.17.0.2", "172.17"));
    expect(addr.match(/ eth\d+@/g)).toEqual([" eth0@"]);
    expect(docker(k, ["port", "c2"])).toEqual(out("80/tcp -> 0.0.0.0:8085\n80/tcp -> [::]:8085\n"));
  });

  it("on a user network, running or stopped, stays off it across restarts, even once it is removed", () => {
    const k = host();
    expect(docker(k, ["network", "create", "n1"]).code).toBe(0);
    expect(docker(k, ["run", "-d", "--name", "c3", "--network", "n1", "busybox", "sleep", "1000"]).code).toBe(0);
    expect(docker(k, ["stop", "-t", "0", "c3"])).toEqual(out("c3\n"));
    expect(docker(k, ["network", "disconnect", "n1", "c3"])).toEqual(out(""));
    expect(docker(k, ["start", "c3"])).toEqual(out("c3\n"));
    expect(docker(k, ["exec", "c3", "ip", "addr"])).toEqual(out(LOOPBACK_ONLY));
    expect(docker(k, ["inspect", "-f", "{{json .NetworkSettings.Networks}} {{.HostConfig.NetworkMode}}", "c3"])).toEqual(out("{} n1\n"));
    expect(docker(k, ["exec", "c3", "cat", "/etc/resolv.conf"]).stdout).not.toContain("127.0.0.11");
    expect(docker(k, ["network", "connect", "n1", "c3"])).toEqual(out(""));
    expect(docker(k, ["exec", "c3", "ip", "-4", "addr"]).stdout).toMatch(inet("172.18.0.2", "172.18"));
    expect(docker(k, ["restart", "c3"])).toEqual(out("c3\n"));
    expect(docker(k, ["exec", "c3", "ip", "-4", "addr"]).stdout).toMatch(inet("172.18.0.2", "172.18"));
    expect(docker(k, ["network", "disconnect", "n1", "c3"])).toEqual(out(""));
    expect(docker(k, ["network", "rm", "n1"])).toEqual(out("n1\n"));
    expect(docker(k, ["restart", "c3"])).toEqual(out("c3\n"));
    expect(docker(k, ["exec", "c3", "ip", "addr"])).toEqual(out(LOOPBACK_ONLY));
  });
});
