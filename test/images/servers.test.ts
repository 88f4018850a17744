/** hello-world, busybox, nginx (both variants), httpd, redis, registry: start, logs, processes, reaching them. */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../src/cli/flags/help";
import type { Kernel } from "../../src/kernel";
import { bootSandboxHost } from "../../src/session/host";
import { run } from "../helpers/host";
import { docker } from "./helpers";

const untimed = (s: string) => s.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /gm, "");

describe("server images", () => {
  let k: Kernel;
  const ip = (name: string) => docker(k, "inspect", "-f", "{{.NetworkSettings.IPAddress}}", name).stdout.trim();
  beforeAll(async () => {
    await loadHelpTexts();
    k = bootSandboxHost();
    for (const ref of ["hello-world", "busybox", "nginx", "nginx:alpine", "httpd", "redis", "redis:alpine", "registry:2"]) expect(docker(k, "pull", "-q", ref).code).toBe(0);
  });

  it("hello-world prints its greeting; busybox's sh exits without a terminal", () => {
    const hello = docker(k, "run", "--rm", "hello-world");
    expect(hello.code).toBe(0);
    expect(hello.stdout.split("\n").slice(0, 3)).toEqual(["", "Hello from Docker!", "This message shows that your installation appears to be working correctly."]);
    expect(docker(k, "run", "--rm", "busybox")).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("nginx:alpine logs its start as Alpine's build and runs workers as nginx", () => {
    expect(docker(k, "run", "-d", "--name", "webalp", "nginx:alpine").code).toBe(0);
    run(k, ["sleep", "1"]);
    const logs = docker(k, "logs", "webalp");
    expect(logs.stdout).toBe(
      [
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
        "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
        "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
        "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
        "/docker-entrypoint.sh: Configuration complete; ready for start up",
        "",
      ].join("\n"),
    );
    const workers = [...logs.stderr.matchAll(/start worker process (\d+)/g)].map((m) => m[1]);
    expect(untimed(logs.stderr)).toBe(
      [
        '[notice] 1#1: using the "epoll" event method',
        "[notice] 1#1: nginx/1.27.5",
        "[notice] 1#1: built by gcc 14.2.0 (Alpine 14.2.0) ",
        "[notice] 1#1: OS: Linux 6.1.0-31-amd64",
        "[notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576",
        "[notice] 1#1: start worker processes",
        ...workers.map((w) => `[notice] 1#1: start worker process ${w}`),
        "",
      ].join("\n"),
    );
    expect(docker(k, "exec", "webalp", "ps").stdout.split("\n").slice(0, 3)).toEqual([
      "PID   USER     COMMAND",
      "    1 root     nginx: master process nginx -g daemon off;",
      `   ${workers[0]} nginx    nginx: worker process`,
    ]);
  });

  it("nginx (Debian) has no ps, and serves its page on a published port", () => {
    expect(docker(k, "run", "-d", "--name", "web", "-p", "8080:80", "nginx").code).toBe(0);
    run(k, ["sleep", "1"]);
    expect(docker(k, "exec", "web", "ps")).toEqual({
      stdout: "",
      stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in $PATH: unknown\n',
      code: 127,
    });
    expect(run(k, ["curl", "-s", "localhost:8080"]).stdout).toContain("<title>Welcome to nginx!</title>");
  });

  it("httpd answers It works! on a published port", () => {
    expect(docker(k, "run", "-d", "--name", "ap", "-p", "8081:80", "httpd").code).toBe(0);
    run(k, ["sleep", "1"]);
    expect(run(k, ["curl", "-s", "localhost:8081"]).stdout).toBe("<html><body><h1>It works!</h1></body></html>\n");
  });

  it("redis answers redis-cli inside the container and from another one", () => {
    expect(docker(k, "run", "-d", "--name", "rd", "redis").code).toBe(0);
    expect(docker(k, "run", "-d", "--name", "rda", "redis:alpine").code).toBe(0);
    run(k, ["sleep", "1"]);
    expect(docker(k, "exec", "rd", "redis-cli", "set", "hits", "41").stdout).toBe("OK\n");
    expect(docker(k, "run", "--rm", "redis", "redis-cli", "-h", ip("rd"), "incr", "hits").stdout).toBe("42\n");
    expect(docker(k, "exec", "rda", "ps").stdout.split("\n").slice(0, 2)).toEqual(["PID   USER     COMMAND", "    1 redis    redis-server *:6379"]);
  });

  it("registry:2 serves the catalog API", () => {
    expect(docker(k, "run", "-d", "--name", "reg", "-p", "5000:5000", "registry:2").code).toBe(0);
    run(k, ["sleep", "1"]);
    expect(run(k, ["curl", "-s", "localhost:5000/v2/_catalog"]).stdout).toBe('{"repositories":[]}\n');
  });
});
