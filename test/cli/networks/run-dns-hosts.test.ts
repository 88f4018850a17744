/**
 * docker run's networking identity flags (--dns*, --add-host, --hostname/--domainname, --ip,
 * --network-alias, --mac-address) and `docker network connect --ip --alias`. Expected outputs
 * were recorded on a real dockerd (files, client errors) or taken from docker 28's source
 * (daemon errors, which 20.10 words differently).
 */
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { docker, dockerHost } from "../images/harness";

const HOSTS_BASE =
  "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

function host(): Kernel {
  const k = dockerHost();
  expect(docker(k, ["pull", "-q", "busybox"]).code).toBe(0);
  return k;
}

const out = (stdout: string) => ({ stdout, stderr: "", code: 0 });
const runError = (stderr: string) => ({ stdout: "", stderr: `${stderr}\n\nRun 'docker run --help' for more information\n`, code: 125 });
const flagError = (stderr: string) => ({
  stdout: "",
  stderr: `${stderr}\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n`,
  code: 125,
});

describe("--dns, --dns-search, --dns-option", () => {
  it("replace the host's values in resolv.conf on the default bridge", () => {
    const k = host();
    expect(docker(k, ["run", "--rm", "busybox", "cat", "/etc/resolv.conf"])).toEqual(out("nameserver 10.0.2.3\n"));
    expect(docker(k, ["run", "--rm", "--dns", "1.1.1.1", "--dns-search", "example.com", "--dns-option", "ndots:2", "busybox", "cat", "/etc/resolv.conf"])).toEqual(
      out("search example.com\nnameserver 1.1.1.1\noptions ndots:2\n"),
    );
    // Each flag alone keeps the host's other values; a search list of just "." is left out.
    expect(docker(k, ["run", "--rm", "--dns-option", "timeout:2", "busybox", "cat", "/etc/resolv.conf"])).toEqual(out("nameserver 10.0.2.3\noptions timeout:2\n"));
    expect(docker(k, ["run", "--rm", "--dns-search", ".", "busybox", "cat", "/etc/resolv.conf"])).toEqual(out("nameserver 10.0.2.3\n"));
    expect(docker(k, ["run", "--rm", "--dns-search", ".", "--dns-search", "b.com", "busybox", "cat", "/etc/resolv.conf"])).toEqual(out("search . b.com\nnameserver 10.0.2.3\n"));
    // The client writes addresses in canonical form and drops a domain's trailing dot.
    expect(docker(k, ["run", "--rm", "--dns", " 8.8.8.8", "--dns", "0:0::1", "--dns-search", "example.com.", "busybox", "cat", "/etc/resolv.conf"])).toEqual(
      out("search example.com\nnameserver 8.8.8.8\nnameserver ::1\n"),
    );
  });

  it("keep the embedded server on a user network, with ndots:0 unless ndots is given", () => {
    const k = host();
    docker(k, ["network", "create", "app"]);
    const resolv = (...flags: string[]) => docker(k, ["run", "--rm", "--network", "app", ...flags, "busybox", "cat", "/etc/resolv.conf"]);
    expect(resolv()).toEqual(out("nameserver 127.0.0.11\noptions ndots:0\n"));
    expect(resolv("--dns", "1.1.1.1")).toEqual(out("nameserver 127.0.0.11\noptions ndots:0\n"));
    expect(resolv("--dns-search", "a.com")).toEqual(out("search a.com\nnameserver 127.0.0.11\noptions ndots:0\n"));
    expect(resolv("--dns", "1.1.1.1", "--dns-search", "example.com", "--dns-option", "ndots:2")).toEqual(out("search example.com\nnameserver 127.0.0.11\noptions ndots:2\n"));
    expect(resolv("--dns-option", "ndots:3", "--dns-option", "timeout:2")).toEqual(out("nameserver 127.0.0.11\noptions ndots:3 timeout:2\n"));
    expect(resolv("--dns-option", "timeout:2")).toEqual(out("nameserver 127.0.0.11\noptions timeout:2 ndots:0\n"));
  });

  it("are checked by the client and shown by inspect", () => {
    const k = host();
    expect(docker(k, ["run", "--rm", "--dns", "999.1.1.1", "busybox", "true"])).toEqual(
      flagError('invalid argument "999.1.1.1" for "--dns" flag: IP address is not correctly formatted: 999.1.1.1'),
    );
    expect(docker(k, ["run", "--rm", "--dns-search", "-bad", "busybox", "true"])).toEqual(flagError('invalid argument "-bad" for "--dns-search" flag: -bad is not a valid domain'));
    expect(docker(k, ["run", "--rm", "--dns-search", "1.2", "busybox", "true"])).toEqual(flagError('invalid argument "1.2" for "--dns-search" flag: 1.2 is not a valid domain'));
    const fields = "{{json .HostConfig.Dns}} {{json .HostConfig.DnsOptions}} {{json .HostConfig.DnsSearch}} {{json .HostConfig.ExtraHosts}} {{json .HostConfig.Links}}";
    docker(k, ["create", "--name", "plain", "busybox"]);
    expect(docker(k, ["inspect", "-f", fields, "plain"])).toEqual(out("[] [] [] null null\n"));
    docker(k, ["create", "--name", "set", "--dns", "1.1.1.1", "--dns-option", "ndots:2", "--dns-search", "example.com.", "busybox"]);
    expect(docker(k, ["inspect", "-f", fields, "set"])).toEqual(out('["1.1.1.1"] ["ndots:2"] ["example.com"] null null\n'));
  });
});

