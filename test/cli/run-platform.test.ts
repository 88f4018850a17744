/**
 * docker run/create --platform on the amd64 host: the client's parse of the specifier, the pull of
 * the requested platform, the daemon's warning for an image of another machine, and what runc
 * reports when the kernel cannot execute a foreign binary (no binfmt_misc/qemu on the host).
 */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./commands/transcript";

const ARM_PULL = `[stderr] latest: Pulling from library/busybox
[stderr] 69041c25b006: Pulling fs layer
[stderr] 69041c25b006: Verifying Checksum
[stderr] 69041c25b006: Download complete
[stderr] 69041c25b006: Pull complete
[stderr] Digest: sha256:4ab767419a630a70135a90555956d64f729af26fec67b5effa4bd571c72c2b87
[stderr] Status: Downloaded newer image for busybox:latest
`;

const AMD_PULL = `[stderr] latest: Pulling from library/busybox
[stderr] 6119e335a2ee: Pulling fs layer
[stderr] 6119e335a2ee: Verifying Checksum
[stderr] 6119e335a2ee: Download complete
[stderr] 6119e335a2ee: Pull complete
[stderr] Digest: sha256:4ab767419a630a70135a90555956d64f729af26fec67b5effa4bd571c72c2b87
[stderr] Status: Downloaded newer image for busybox:latest
`;

const WARNING =
  "[stderr] WARNING: The requested image's platform (linux/arm64/v8) does not match the detected host platform (linux/amd64/v3) and no specific platform was requested\n";

describe("docker run --platform", () => {
  it("pulls the arm64 image, whose binaries the amd64 kernel cannot execute", async () => {
    const k = await sandbox();
    expect(
      transcript(k, [
        "docker run --rm --platform linux/arm64 busybox uname -m",
        "docker image inspect -f '{{.Os}}/{{.Architecture}}/{{.Variant}}' busybox",
        "docker run --rm busybox uname -m",
        "docker create --name armbox busybox",
        "docker inspect -f '{{.Platform}} {{.State.Status}}' armbox",
        "docker start -a armbox",
        "docker inspect -f '{{.State.ExitCode}}' armbox",
        "docker run --rm --platform linux/arm64/v8 busybox true",
      ]),
    ).toBe(`$ docker run --rm --platform linux/arm64 busybox uname -m
[stderr] Unable to find image 'busybox:latest' locally
${ARM_PULL}[stderr] exec /bin/uname: exec format error
[exit 255]
$ docker image inspect -f '{{.Os}}/{{.Architecture}}/{{.Variant}}' busybox
linux/arm64/v8
$ docker run --rm busybox uname -m
${WARNING}[stderr] exec /bin/uname: exec format error
[exit 255]
$ docker create --name armbox busybox
1e6c213577017685acb0cb70c5f3e2dfb023684a1d024f5a6f069f3009e4685f
${WARNING}$ docker inspect -f '{{.Platform}} {{.State.Status}}' armbox
linux created
$ docker start -a armbox
[stderr] exec /bin/sh: exec format error
[exit 255]
$ docker inspect -f '{{.State.ExitCode}}' armbox
255
$ docker run --rm --platform linux/arm64/v8 busybox true
[stderr] exec /bin/true: exec format error
[exit 255]
`);
  });

  it("asking for the other platform pulls it again and leaves the old image dangling", async () => {
    const k = await sandbox();
    expect(
      transcript(k, [
        "docker pull -q --platform linux/arm64 busybox",
        "docker run --rm --platform amd64 busybox uname -m",
        "docker images",
        "docker run --rm --platform linux/amd64/v2 busybox uname -m",
      ]),
    ).toBe(`$ docker pull -q --platform linux/arm64 busybox
docker.io/library/busybox:latest
$ docker run --rm --platform amd64 busybox uname -m
x86_64
[stderr] Unable to find image 'busybox:latest' locally
${AMD_PULL}$ docker images
REPOSITORY   TAG       IMAGE ID       CREATED         SIZE
busybox      latest    653dcb95f388   15 months ago   1.98MB
busybox      <none>    9b89346c2c8d   15 months ago   1.88MB
$ docker run --rm --platform linux/amd64/v2 busybox uname -m
x86_64
`);
  });

  it("the hello-world of another machine cannot say hello", async () => {
    const k = await sandbox();
    const out = transcript(k, ["docker run --platform linux/arm64 hello-world"]);
    expect(out.endsWith("[stderr] Status: Downloaded newer image for hello-world:latest\n[stderr] exec /hello: exec format error\n[exit 255]\n")).toBe(true);
  });

  it("docker exec of a binary built for another machine", async () => {
    const k = await sandbox();
    expect(
      transcript(k, [
        "docker pull -q --platform linux/arm64 busybox",
        "docker create --name armbox busybox",
        "docker cp armbox:/bin/busybox /tmp/busybox-arm64",
        "docker run -d --name web --platform linux/amd64 -q busybox sleep 100",
        "docker cp /tmp/busybox-arm64 web:/bin/armbox",
        "docker exec web /bin/armbox",
        "docker exec web armbox echo hi",
        "docker exec web od -A d -t x1 -N 20 /bin/armbox",
        "docker exec web od -A d -t x1 -N 20 /bin/busybox",
      ]),
    ).toBe(`$ docker pull -q --platform linux/arm64 busybox
docker.io/library/busybox:latest
$ docker create --name armbox busybox
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
${WARNING}$ docker cp armbox:/bin/busybox /tmp/busybox-arm64
$ docker run -d --name web --platform linux/amd64 -q busybox sleep 100
eba59e9c9cb7d78b2b02480bdc138211d800ef41166663058f85f20151421659
$ docker cp /tmp/busybox-arm64 web:/bin/armbox
$ docker exec web /bin/armbox
[stderr] exec /bin/armbox: exec format error
[exit 255]
$ docker exec web armbox echo hi
[stderr] exec /bin/armbox: exec format error
[exit 255]
$ docker exec web od -A d -t x1 -N 20 /bin/armbox
0000000 7f 45 4c 46 02 01 01 00 00 00 00 00 00 00 00 00
0000016 02 00 b7 00
0000020
$ docker exec web od -A d -t x1 -N 20 /bin/busybox
0000000 7f 45 4c 46 02 01 01 00 00 00 00 00 00 00 00 00
0000016 02 00 3e 00
0000020
`);
  });
});

