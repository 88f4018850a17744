/**
 * netstat, ss and route on the sandbox host and in a busybox container, against outputs of the real
 * tools (busybox 1.35, iproute2 6.1) for the same sockets and routes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../../../src/cli/flags/help";
import type { Kernel } from "../../../../src/kernel";
import { bootSandboxHost } from "../../../../src/session/host";
import { run, terminal } from "../../../helpers/host";

let k: Kernel;

beforeAll(async () => {
  await loadHelpTexts();
  k = bootSandboxHost();
  run(k, ["docker", "run", "-d", "--name", "web", "-p", "8080:80", "nginx"]);
  run(k, ["docker", "run", "-d", "--name", "bb", "busybox", "httpd", "-f", "-p", "8000"]);
});

const ok = (stdout: string) => ({ stdout, stderr: "", code: 0 });
const NETSTAT_HEAD = "Proto Recv-Q Send-Q Local Address           Foreign Address         State       ";

describe("netstat (busybox)", () => {
  it("-tln lists the docker-proxy listener of a published port on the host", () => {
    expect(run(k, ["netstat", "-tln"])).toEqual(
      ok(`Active Internet connections (only servers)\n${NETSTAT_HEAD}\ntcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN      \n`),
    );
  });

  it("without -l it shows connected sockets only; -a adds servers and the unix section", () => {
    expect(run(k, ["netstat", "-t"])).toEqual(ok(`Active Internet connections (w/o servers)\n${NETSTAT_HEAD}\n`));
    expect(run(k, ["netstat", "-an"])).toEqual(
      ok(
        `Active Internet connections (servers and established)\n${NETSTAT_HEAD}\ntcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN      \nActive UNIX domain sockets (servers and established)\nProto RefCnt Flags       Type       State         I-Node Path\n`,
      ),
    );
  });

  it("inside a container it sees the container's own network namespace", () => {
    const r = run(k, ["docker", "exec", "bb", "netstat", "-tl"]);
    expect(r).toEqual(ok(`Active Internet connections (only servers)\n${NETSTAT_HEAD}\ntcp        0      0 0.0.0.0:8000            0.0.0.0:*               LISTEN      \n`));
  });

  it("the host's netstat has -p (PID/Program name); Debian's busybox in the image rejects it", () => {
    expect(run(k, ["netstat", "-tlnp"]).stdout.split("\n")[1]).toBe(`${NETSTAT_HEAD}PID/Program name    `);
    const r = run(k, ["docker", "exec", "bb", "netstat", "-tlnp"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "netstat: invalid option -- 'p'\nBusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: netstat [-ral] [-tuwx] [-en]\n\nDisplay networking information\n\n\t-r\tRouting table\n\t-a\tAll sockets\n\t-l\tListening sockets\n\t\tElse: connected sockets\n\t-t\tTCP sockets\n\t-u\tUDP sockets\n\t-w\tRaw sockets\n\t-x\tUnix sockets\n\t\tElse: all socket types\n\t-e\tOther/more information\n\t-n\tDon't resolve names\n",
    );
  });
});

describe("route and netstat -r", () => {
  it("route names the default route and shows * for no gateway; -n prints numbers", () => {
    expect(run(k, ["docker", "exec", "bb", "route"])).toEqual(
      ok(
        "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\ndefault         172.17.0.1      0.0.0.0         UG    0      0        0 eth0\n172.17.0.0      *               255.255.0.0     U     0      0        0 eth0\n",
      ),
    );
    expect(run(k, ["docker", "exec", "bb", "route", "-n"])).toEqual(
      ok(
        "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n0.0.0.0         172.17.0.1      0.0.0.0         UG    0      0        0 eth0\n172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0\n",
      ),
    );
  });

  it("netstat -rn uses the MSS/Window/irtt columns", () => {
    expect(run(k, ["docker", "exec", "bb", "netstat", "-rn"])).toEqual(
      ok(
        "Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n0.0.0.0         172.17.0.1      0.0.0.0         UG        0 0          0 eth0\n172.17.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth0\n",
      ),
    );
  });

  it("the host's table has docker0's subnet", () => {
    expect(run(k, ["route", "-n"]).stdout).toContain("172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 docker0\n");
  });

  it("changing routes is not permitted; a bad family is a usage error", () => {
    expect(run(k, ["docker", "exec", "bb", "route", "add", "default", "gw", "172.17.0.9"])).toEqual({
      stdout: "",
      stderr: "route: SIOCADDRT: Operation not permitted\n",
      code: 1,
    });
    const r = run(k, ["docker", "exec", "bb", "route", "-A", "ipx"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^BusyBox v1\.35\.0 .*\n\nUsage: route \[-ne\] \[-A inet\[6\]\]/);
  });
});

describe("ss (iproute2)", () => {
  it("-tln: columns as wide as their contents when not on a terminal", () => {
    expect(run(k, ["ss", "-tln"])).toEqual(
      ok("State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\nLISTEN 0      0            0.0.0.0:8080      0.0.0.0:*          \n"),
    );
  });

  it("-H drops the header; two protocols add the Netid column", () => {
    expect(run(k, ["ss", "-Htln"])).toEqual(ok("LISTEN 0      0      0.0.0.0:8080 0.0.0.0:*\n"));
    expect(run(k, ["ss", "-tuln"])).toEqual(
      ok("Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\ntcp   LISTEN 0      0            0.0.0.0:8080      0.0.0.0:*          \n"),
    );
  });

  it("with no listeners asked for and none connected, only the header", () => {
    expect(run(k, ["ss"])).toEqual(ok("Netid State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n"));
  });

  it("on a terminal (80 columns) the spare width is spread between the columns", () => {
    const t = terminal(k, ["/usr/bin/ss", "-tln"]);
    expect(t.output()).toBe(
      "State    Recv-Q   Send-Q     Local Address:Port     Peer Address:Port  Process  \r\n" +
        "LISTEN   0        0                0.0.0.0:8080          0.0.0.0:*              \r\n",
    );
  });

  it("an unknown option prints the usage and exits 255", () => {
    const r = run(k, ["ss", "-Q"]);
    expect(r.code).toBe(255);
    expect(r.stderr.split("\n").slice(0, 3)).toEqual(["ss: invalid option -- 'Q'", "Usage: ss [ OPTIONS ]", "       ss [ OPTIONS ] [ FILTER ]"]);
  });
});