describe("--add-host, --hostname, --domainname", () => {
  it("add /etc/hosts lines before the container's own", () => {
    const k = host();
    expect(docker(k, ["run", "--rm", "--add-host", "db:10.0.0.5", "-h", "web", "busybox", "tail", "-2", "/etc/hosts"])).toEqual(out("10.0.0.5\tdb\n172.17.0.2\tweb\n"));
    expect(docker(k, ["run", "--rm", "--add-host", "z:1.2.3.4", "--add-host", "y:::1", "--add-host", "w:[::2]", "--add-host", "gw:host-gateway", "-h", "web.local", "busybox", "cat", "/etc/hosts"])).toEqual(
      out(`${HOSTS_BASE}1.2.3.4\tz\n::1\ty\n::2\tw\n172.17.0.1\tgw\n172.17.0.2\tweb.local web\n`),
    );
    docker(k, ["create", "--name", "hosts", "--add-host", "a=1.2.3.4", "--add-host", "w:[::2]", "--add-host", "v:0:0::1", "--add-host", "gw:host-gateway", "busybox"]);
    expect(docker(k, ["inspect", "-f", "{{json .HostConfig.ExtraHosts}}", "hosts"])).toEqual(out('["a:1.2.3.4","w:::2","v:0:0::1","gw:host-gateway"]\n'));
  });

  it("are checked by the client", () => {
    const k = host();
    expect(docker(k, ["run", "--rm", "--add-host", "x", "busybox", "true"])).toEqual(flagError('invalid argument "x" for "--add-host" flag: bad format for add-host: "x"'));
    expect(docker(k, ["run", "--rm", "--add-host", ":1.2.3.4", "busybox", "true"])).toEqual(
      flagError('invalid argument ":1.2.3.4" for "--add-host" flag: bad format for add-host: ":1.2.3.4"'),
    );
    expect(docker(k, ["run", "--rm", "--add-host", "a:999.1.1.1", "busybox", "true"])).toEqual(
      flagError('invalid argument "a:999.1.1.1" for "--add-host" flag: invalid IP address in add-host: "999.1.1.1"'),
    );
  });

  it("name the container by its fully qualified name and first label", () => {
    const k = host();
    docker(k, ["network", "create", "--subnet", "172.30.0.0/16", "snet"]);
    docker(k, ["run", "-d", "--name", "a1", "--network", "snet", "--ip", "172.30.0.50", "-h", "h1.example.com", "--domainname", "dom.org", "--add-host", "db:10.0.0.5", "--add-host", "gw:host-gateway", "busybox", "sleep", "300"]);
    expect(docker(k, ["exec", "a1", "cat", "/etc/hosts"])).toEqual(out(`${HOSTS_BASE}10.0.0.5\tdb\n172.17.0.1\tgw\n172.30.0.50\th1.example.com.dom.org h1\n`));
    expect(docker(k, ["exec", "a1", "hostname"])).toEqual(out("h1.example.com\n"));
    expect(docker(k, ["inspect", "-f", "{{json .Config.Hostname}} {{json .Config.Domainname}}", "a1"])).toEqual(out('"h1.example.com" "dom.org"\n'));
    const id = docker(k, ["run", "-d", "--domainname", "dom.org", "busybox", "sleep", "300"]).stdout.slice(0, 12);
    expect(docker(k, ["exec", id, "tail", "-1", "/etc/hosts"])).toEqual(out(`172.17.0.2\t${id}.dom.org ${id}\n`));
  });
});

