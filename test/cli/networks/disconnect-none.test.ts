/**
 * `docker network disconnect none c`: the daemon takes the none network out of the container's
 * endpoint settings, after which (and only after which) it may join a bridge network. Expected
 * outputs were recorded on a real dockerd 20.10 with the 28.2 client (busybox image).
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
const daemonError = (msg: string) => ({ stdout: "", stderr: `Error response from daemon: ${msg}\n`, code: 1 });
const PRIVATE = "container cannot be connected to multiple networks with one of the networks in private (none) mode";
const networks = "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}";

describe("a --network none container", () => {
  it("cannot join a bridge network while it is on none", () => {
    const k = host();
    expect(docker(k, ["run", "-d", "--name", "n1", "--network", "none", "busybox", "sleep", "300"]).code).toBe(0);
    expect(docker(k, ["create", "--name", "n2", "--network", "none", "busybox", "sleep", "300"]).code).toBe(0);
    expect(docker(k, ["network", "connect", "bridge", "n1"])).toEqual(daemonError(PRIVATE));
    expect(docker(k, ["network", "connect", "bridge", "n2"])).toEqual(daemonError(PRIVATE));
  });

  it("leaves none, joins the bridge with an eth0, and is then not on none", () => {
    const k = host();
    expect(docker(k, ["run", "-d", "--name", "n1", "--network", "none", "busybox", "sleep", "300"]).code).toBe(0);
    const id = docker(k, ["inspect", "-f", "{{.Id}}", "n1"]).stdout.trim();
    expect(docker(k, ["network", "disconnect", "none", "n1"])).toEqual(out(""));
    expect(docker(k, ["inspect", "-f", "{{json .NetworkSettings.Networks}} {{.HostConfig.NetworkMode}}", "n1"])).toEqual(out("{} none\n"));
    expect(docker(k, ["exec", "n1", "ip", "addr"])).toEqual(
      out(
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n",
      ),
    );
    expect(docker(k, ["network", "connect", "bridge", "n1"])).toEqual(out(""));
    expect(docker(k, ["inspect", "-f", networks, "n1"])).toEqual(out("bridge=172.17.0.2 \n"));
    expect(docker(k, ["exec", "n1", "ip", "-4", "addr", "show", "eth0"]).stdout).toMatch(/inet 172\.17\.0\.2\/16 brd 172\.17\.255\.255 scope global eth0\n/);
    expect(docker(k, ["network", "disconnect", "none", "n1"])).toEqual(daemonError(`container ${id} is not connected to network none`));
    expect(docker(k, ["network", "disconnect", "bridge", "n1"])).toEqual(out(""));
    expect(docker(k, ["exec", "n1", "ip", "-4", "addr", "show", "eth0"]).code).not.toBe(0);
  });

  it("stopped, leaves none too and starts with its loopback only", () => {
    const k = host();
    expect(docker(k, ["create", "--name", "n3", "--network", "none", "busybox", "true"]).code).toBe(0);
    expect(docker(k, ["network", "disconnect", "none", "n3"])).toEqual(out(""));
    expect(docker(k, ["inspect", "-f", "{{json .NetworkSettings.Networks}}", "n3"])).toEqual(out("{}\n"));
    expect(docker(k, ["start", "-a", "n3"])).toEqual(out(""));
    expect(docker(k, ["inspect", "-f", "{{json .NetworkSettings.Networks}}", "n3"])).toEqual(out("{}\n"));
  });
});
