/**
 * ifconfig, brctl and bridge link: the host's docker0 with a container's veth, and the container's
 * own view, against the formats of busybox 1.35, bridge-utils 1.7 and iproute2 6.1.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../../../src/cli/flags/help";
import type { Kernel } from "../../../../src/kernel";
import { bootSandboxHost } from "../../../../src/session/host";
import { run } from "../../../helpers/host";

let k: Kernel;
let veth: string;
let mac: string;

beforeAll(async () => {
  await loadHelpTexts();
  k = bootSandboxHost();
  run(k, ["docker", "run", "-d", "--name", "bb", "busybox", "sleep", "1000"]);
  const link = run(k, ["ip", "-br", "link"]).stdout.split("\n").find((l) => l.startsWith("veth"))!;
  veth = link.split("@")[0];
  mac = link.trim().split(/\s+/)[2];
});

const ok = (stdout: string) => ({ stdout, stderr: "", code: 0 });

describe("ifconfig (busybox)", () => {
  it("in a container: eth0 with its address and broadcast, lo, no IPv6", () => {
    expect(run(k, ["docker", "exec", "bb", "ifconfig"])).toEqual(
      ok(
        "eth0      Link encap:Ethernet  HWaddr 02:42:AC:11:00:02  \n          inet addr:172.17.0.2  Bcast:172.17.255.255  Mask:255.255.0.0\n          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:0 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n" +
          "lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:1000 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n",
      ),
    );
  });

  it("on the host: interfaces sorted by name, link-local IPv6, the veth without an address", () => {
    const out = run(k, ["ifconfig"]).stdout;
    expect(out.split("\n\n").map((s) => s.split(" ")[0])).toEqual(["docker0", "eth0", "lo", veth, ""]);
    expect(out).toContain(
      "docker0   Link encap:Ethernet  HWaddr 02:42:AC:11:00:01  \n          inet addr:172.17.0.1  Bcast:172.17.255.255  Mask:255.255.0.0\n          inet6 addr: fe80::42:acff:fe11:1/64 Scope:Link\n          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n",
    );
    expect(out).toContain(`${veth} Link encap:Ethernet  HWaddr ${mac.toUpperCase()}  \n          inet6 addr: fe80::`);
    expect(out).toContain("lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          inet6 addr: ::1/128 Scope:Host\n");
  });

  it("a named interface, a missing one, and a change without CAP_NET_ADMIN", () => {
    expect(run(k, ["docker", "exec", "bb", "ifconfig", "lo"]).stdout.split("\n")[0]).toBe("lo        Link encap:Local Loopback  ");
    expect(run(k, ["docker", "exec", "bb", "ifconfig", "eth5"])).toEqual({
      stdout: "",
      stderr: "ifconfig: eth5: error fetching interface information: Device not found\n",
      code: 1,
    });
    expect(run(k, ["docker", "exec", "bb", "ifconfig", "eth0", "down"])).toEqual({
      stdout: "",
      stderr: "ifconfig: SIOCSIFFLAGS: Operation not permitted\n",
      code: 1,
    });
    expect(run(k, ["docker", "exec", "bb", "ifconfig", "eth5", "up"])).toEqual({ stdout: "", stderr: "ifconfig: SIOCGIFFLAGS: No such device\n", code: 1 });
  });
});

describe("brctl", () => {
  it("on the host (bridge-utils): docker0's id from its MAC, its ports", () => {
    expect(run(k, ["brctl", "show"])).toEqual(ok(`bridge name\tbridge id\t\tSTP enabled\tinterfaces\ndocker0\t\t8000.0242ac110001\tno\t\t${veth}\n`));
  });

  it("a second port goes on a line of its own; a bridge without ports ends after the tabs", () => {
    run(k, ["docker", "run", "-d", "--name", "bb2", "busybox", "sleep", "1000"]);
    run(k, ["docker", "network", "create", "mynet"]);
    const lines = run(k, ["brctl", "show"]).stdout.split("\n");
    expect(lines[0]).toBe("bridge name\tbridge id\t\tSTP enabled\tinterfaces");
    expect(lines[1]).toMatch(/^br-[0-9a-f]{12}\t\t8000\.[0-9a-f]{12}\tno\t\t$/);
    expect(lines[2]).toBe(`docker0\t\t8000.0242ac110001\tno\t\t${veth}`);
    expect(lines[3]).toMatch(/^\t\t\t\t\t\t\tveth[0-9a-f]{7}$/);
    expect(lines.length).toBe(5);
    run(k, ["docker", "rm", "-f", "bb2"]);
    run(k, ["docker", "network", "rm", "mynet"]);
  });

  it("errors of bridge-utils", () => {
    expect(run(k, ["brctl", "show", "eth0", "nosuch"])).toEqual({
      stdout: "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n",
      stderr: "device eth0 is not a bridge!\nbridge nosuch does not exist!\n",
      code: 1,
    });
    const r = run(k, ["brctl", "frob"]);
    expect(r.stderr).toBe("never heard of command [frob]\n");
    expect(r.stdout.split("\n").slice(0, 3)).toEqual(["Usage: brctl [commands]", "commands:", "\taddbr     \t<bridge>\t\tadd bridge"]);
    expect(r.code).toBe(1);
    expect(run(k, ["brctl", "showmacs"])).toEqual({
      stdout: "Incorrect number of arguments for command\nUsage: brctl showmacs <bridge>\t\tshow a list of mac addrs\n",
      stderr: "",
      code: 1,
    });
  });

  it("Debian's busybox applet in the image has no show", () => {
    expect(run(k, ["docker", "exec", "bb", "brctl", "show"])).toEqual({ stdout: "", stderr: "brctl: invalid argument 'show' to 'brctl'\n", code: 1 });
    expect(run(k, ["docker", "exec", "bb", "brctl", "addbr", "br1"])).toEqual({ stdout: "", stderr: "brctl: bridge br1: Operation not permitted\n", code: 1 });
  });
});

describe("bridge link (iproute2)", () => {
  it("lists the bridge ports with their peer's index, master and STP state", () => {
    const index = run(k, ["ip", "link", "show", veth]).stdout.split(":")[0];
    // The container's end was made first, one index below the host's (real: 4: eth0@if5 / 5: veth@if4).
    const line = `${index}: ${veth}@if${Number(index) - 1}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master docker0 state forwarding priority 32 cost 2 \n`;
    expect(run(k, ["bridge", "link"])).toEqual(ok(line));
    expect(run(k, ["bridge", "link", "show", "dev", veth])).toEqual(ok(line));
    expect(run(k, ["bridge", "link", "show", "dev", "eth0"])).toEqual(ok(""));
  });

  it("errors as iproute2 words them", () => {
    expect(run(k, ["bridge", "link", "show", "dev", "nosuch"])).toEqual({ stdout: "", stderr: 'Cannot find device "nosuch"\n', code: 255 });
    expect(run(k, ["bridge", "frob"])).toEqual({ stdout: "", stderr: 'Object "frob" is unknown, try "bridge help".\n', code: 255 });
    expect(run(k, ["bridge", "link", "frob"])).toEqual({ stdout: "", stderr: 'Command "frob" is unknown, try "bridge link help".\n', code: 255 });
    expect(run(k, ["bridge", "-x", "link"])).toEqual({ stdout: "", stderr: 'Option "-x" is unknown, try "bridge help".\n', code: 255 });
  });
});
