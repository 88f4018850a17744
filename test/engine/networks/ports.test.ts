import { describe, expect, it } from "vitest";
import type { Gen, Kernel, ProgramDef, Sys } from "../../../src/kernel";
import type { DockerClient } from "../../../src/engine/client";
import { startDocker } from "../../../src/engine/daemon";
import { parseImageRef } from "../../../src/engine/images/refs";
import { parsePortSpec, PortSpecError } from "../../../src/engine/networks/ports";
import { NGINX_INDEX_HTML } from "../../../src/engine/registry/images/nginx";
import { newHost, run } from "../../helpers/host";

/** A test program that talks to the engine and prints what `body` returns. */
function withDocker(name: string, body: (sys: Sys, d: DockerClient) => Gen<string>): ProgramDef {
  return {
    name,
    *main(sys) {
      const d = sys.connect("/var/run/docker.sock") as DockerClient;
      try {
        yield* sys.write(1, yield* body(sys, d));
      } catch (e) {
        yield* sys.write(2, `${(e as Error).message}\n`);
        return 1;
      }
      return 0;
    },
  };
}

function* pull(d: DockerClient, name: string): Gen<void> {
  const r = parseImageRef(name);
  if (!r.ok) throw new Error(r.message);
  const res = yield* d.pull(r.ref, "amd64", () => {});
  if (!res.ok) throw new Error(res.error);
}

type Bindings = Record<string, Array<{ HostIp: string; HostPort: string }>>;

/** A host whose `start NAME BINDINGS-JSON` runs nginx:alpine with those port bindings, and `stop NAME`. */
function host(): Kernel {
  const k = newHost({
    extra: [
      withDocker("start", function* (sys, d) {
        yield* pull(d, "nginx:alpine");
        const bindings = JSON.parse(sys.argv[2]) as Bindings;
        const { id } = d.containerCreate({ image: "nginx:alpine", name: sys.argv[1], host: { PortBindings: bindings } });
        d.containerStart(id);
        yield* sys.sleep(500);
        return "";
      }),
      withDocker("stop", function* (_sys, d) {
        yield* d.containerStop(_sys.argv[1], 10);
        return "";
      }),
    ],
  });
  startDocker(k);
  return k;
}

const METER = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";
const ZERO = "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0";

const P8080 = JSON.stringify({ "80/tcp": [{ HostIp: "", HostPort: "8080" }] });