describe("--ip, --network-alias, --mac-address", () => {
  it("give a static address on a network with a subnet; IPAM skips it afterwards", () => {
    const k = host();
    docker(k, ["network", "create", "--subnet", "172.30.0.0/16", "snet"]);
    docker(k, ["run", "-d", "--name", "fixed", "--network", "snet", "--ip", "172.30.0.2", "--network-alias", "web", "--network-alias", "www", "busybox", "sleep", "300"]);
    expect(docker(k, ["exec", "fixed", "ip", "addr", "show", "eth0"]).stdout).toContain("    link/ether 02:42:ac:1e:00:02 brd ff:ff:ff:ff:ff:ff\n    inet 172.30.0.2/16 brd 172.30.255.255 scope global eth0\n");
    expect(docker(k, ["run", "--rm", "--network", "snet", "busybox", "sh", "-c", "ip -4 addr show eth0 | grep inet"])).toEqual(
      out("    inet 172.30.0.3/16 brd 172.30.255.255 scope global eth0\n"),
    );
    const lookup = (name: string) => docker(k, ["run", "--rm", "--network", "snet", "busybox", "nslookup", name]);
    const answer = (name: string) =>
      out(`Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\n\nNon-authoritative answer:\nName:\t${name}\nAddress: 172.30.0.2\n\n`);
    expect(lookup("web")).toEqual(answer("web"));
    expect(lookup("www")).toEqual(answer("www"));
    const id = docker(k, ["inspect", "-f", "{{.Id}}", "fixed"]).stdout.slice(0, 12);
    const netId = docker(k, ["network", "inspect", "-f", "{{.Id}}", "snet"]).stdout.trim();
    const ep = JSON.parse(docker(k, ["inspect", "-f", "{{json .NetworkSettings.Networks}}", "fixed"]).stdout).snet;
    expect(ep).toEqual({
      IPAMConfig: { IPv4Address: "172.30.0.2" },
      Links: null,
      Aliases: ["web", "www"],
      MacAddress: "02:42:ac:1e:00:02",
      DriverOpts: null,
      GwPriority: 0,
      NetworkID: netId,
      EndpointID: ep.EndpointID,
      Gateway: "172.30.0.1",
      IPAddress: "172.30.0.2",
      IPPrefixLen: 16,
      IPv6Gateway: "",
      GlobalIPv6Address: "",
      GlobalIPv6PrefixLen: 0,
      DNSNames: ["fixed", "web", "www", id],
    });
    expect(ep.EndpointID).toMatch(/^[0-9a-f]{64}$/);
  });

  it("are refused where docker refuses them", () => {
    const k = host();
    docker(k, ["network", "create", "--subnet", "172.30.0.0/16", "snet"]);
    docker(k, ["network", "create", "nosub"]);
    docker(k, ["run", "-d", "--name", "holder", "--network", "snet", "--ip", "172.30.0.50", "busybox", "sleep", "300"]);
    const settings = (net: string, msg: string) => runError(`docker: Error response from daemon: invalid config for network ${net}: invalid endpoint settings:\n${msg}`);
    expect(docker(k, ["run", "--rm", "--ip", "172.17.0.50", "busybox", "true"])).toEqual(settings("default", "user specified IP address is supported on user defined networks only"));
    expect(docker(k, ["run", "--rm", "--network", "snet", "--ip", "10.9.9.9", "busybox", "true"])).toEqual(settings("snet", "no configured subnet or ip-range contain the IP address 10.9.9.9"));
    expect(docker(k, ["run", "--rm", "--network", "nosub", "--ip", "172.19.0.9", "busybox", "true"])).toEqual(
      settings("nosub", "user specified IP address is supported only when connecting to networks with user configured subnets"),
    );
    expect(docker(k, ["run", "--rm", "--network", "snet", "--ip", "1.2.3", "busybox", "true"])).toEqual(
      settings("snet", "* invalid IPv4 address: 1.2.3\n* no configured subnet or ip-range contain the IP address 1.2.3"),
    );
    for (const ip of ["172.30.0.50", "172.30.0.1", "172.30.0.0", "172.30.255.255"])
      expect(docker(k, ["run", "--rm", "--network", "snet", "--ip", ip, "busybox", "true"])).toEqual(runError("docker: Error response from daemon: failed to set up container networking: Address already in use"));
    expect(docker(k, ["run", "--rm", "--network-alias", "foo", "busybox", "true"])).toEqual(runError("docker: network-scoped aliases are only supported for user-defined networks"));
    expect(docker(k, ["run", "--rm", "--mac-address", "zz", "busybox", "true"])).toEqual(runError("docker: zz is not a valid mac address"));
    expect(docker(k, ["run", "--rm", "--mac-address", "02:42:ac:11:00:99:00", "busybox", "true"])).toEqual(runError("docker: 02:42:ac:11:00:99:00 is not a valid mac address"));
    expect(docker(k, ["run", "--rm", "--ip6", "2001:db8::5", "busybox", "true"])).toEqual(runError("docker: --ip6 is not supported in this sandbox"));
  });

  it("--mac-address sets the interface's address", () => {
    const k = host();
    expect(docker(k, ["run", "--rm", "--mac-address", "02:42:AC:11:00:99", "busybox", "ip", "link", "show", "eth0"]).stdout).toContain("    link/ether 02:42:ac:11:00:99 brd ff:ff:ff:ff:ff:ff\n");
    docker(k, ["create", "--name", "mc", "--mac-address", "02-42-ac-11-00-98", "busybox"]);
    expect(docker(k, ["inspect", "-f", "{{.NetworkSettings.Networks.bridge.MacAddress}}", "mc"])).toEqual(out("02:42:ac:11:00:98\n"));
  });
});

