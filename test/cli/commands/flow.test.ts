/** The getting-started flow (hello-world, a detached web server, ps, logs, stop, rm) and help texts. */
import { describe, expect, it } from "vitest";
import { programs } from "../../../src/programs/registry";
import { run } from "../../helpers/host";
import { sandbox, transcript } from "./transcript";

describe("getting started", () => {
  it("prints docker's help texts", async () => {
    const k = await sandbox();
    const top = run(k, ["docker", "--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout.startsWith("Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n")).toBe(true);
    const runHelp = run(k, ["docker", "run", "--help"]);
    expect(runHelp.stdout.split("\n").slice(0, 4)).toEqual(["Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]", "", "Create and run a new container from an image", ""]);
    expect(run(k, ["docker"]).stderr.startsWith("Usage:  docker [OPTIONS] COMMAND\n")).toBe(true);
  });

  // The image programs (/hello of hello-world, nginx) are other engineers' work in progress.
  it.skipIf(!programs.get("hello"))("runs hello-world: pull on stderr, the greeting on stdout", async () => {
    const k = await sandbox();
    const r = run(k, ["docker", "run", "hello-world"]);
    expect(r.code).toBe(0);
    expect(r.stderr.split("\n")[0]).toBe("Unable to find image 'hello-world:latest' locally");
    expect(r.stdout.startsWith("\nHello from Docker!\n")).toBe(true);
  });

  it.skipIf(!programs.get("nginx"))("runs nginx detached and shows it in ps", async () => {
    const k = await sandbox();
    run(k, ["docker", "run", "-d", "--name", "web", "-p", "8080:80", "nginx"]);
    expect(run(k, ["docker", "ps", "--format", "{{.Names}} {{.Ports}}"]).stdout).toBe("web 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n");
  });

  it("runs a background container, lists it, reads its logs, stops and removes it", async () => {
    const k = await sandbox();
    expect(
      transcript(k, [
        "docker run -d --name ticker busybox sh -c 'echo started; while true; do sleep 1; done'",
        "docker ps --format '{{.Names}} {{.Image}} {{.Status}}'",
        "docker logs ticker",
        "docker stop ticker",
        "docker ps -a --format '{{.Names}} {{.Status}}'",
        "docker rm ticker",
        "docker ps -a -q",
      ]),
    ).toBe(`$ docker run -d --name ticker busybox sh -c 'echo started; while true; do sleep 1; done'
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
[stderr] Unable to find image 'busybox:latest' locally
[stderr] latest: Pulling from library/busybox
[stderr] 6119e335a2ee: Pulling fs layer
[stderr] 6119e335a2ee: Verifying Checksum
[stderr] 6119e335a2ee: Download complete
[stderr] 6119e335a2ee: Pull complete
[stderr] Digest: sha256:4ab767419a630a70135a90555956d64f729af26fec67b5effa4bd571c72c2b87
[stderr] Status: Downloaded newer image for busybox:latest
$ docker ps --format '{{.Names}} {{.Image}} {{.Status}}'
ticker busybox Up Less than a second
$ docker logs ticker
started
$ docker stop ticker
ticker
$ docker ps -a --format '{{.Names}} {{.Status}}'
ticker Exited (137) Less than a second ago
$ docker rm ticker
ticker
$ docker ps -a -q
`);
  });
});
