/**
 * busybox 1.35's ip options in a container: -o[neline] joins each record's lines with a backslash,
 * -f[amily] inet|inet6|link, -4, -6, -0, abbreviations and "--". Expected outputs recorded with
 * `docker run --rm busybox ...` on a real dockerd 20.10 (interface numbers aside).
 */
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { docker, dockerHost } from "../../cli/images/harness";

function host(): Kernel {
  const k = dockerHost();
  expect(docker(k, ["pull", "-q", "busybox"]).code).toBe(0);
  expect(docker(k, ["run", "-d", "--name", "box", "busybox", "sleep", "300"]).code).toBe(0);
  return k;
}

const ok = (stdout: string) => ({ stdout, stderr: "", code: 0 });
const LO_ADDR = "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n";
const LO_LINK = "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000";
const LO_ETHER = "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00";
const ETH_LINK = (n: number) => `${n}: eth0@if${n + 1}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue `;
const ETH_ETHER = "    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff";

describe("busybox ip -o", () => {
  it("prints one line per address and per link", () => {
    const k = host();
    const ip = (...args: string[]) => docker(k, ["exec", "box", "ip", ...args]);
    const eth = Number(/^(\d+): eth0/m.exec(ip("link").stdout)?.[1]);
    const ethAddr = `${eth}: eth0    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\\       valid_lft forever preferred_lft forever\n`;
    expect(ip("-o", "addr")).toEqual(ok(LO_ADDR + ethAddr));
    expect(ip("-o", "-4", "addr")).toEqual(ok(LO_ADDR + ethAddr));
    expect(ip("-4", "-o", "a")).toEqual(ok(LO_ADDR + ethAddr));
    expect(ip("-f", "inet", "-o", "addr")).toEqual(ok(LO_ADDR + ethAddr));
    expect(ip("-on", "addr", "show", "lo")).toEqual(ok(LO_ADDR));
    expect(ip("-o", "-6", "addr")).toEqual(ok(""));
    expect(ip("-o", "link")).toEqual(ok(`${LO_LINK}\\${LO_ETHER}\n${ETH_LINK(eth)}\\${ETH_ETHER}\n`));
    expect(ip("--oneline", "link", "show", "lo")).toEqual(ok(`${LO_LINK}\\${LO_ETHER}\n`));
    expect(ip("-o", "-o", "link", "show", "lo")).toEqual(ok(`${LO_LINK}\\${LO_ETHER}\n`));
    expect(ip("-o", "route")).toEqual(ok("default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 scope link  src 172.17.0.2 \n"));
    expect(ip("-f", "link", "-o", "addr")).toEqual(ok(`${LO_LINK}\\${LO_ETHER}\n${ETH_LINK(eth)}\\${ETH_ETHER}\n`));
  });

  it("takes -0 and -family link as link-level only, and rejects what busybox rejects", () => {
    const k = host();
    const ip = (...args: string[]) => docker(k, ["exec", "box", "ip", ...args]);
    const eth = Number(/^(\d+): eth0/m.exec(ip("link").stdout)?.[1]);
    const links = ok(`${LO_LINK}\n${LO_ETHER}\n${ETH_LINK(eth)}\n${ETH_ETHER}\n`);
    expect(ip("-0", "addr")).toEqual(links);
    expect(ip("-family", "link", "addr")).toEqual(links);
    expect(ip("-family", "inet6", "addr")).toEqual(ok(""));
    expect(ip("--", "addr", "show", "lo")).toEqual(
      ok(`${LO_LINK}\n${LO_ETHER}\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n`),
    );
    expect(ip("-f", "bogus", "addr")).toEqual({ stdout: "", stderr: "ip: invalid argument 'bogus' to 'family'\n", code: 1 });
    for (const bad of [["-x", "addr"], ["-r", "link"], ["-oneline0", "addr"], ["-f"]]) {
      const r = ip(...bad);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^BusyBox v1\.\d+\.\d+ .*\n\nUsage: ip \[OPTIONS\] address\|route\|link\|tunnel\|neigh\|rule \[ARGS\]\n\nOPTIONS := -f\[amily\] inet\|inet6\|link \| -o\[neline\]\n/);
    }
  });
});