describe("docker network connect --ip --alias", () => {
  it("gives the second interface its address and names", () => {
    const k = host();
    docker(k, ["network", "create", "--subnet", "172.30.0.0/16", "snet"]);
    docker(k, ["run", "-d", "--name", "c3", "busybox", "sleep", "300"]);
    expect(docker(k, ["network", "connect", "--ip", "172.30.0.77", "--alias", "al1", "--alias", "al2", "snet", "c3"])).toEqual(out(""));
    expect(docker(k, ["exec", "c3", "sh", "-c", "ip -4 addr show eth1 | grep inet"])).toEqual(out("    inet 172.30.0.77/16 brd 172.30.255.255 scope global eth1\n"));
    const ep = JSON.parse(docker(k, ["inspect", "-f", "{{json .NetworkSettings.Networks.snet}}", "c3"]).stdout);
    expect([ep.IPAMConfig, ep.Aliases, ep.MacAddress, ep.IPAddress, ep.DNSNames.slice(0, 3)]).toEqual([{ IPv4Address: "172.30.0.77" }, ["al1", "al2"], "02:42:ac:1e:00:4d", "172.30.0.77", ["c3", "al1", "al2"]]);
    // The client's typed struct: every field printed, a nil pointer as <nil> (checked on the real client).
    expect(docker(k, ["inspect", "-f", "{{.NetworkSettings.Networks.snet.IPAMConfig}} {{.NetworkSettings.Networks.bridge.IPAMConfig}}", "c3"])).toEqual(out("{172.30.0.77  []} <nil>\n"));
    expect(docker(k, ["run", "--rm", "--network", "snet", "busybox", "nslookup", "al2"]).stdout).toContain("Name:\tal2\nAddress: 172.30.0.77\n");
    expect(docker(k, ["network", "connect", "--alias", "x", "bridge", "c3"])).toEqual({
      stdout: "",
      stderr: "Error response from daemon: invalid endpoint settings:\nnetwork-scoped alias is supported only for containers in user defined networks\n",
      code: 1,
    });
    expect(docker(k, ["network", "connect", "--ip", "172.17.0.99", "bridge", "c3"])).toEqual({
      stdout: "",
      stderr: "Error response from daemon: invalid endpoint settings:\nuser specified IP address is supported on user defined networks only\n",
      code: 1,
    });
  });
});