describe("published ports", () => {
  it("serves nginx's welcome page on the host port through docker-proxy", () => {
    const k = host();
    expect(run(k, ["start", "web", P8080])).toEqual({ stdout: "", stderr: "", code: 0 });
    // Output to a pipe: curl shows its progress meter on stderr.
    expect(run(k, ["curl", "http://localhost:8080/"])).toEqual({
      stdout: NGINX_INDEX_HTML,
      stderr: `${METER}${ZERO}\r100   615  100   615    0     0  11.7M      0 --:--:-- --:--:-- --:--:-- 11.7M\n`,
      code: 0,
    });
    expect(run(k, ["curl", "-sI", "http://127.0.0.1:8080/"]).stdout).toBe(
      'HTTP/1.1 200 OK\r\nServer: nginx/1.27.5\r\nDate: Thu, 15 Jan 2026 09:00:01 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\nLast-Modified: Wed, 16 Apr 2025 19:13:05 GMT\r\nConnection: keep-alive\r\nETag: "68000141-267"\r\nAccept-Ranges: bytes\r\n\r\n',
    );
    const ps = run(k, ["ps", "-o", "args"]).stdout.split("\n").filter((l) => l.includes("docker-proxy"));
    expect(ps).toEqual([
      "/usr/sbin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80",
      "/usr/sbin/docker-proxy -proto tcp -host-ip :: -host-port 8080 -container-ip 172.17.0.2 -container-port 80",
    ]);
    const logs = run(k, ["docker", "logs", "web"]).stdout.split("\n").filter((l) => l.startsWith("172."));
    expect(logs).toEqual([
      '172.17.0.1 - - [15/Jan/2026:09:00:01 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"',
      '172.17.0.1 - - [15/Jan/2026:09:00:01 +0000] "HEAD / HTTP/1.1" 200 0 "-" "curl/7.88.1" "-"',
    ]);
  });

  it("shows the DNAT rule in the nat table and drops it when the container stops", () => {
    const k = host();
    run(k, ["start", "web", P8080]);
    expect(run(k, ["iptables", "-t", "nat", "-L", "-n"]).stdout).toBe(
      [
        "Chain PREROUTING (policy ACCEPT)",
        "target     prot opt source               destination         ",
        "DOCKER     0    --  0.0.0.0/0            0.0.0.0/0            ADDRTYPE match dst-type LOCAL",
        "",
        "Chain INPUT (policy ACCEPT)",
        "target     prot opt source               destination         ",
        "",
        "Chain OUTPUT (policy ACCEPT)",
        "target     prot opt source               destination         ",
        "DOCKER     0    --  0.0.0.0/0           !127.0.0.0/8          ADDRTYPE match dst-type LOCAL",
        "",
        "Chain POSTROUTING (policy ACCEPT)",
        "target     prot opt source               destination         ",
        "MASQUERADE  0    --  172.17.0.0/16        0.0.0.0/0           ",
        "MASQUERADE  6    --  172.17.0.2           172.17.0.2           tcp dpt:80",
        "",
        "Chain DOCKER (2 references)",
        "target     prot opt source               destination         ",
        "RETURN     0    --  0.0.0.0/0            0.0.0.0/0           ",
        "DNAT       6    --  0.0.0.0/0            0.0.0.0/0            tcp dpt:8080 to:172.17.0.2:80",
        "",
      ].join("\n"),
    );
    expect(run(k, ["iptables", "-t", "nat", "-S", "DOCKER"]).stdout).toBe(
      "-N DOCKER\n-A DOCKER -i docker0 -j RETURN\n-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n",
    );
    expect(run(k, ["stop", "web"]).code).toBe(0);
    expect(run(k, ["iptables", "-t", "nat", "-S", "DOCKER"]).stdout).toBe("-N DOCKER\n-A DOCKER -i docker0 -j RETURN\n");
    expect(run(k, ["ps", "-o", "args"]).stdout).not.toContain("docker-proxy");
    expect(run(k, ["curl", "http://localhost:8080/"])).toEqual({
      stdout: "",
      stderr: `${METER}${ZERO}${ZERO}\ncurl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n`,
      code: 7,
    });
  });

  it("refuses a host port another container has", () => {
    const k = host();
    run(k, ["start", "web", P8080]);
    const r = run(k, ["start", "web2", P8080]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^failed to set up container networking: driver failed programming external connectivity on endpoint web2 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n$/);
  });
});

describe("-p specs", () => {
  it("parses ip:hostPort:containerPort/proto and ranges as the client does", () => {
    expect(parsePortSpec("8080:80")).toEqual([{ port: "80/tcp", binding: { HostIp: "", HostPort: "8080" } }]);
    expect(parsePortSpec("127.0.0.1::53/udp")).toEqual([{ port: "53/udp", binding: { HostIp: "127.0.0.1", HostPort: "" } }]);
    expect(parsePortSpec("8000-8001:80-81")).toEqual([
      { port: "80/tcp", binding: { HostIp: "", HostPort: "8000" } },
      { port: "81/tcp", binding: { HostIp: "", HostPort: "8001" } },
    ]);
    expect(parsePortSpec("8000-8010:80")).toEqual([{ port: "80/tcp", binding: { HostIp: "", HostPort: "8000-8010" } }]);
  });

  it("reports bad specs with the client's messages", () => {
    const message = (spec: string) => {
      try {
        parsePortSpec(spec);
        return "";
      } catch (e) {
        if (!(e instanceof PortSpecError)) throw e;
        return e.message;
      }
    };
    expect(message("notaport")).toBe("invalid containerPort: notaport");
    expect(message("99999:80")).toBe("invalid hostPort: 99999");
    expect(message("80/xyz")).toBe("invalid proto: xyz");
    expect(message("1.2.3:80:80")).toBe("invalid IP address: 1.2.3");
    expect(message("8000-8001:80-82")).toBe("invalid ranges specified for container and host Ports: 80-82 and 8000-8001");
  });
});
