import { describe, expect, it } from "vitest";
import { terminal } from "../../helpers/host";
import { docker, dockerHost } from "./harness";

const BUSYBOX_DIGEST = "sha256:4ab767419a630a70135a90555956d64f729af26fec67b5effa4bd571c72c2b87";

describe("docker pull", () => {
  it("prints each layer's state changes on a pipe, then the full reference; the second time it is up to date", () => {
    const k = dockerHost();
    expect(docker(k, ["pull", "busybox"])).toEqual({
      stdout: [
        "Using default tag: latest",
        "latest: Pulling from library/busybox",
        "6119e335a2ee: Pulling fs layer",
        "6119e335a2ee: Verifying Checksum",
        "6119e335a2ee: Download complete",
        "6119e335a2ee: Pull complete",
        `Digest: ${BUSYBOX_DIGEST}`,
        "Status: Downloaded newer image for busybox:latest",
        "docker.io/library/busybox:latest",
        "",
      ].join("\n"),
      stderr: "",
      code: 0,
    });
    expect(docker(k, ["image", "pull", "busybox:latest"]).stdout).toBe(
      `latest: Pulling from library/busybox\nDigest: ${BUSYBOX_DIGEST}\nStatus: Image is up to date for busybox:latest\ndocker.io/library/busybox:latest\n`,
    );
    expect(docker(k, ["pull", "-q", "busybox"])).toEqual({ stdout: "docker.io/library/busybox:latest\n", stderr: "", code: 0 });
  });

  it("reports the daemon's errors for unknown repositories and tags, and the client's for bad references", () => {
    const k = dockerHost();
    expect(docker(k, ["pull", "nosuchuser/nosuchimage"])).toEqual({
      stdout: "Using default tag: latest\n",
      stderr:
        "Error response from daemon: pull access denied for nosuchuser/nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n",
      code: 1,
    });
    expect(docker(k, ["pull", "ubuntu:nosuchtag"])).toEqual({
      stdout: "",
      stderr: "Error response from daemon: manifest for ubuntu:nosuchtag not found: manifest unknown: manifest unknown\n",
      code: 1,
    });
    expect(docker(k, ["pull", "-a", "busybox:latest"])).toEqual({ stdout: "", stderr: "tag can't be used with --all-tags/-a\n", code: 1 });
  });

  it("--platform: another architecture's manifest, a platform the list lacks (in the stream), an unparsable one (the daemon's 400)", () => {
    const k = dockerHost();
    expect(docker(k, ["pull", "-q", "--platform", "linux/arm64", "busybox"])).toEqual({ stdout: "docker.io/library/busybox:latest\n", stderr: "", code: 0 });
    expect(docker(k, ["image", "inspect", "-f", "{{.Os}}/{{.Architecture}}/{{.Variant}}", "busybox"]).stdout).toBe("linux/arm64/v8\n");
    expect(docker(k, ["pull", "--platform", "linux/s390x", "busybox"])).toEqual({
      stdout: "Using default tag: latest\nlatest: Pulling from library/busybox\n",
      stderr: "no matching manifest for linux/s390x in the manifest list entries\n",
      code: 1,
    });
    expect(docker(k, ["pull", "--platform", "foo", "busybox"])).toEqual({
      stdout: "Using default tag: latest\n",
      stderr: 'Error response from daemon: "foo": unknown operating system or architecture: invalid argument\n',
      code: 1,
    });
  });

  it("redraws layer lines in place on a terminal", () => {
    const k = dockerHost();
    const t = terminal(k, ["/usr/bin/docker", "pull", "alpine"]);
    const up = "\x1b[1A\x1b[2K\r86f54b8ca98c: ";
    const down = "\r\x1b[1B";
    expect(t.output()).toBe(
      "Using default tag: latest\r\nlatest: Pulling from library/alpine\r\n\r\n" +
        `${up}Pulling fs layer ${down}` +
        `${up}Downloading  956.4kB/2.869MB${down}` +
        `${up}Downloading  1.913MB/2.869MB${down}` +
        `${up}Downloading  2.869MB/2.869MB${down}` +
        `${up}Verifying Checksum ${down}` +
        `${up}Download complete ${down}` +
        `${up}Extracting  2.869MB/2.869MB${down}` +
        `${up}Pull complete ${down}` +
        "Digest: sha256:8a39cdca124d5d3ac661da1a202641e11ee7c503ced9b73d860bf3a26364a6c3\r\n" +
        "Status: Downloaded newer image for alpine:latest\r\ndocker.io/library/alpine:latest\r\n",
    );
  });
  it("docker run's implicit pull redraws the layer lines on stderr when stderr is a terminal", () => {
    const k = dockerHost();
    const t = terminal(k, ["/usr/bin/docker", "run", "--rm", "alpine", "echo", "hi"]);
    const up = "\x1b[1A\x1b[2K\r86f54b8ca98c: ";
    const down = "\r\x1b[1B";
    expect(t.output()).toBe(
      "Unable to find image 'alpine:latest' locally\r\nlatest: Pulling from library/alpine\r\n\r\n" +
        `${up}Pulling fs layer ${down}` +
        `${up}Downloading  956.4kB/2.869MB${down}` +
        `${up}Downloading  1.913MB/2.869MB${down}` +
        `${up}Downloading  2.869MB/2.869MB${down}` +
        `${up}Verifying Checksum ${down}` +
        `${up}Download complete ${down}` +
        `${up}Extracting  2.869MB/2.869MB${down}` +
        `${up}Pull complete ${down}` +
        "Digest: sha256:8a39cdca124d5d3ac661da1a202641e11ee7c503ced9b73d860bf3a26364a6c3\r\n" +
        "Status: Downloaded newer image for alpine:latest\r\nhi\r\n",
    );
  });

  it("docker run's implicit pull on a pipe shows state changes only; -q shows nothing", () => {
    const k = dockerHost();
    expect(docker(k, ["run", "--rm", "alpine", "echo", "hi"])).toEqual({
      stdout: "hi\n",
      stderr: [
        "Unable to find image 'alpine:latest' locally",
        "latest: Pulling from library/alpine",
        "86f54b8ca98c: Pulling fs layer",
        "86f54b8ca98c: Verifying Checksum",
        "86f54b8ca98c: Download complete",
        "86f54b8ca98c: Pull complete",
        "Digest: sha256:8a39cdca124d5d3ac661da1a202641e11ee7c503ced9b73d860bf3a26364a6c3",
        "Status: Downloaded newer image for alpine:latest",
        "",
      ].join("\n"),
      code: 0,
    });
    expect(docker(k, ["run", "--rm", "-q", "busybox", "echo", "hi"])).toEqual({ stdout: "hi\n", stderr: "", code: 0 });
  });
});