describe("--platform errors", () => {
  it("a specifier containerd cannot parse is the client's error (run: 125, create: 1)", async () => {
    const k = await sandbox();
    expect(
      transcript(k, [
        "docker run --rm --platform foo busybox true",
        "docker create --platform foo busybox true",
        "docker run --platform 'linux/a b' busybox true",
        "docker create --platform / busybox true",
        "docker create --platform linux/arm64/v8/x busybox true",
        "docker ps -a -q",
      ]),
    ).toBe(`$ docker run --rm --platform foo busybox true
[stderr] docker: error parsing specified platform: "foo": unknown operating system or architecture: invalid argument
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker create --platform foo busybox true
[stderr] error parsing specified platform: "foo": unknown operating system or architecture: invalid argument
[exit 1]
$ docker run --platform 'linux/a b' busybox true
[stderr] docker: error parsing specified platform: "a b" is an invalid component of "linux/a b": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker create --platform / busybox true
[stderr] error parsing specified platform: "" is an invalid OS component of "/": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.-]*)\\\\))?$": invalid argument
[exit 1]
$ docker create --platform linux/arm64/v8/x busybox true
[stderr] error parsing specified platform: "linux/arm64/v8/x": cannot parse platform specifier: invalid argument
[exit 1]
$ docker ps -a -q
`);
  });

  it("a platform the manifest list lacks fails after 'Pulling from'; --pull=never names the mismatch", async () => {
    const k = await sandbox();
    expect(
      transcript(k, [
        "docker run --rm --platform linux/s390x busybox true",
        "docker create --platform windows/amd64 busybox true",
        "docker run --rm --platform linux/arm/v7 nosuchrepo true",
        "docker pull -q busybox",
        "docker run --rm --pull=never --platform linux/arm64 busybox true",
        "docker create --pull=never --platform linux/amd64 busybox",
      ]),
    ).toBe(`$ docker run --rm --platform linux/s390x busybox true
[stderr] Unable to find image 'busybox:latest' locally
[stderr] latest: Pulling from library/busybox
[stderr] docker: no matching manifest for linux/s390x in the manifest list entries
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker create --platform windows/amd64 busybox true
[stderr] Unable to find image 'busybox:latest' locally
[stderr] latest: Pulling from library/busybox
[stderr] no matching manifest for windows/amd64 in the manifest list entries
[exit 1]
$ docker run --rm --platform linux/arm/v7 nosuchrepo true
[stderr] Unable to find image 'nosuchrepo:latest' locally
[stderr] docker: Error response from daemon: pull access denied for nosuchrepo, repository does not exist or may require 'docker login': denied: requested access to the resource is denied
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run --rm --pull=never --platform linux/arm64 busybox true
[stderr] docker: Error response from daemon: image with reference busybox was found but does not match the specified platform: wanted linux/arm64, actual: linux/amd64
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker create --pull=never --platform linux/amd64 busybox
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
`);
  });

  it("DOCKER_DEFAULT_PLATFORM stands in for the flag", async () => {
    const k = await sandbox();
    const out = transcript(k, ["docker run --rm busybox uname -m"], { env: { DOCKER_DEFAULT_PLATFORM: "linux/arm64", PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" } });
    expect(out).toBe(`$ docker run --rm busybox uname -m
[stderr] Unable to find image 'busybox:latest' locally
${ARM_PULL}[stderr] exec /bin/uname: exec format error
[exit 255]
`);
  });
});
