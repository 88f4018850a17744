/**
 * Legacy links: docker run/create --link NAME[:ALIAS] and docker rm --link. Expected outputs were
 * recorded on a real dockerd 20.10 with the 28.2 client (which prints several links in Go's random
 * map order; the sandbox keeps the order given).
 */
import { describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { docker, dockerHost } from "../images/harness";

const HOSTS_BASE =
  "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";
const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const ENVIRON = `cat /proc/1/environ | tr "\\0" "\\n"`;

function host(): Kernel {
  const k = dockerHost();
  expect(docker(k, ["pull", "-q", "busybox"]).code).toBe(0);
  return k;
}

/** Runs a detached container; returns its short id. */
function detached(k: Kernel, ...args: string[]): string {
  const r = docker(k, ["run", "-d", ...args, "busybox", "sleep", "300"]);
  expect(r.code).toBe(0);
  return r.stdout.slice(0, 12);
}

const out = (stdout: string) => ({ stdout, stderr: "", code: 0 });
const failed = (stderr: string, code = 1) => ({ stdout: "", stderr, code });
const runError = (stderr: string) =>
  failed(
    `docker: Error response from daemon: ${stderr}\n\nRun 'docker run --help' for more information\n`,
    125,
  );
const flagError = (stderr: string) =>
  failed(
    `${stderr}\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n`,
    125,
  );

describe("docker run --link on the default bridge", () => {
  it("names the linked container in /etc/hosts and passes its ports, name and environment", () => {
    const k = host();
    const db = detached(k, "--name", "db", "--expose", "5432", "--expose", "53/udp", "-e", "FOO=bar");
    const r = docker(k, [
      "run",
      "--rm",
      "--name",
      "web",
      "--hostname",
      "web",
      "--link",
      "db:database",
      "--add-host",
      "foo:1.2.3.4",
      "-e",
      "X=1",
      "busybox",
      "sh",
      "-c",
      `cat /etc/hosts; ${ENVIRON}`,
    ]);
    expect(r).toEqual(
      out(
        `${HOSTS_BASE}1.2.3.4\tfoo\n172.17.0.2\tdatabase ${db} db\n172.17.0.3\tweb\n` +
          `${PATH}\nHOSTNAME=web\n` +
          "DATABASE_PORT=udp://172.17.0.2:53\n" +
          "DATABASE_PORT_53_UDP=udp://172.17.0.2:53\nDATABASE_PORT_53_UDP_ADDR=172.17.0.2\nDATABASE_PORT_53_UDP_PORT=53\nDATABASE_PORT_53_UDP_PROTO=udp\n" +
          "DATABASE_PORT_5432_TCP=tcp://172.17.0.2:5432\nDATABASE_PORT_5432_TCP_ADDR=172.17.0.2\nDATABASE_PORT_5432_TCP_PORT=5432\nDATABASE_PORT_5432_TCP_PROTO=tcp\n" +
          "DATABASE_NAME=/web/database\nDATABASE_ENV_FOO=bar\nX=1\nHOME=/root\n",
      ),
    );
  });

  it("groups three or more contiguous ports and writes the alias as a variable name", () => {
    const k = host();
    detached(
      k,
      "--name",
      "rdb",
      "--expose",
      "8000",
      "--expose",
      "8001",
      "--expose",
      "8002",
      "--expose",
      "9000",
      "-e",
      "A-B=1",
    );
    const r = docker(k, [
      "run",
      "--rm",
      "--name",
      "web",
      "--hostname",
      "web",
      "--link",
      "rdb:my-db",
      "busybox",
      "sh",
      "-c",
      ENVIRON,
    ]);
    const port = (n: number) =>
      `MY_DB_PORT_${n}_TCP=tcp://172.17.0.2:${n}\nMY_DB_PORT_${n}_TCP_ADDR=172.17.0.2\nMY_DB_PORT_${n}_TCP_PORT=${n}\nMY_DB_PORT_${n}_TCP_PROTO=tcp\n`;
    expect(r).toEqual(
      out(
        `${PATH}\nHOSTNAME=web\nMY_DB_PORT=tcp://172.17.0.2:8000\n` +
          "MY_DB_PORT_8000_TCP_START=tcp://172.17.0.2:8000\nMY_DB_PORT_8000_TCP_ADDR=172.17.0.2\nMY_DB_PORT_8000_TCP_PROTO=tcp\nMY_DB_PORT_8000_TCP_PORT_START=8000\n" +
          "MY_DB_PORT_8000_TCP_END=tcp://172.17.0.2:8002\nMY_DB_PORT_8000_TCP_PORT_END=8002\n" +
          // A variable made twice keeps its first place.
          "MY_DB_PORT_8000_TCP=tcp://172.17.0.2:8000\nMY_DB_PORT_8000_TCP_PORT=8000\n" +
          `${port(8001)}${port(8002)}${port(9000)}MY_DB_NAME=/web/my-db\nMY_DB_ENV_A-B=1\nHOME=/root\n`,
      ),
    );
  });

  it("lists the alias, the hostname and the name unless the alias is the name", () => {
    const k = host();
    detached(k, "--name", "db", "--hostname", "dbhost");
    const hosts = (...links: string[]) =>
      docker(k, [
        "run",
        "--rm",
        "--hostname",
        "me",
        ...links.flatMap((l) => ["--link", l]),
        "busybox",
        "cat",
        "/etc/hosts",
      ]);
    expect(hosts("db")).toEqual(out(`${HOSTS_BASE}172.17.0.2\tdb dbhost\n172.17.0.3\tme\n`));
    expect(hosts("db", "db:dbb")).toEqual(
      out(`${HOSTS_BASE}172.17.0.2\tdb dbhost\n172.17.0.2\tdbb dbhost db\n172.17.0.3\tme\n`),
    );
    // The form inspect shows ("/name:/parent/alias") is read too.
    expect(hosts("/db:/x")).toEqual(out(`${HOSTS_BASE}172.17.0.2\tx dbhost db\n172.17.0.3\tme\n`));
    // An empty alias would name the container itself: the link is left out.
    expect(hosts("db:")).toEqual(out(`${HOSTS_BASE}172.17.0.3\tme\n`));
  });

  it("shows links in inspect and ps, finds containers by link name, and drops them with rm --link", () => {
    const k = host();
    detached(k, "--name", "db");
    const p1 = detached(k, "--name", "p1", "--hostname", "p1", "--link", "db:database");
    expect(
      docker(k, ["inspect", "-f", "{{json .HostConfig.Links}} {{.HostConfig.Links}}", "p1", "db"]),
    ).toEqual(out('["/db:/p1/database"] [/db:/p1/database]\nnull []\n'));
    expect(docker(k, ["ps", "--format", "{{.Names}}"])).toEqual(out("p1\ndb\n"));
    expect(docker(k, ["ps", "--no-trunc", "--format", "{{.Names}}"])).toEqual(out("p1\ndb,p1/database\n"));
    expect(docker(k, ["inspect", "-f", "{{.Name}}", "p1/database", "/p1/database"])).toEqual(
      out("/db\n/db\n"),
    );
    expect(docker(k, ["exec", "p1", "cat", "/etc/hosts"])).toEqual(
      out(
        `${HOSTS_BASE}172.17.0.2\tdatabase ${docker(k, ["inspect", "-f", "{{.Config.Hostname}}", "db"]).stdout.trim()} db\n172.17.0.3\tp1\n`,
      ),
    );

    expect(docker(k, ["rm", "--link", "/p1/database"])).toEqual(out("/p1/database\n"));
    expect(docker(k, ["ps", "--no-trunc", "--format", "{{.Names}}"])).toEqual(out("p1\ndb\n"));
    expect(docker(k, ["inspect", "-f", "{{json .HostConfig.Links}}", "p1"])).toEqual(out("null\n"));
    // The running parent's /etc/hosts is made again without the link.
    expect(docker(k, ["exec", "p1", "cat", "/etc/hosts"])).toEqual(out(`${HOSTS_BASE}172.17.0.3\tp1\n`));
    expect(p1).toMatch(/^[0-9a-f]{12}$/);

    expect(docker(k, ["rm", "--link", "db"])).toEqual(
      failed("Error response from daemon: Conflict, cannot remove the default link name of the container\n"),
    );
    expect(docker(k, ["rm", "--link", "/p1/database", "/nosuch/x", "p1"])).toEqual(
      failed(
        "Error response from daemon: No such container: p1/database\n" +
          "Error response from daemon: No such container: nosuch/x\n" +
          "Error response from daemon: Conflict, cannot remove the default link name of the container\n",
      ),
    );
    expect(docker(k, ["ps", "--format", "{{.Names}}"])).toEqual(out("p1\ndb\n"));
  });

  it("gives the client's and the daemon's errors", () => {
    const k = host();
    detached(k, "--name", "db");
    expect(docker(k, ["run", "--rm", "--link", "db:a:b", "busybox", "true"])).toEqual(
      flagError('invalid argument "db:a:b" for "--link" flag: bad format for links: db:a:b'),
    );
    expect(docker(k, ["run", "--rm", "--link", "", "busybox", "true"])).toEqual(
      flagError('invalid argument "" for "--link" flag: empty string specified for links'),
    );
    expect(docker(k, ["run", "--rm", "--link", "nosuch", "busybox", "true"])).toEqual(
      runError("could not get container for nosuch: No such container: nosuch"),
    );
    expect(docker(k, ["run", "--rm", "--link", ":x", "busybox", "true"])).toEqual(
      runError('could not get container for : invalid name or ID supplied: ""'),
    );
    expect(docker(k, ["run", "--rm", "--net", "host", "--link", "db", "busybox", "true"])).toEqual(
      runError(
        "conflicting options: host type networking can't be used with links. This would result in undefined behavior",
      ),
    );
    expect(docker(k, ["run", "--rm", "--name", "self", "--link", "self", "busybox", "true"])).toEqual(
      runError("could not get container for self: No such container: self"),
    );
    docker(k, ["network", "create", "un"]);
    detached(k, "--name", "uu", "--net", "un");
    expect(docker(k, ["run", "--rm", "--link", "uu", "busybox", "true"])).toEqual(
      runError("Cannot link to /uu, as it does not belong to the default network"),
    );

    // A stopped container can be linked to, but the link must run when the parent starts.
    expect(docker(k, ["create", "--name", "st", "busybox", "true"]).code).toBe(0);
    expect(docker(k, ["run", "--rm", "--name", "rr", "--link", "st:s", "busybox", "true"])).toEqual(
      runError("Cannot link to a non running container: /st AS /rr/s"),
    );
    expect(docker(k, ["create", "--name", "qq", "--link", "st:s", "busybox", "true"]).code).toBe(0);
    expect(docker(k, ["start", "qq"])).toEqual(
      failed(
        "Error response from daemon: Cannot link to a non running container: /st AS /qq/s\nError: failed to start containers: qq\n",
      ),
    );
    expect(docker(k, ["ps", "-a", "--no-trunc", "--format", "{{.Names}} {{.Status}}"])).toEqual(
      out("qq Created\nqq/s,st Created\nuu Up Less than a second\ndb Up Less than a second\n"),
    );
  });

  it("follows the linked container's restarts, and breaks when it stops or is removed", () => {
    const k = host();
    const db = detached(k, "--name", "db", "--expose", "5432");
    detached(k, "--name", "p2", "--hostname", "p2", "--link", "db:database");
    docker(k, ["stop", "-t0", "db"]);
    detached(k, "--name", "tmp1");
    docker(k, ["start", "db"]);
    expect(
      docker(k, ["inspect", "-f", "{{.Name}} {{.NetworkSettings.IPAddress}}", "db", "tmp1", "p2"]),
    ).toEqual(out("/db 172.17.0.4\n/tmp1 172.17.0.2\n/p2 172.17.0.3\n"));
    // The parent's /etc/hosts follows the new address; each exec gets the variables anew.
    expect(docker(k, ["exec", "p2", "cat", "/etc/hosts"])).toEqual(
      out(`${HOSTS_BASE}172.17.0.4\tdatabase ${db} db\n172.17.0.3\tp2\n`),
    );
    expect(docker(k, ["exec", "p2", "sh", "-c", "env | grep 5432_TCP_ADDR"])).toEqual(
      out("DATABASE_PORT_5432_TCP_ADDR=172.17.0.4\n"),
    );

    docker(k, ["stop", "-t0", "db"]);
    const broken =
      "Error response from daemon: Cannot link to a non running container: /db AS /p2/database\n";
    expect(docker(k, ["exec", "p2", "true"])).toEqual(failed(broken));
    docker(k, ["start", "db"]);
    // Removing the linked container leaves the link behind (as dockerd 20.10 does).
    expect(docker(k, ["rm", "-f", "db"])).toEqual(out("db\n"));
    expect(docker(k, ["inspect", "-f", "{{json .HostConfig.Links}}", "p2"])).toEqual(
      out('["/db:/p2/database"]\n'),
    );
    expect(docker(k, ["exec", "p2", "true"])).toEqual(failed(broken));
    expect(docker(k, ["inspect", "p2/database"])).toEqual({
      stdout: "[]\n",
      stderr: "Error: No such object: p2/database\n",
      code: 1,
    });
  });
});

describe("docker run --link on a user-defined network", () => {
  it("is a name the container's DNS resolves, kept with the network's endpoint settings", () => {
    const k = host();
    docker(k, ["network", "create", "un"]);
    detached(k, "--name", "u1", "--net", "un", "--expose", "80");
    const r = docker(k, [
      "run",
      "--rm",
      "--net",
      "un",
      "--hostname",
      "me",
      "--link",
      "u1:web",
      "busybox",
      "sh",
      "-c",
      `cat /etc/hosts; ${ENVIRON}; nslookup web`,
    ]);
    expect(r).toEqual(
      out(
        `${HOSTS_BASE}172.18.0.3\tme\n${PATH}\nHOSTNAME=me\nHOME=/root\n` +
          "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\n\nNon-authoritative answer:\nName:\tweb\nAddress: 172.18.0.2\n\n",
      ),
    );
    // Other containers do not know the alias: it goes to the outside servers as any unknown name.
    const elsewhere = docker(k, ["run", "--rm", "--net", "un", "busybox", "nslookup", "web"]);
    const unknown = docker(k, ["run", "--rm", "--net", "un", "busybox", "nslookup", "unknown"]);
    expect(elsewhere).toEqual({ ...unknown, stdout: unknown.stdout.replaceAll("unknown", "web") });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stdout).toContain("** server can't find web: ");
    // Links are not checked on a user network.
    expect(
      docker(k, [
        "create",
        "--name",
        "u2",
        "--net",
        "un",
        "--link",
        "u1:web",
        "--link",
        "nosuch:zz",
        "busybox",
        "sleep",
        "300",
      ]).code,
    ).toBe(0);
    expect(
      docker(k, [
        "inspect",
        "-f",
        "{{json .HostConfig.Links}} {{json .NetworkSettings.Networks.un.Links}}",
        "u2",
      ]),
    ).toEqual(out('null ["u1:web","nosuch:zz"]\n'));
    expect(docker(k, ["start", "u2"])).toEqual(out("u2\n"));
    expect(docker(k, ["ps", "--no-trunc", "--format", "{{.Names}}"])).toEqual(out("u2\nu1\n"));
  });
});
