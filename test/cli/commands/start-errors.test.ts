/**
 * What docker restart and docker start say when the container cannot start: the daemon wraps
 * restart failures ("Cannot restart container NAME: ..."), and a removed network is named by what
 * the daemon looks up (the name before the first start, the network's id after). Recorded on the
 * real dockerd 20.10 with the 28.2 client; the start error's text and the networking prefix are
 * docker 28's.
 */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./transcript";

const EXEC_FAILED =
  'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "/nonexistent": stat /nonexistent: no such file or directory: unknown';

describe("docker restart errors", () => {
  it("wraps a failed start with the name given; an unknown container is not wrapped", async () => {
    const k = await sandbox();
    expect(
      transcript(k, [
        "docker pull -q busybox",
        "docker create --name r1 busybox /nonexistent",
        "docker restart r1",
        "docker restart nosuch r1",
        "docker restart e82c",
      ]),
    ).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker create --name r1 busybox /nonexistent
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker restart r1
[stderr] Error response from daemon: Cannot restart container r1: ${EXEC_FAILED}
[exit 1]
$ docker restart nosuch r1
[stderr] Error response from daemon: No such container: nosuch
[stderr] Error response from daemon: Cannot restart container r1: ${EXEC_FAILED}
[exit 1]
$ docker restart e82c
[stderr] Error response from daemon: Cannot restart container e82c: ${EXEC_FAILED}
[exit 1]
`);
  });

  it("a successful restart is stopped, started, and announced with a restart event", async () => {
    const k = await sandbox();
    expect(
      transcript(k, [
        "docker pull -q busybox",
        "docker run -d --name r2 busybox sleep 100",
        "docker restart -t 0 r2",
        "docker events --since 0 --until 0 --format '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}'",
      ]),
    ).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run -d --name r2 busybox sleep 100
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker restart -t 0 r2
r2
$ docker events --since 0 --until 0 --format '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}'
image pull busybox
container create r2
container start r2
container kill r2
container kill r2
container die r2
container stop r2
container start r2
container restart r2
`);
  });
});

describe("starting a container whose network was removed", () => {
  it("names the network, by name before its first start and by id after; the state keeps the error", async () => {
    const k = await sandbox();
    const out = transcript(k, [
      "docker pull -q busybox",
      "docker network create n2",
      "docker create --name fresh --network n2 busybox true",
      "docker run --name ran --network n2 busybox true",
      "docker network rm n2",
      "docker start fresh",
      "docker start ran",
      "docker inspect -f '{{.State.ExitCode}} {{json .State.Error}}' ran",
      "docker restart ran",
      "docker network create n2",
      "docker start fresh",
      "docker start ran",
    ]);
    // The first n2's id (the sandbox's ids are seeded, so the same on every run).
    const id = "e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21";
    const missing = `failed to set up container networking: network ${id} not found`;
    expect(out).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker network create n2
${id}
$ docker create --name fresh --network n2 busybox true
90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6
$ docker run --name ran --network n2 busybox true
$ docker network rm n2
n2
$ docker start fresh
[stderr] Error response from daemon: failed to set up container networking: network n2 not found
[stderr] Error: failed to start containers: fresh
[exit 1]
$ docker start ran
[stderr] Error response from daemon: ${missing}
[stderr] Error: failed to start containers: ran
[exit 1]
$ docker inspect -f '{{.State.ExitCode}} {{json .State.Error}}' ran
128 "${missing}"
$ docker restart ran
[stderr] Error response from daemon: Cannot restart container ran: ${missing}
[exit 1]
$ docker network create n2
86ab756475620a0047ce0aef136d1e6c213577017685acb0cb70c5f3e2dfb023
$ docker start fresh
fresh
$ docker start ran
[stderr] Error response from daemon: ${missing}
[stderr] Error: failed to start containers: ran
[exit 1]
`);
  });

  it("docker run on a missing network creates the container; its start fails, and --rm removes it", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox"]);
    expect(
      transcript(k, [
        "docker run --name kept --network gone busybox true",
        "docker run -d --rm --name dropped --network gone busybox true",
        "docker run --rm --name dropped2 --network gone busybox true",
        "docker ps -a --format '{{.Names}} {{.Status}}'",
        "docker inspect -f '{{.State.ExitCode}} {{json .State.Error}}' kept",
      ]),
    ).toBe(`$ docker run --name kept --network gone busybox true
[stderr] docker: Error response from daemon: failed to set up container networking: network gone not found
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run -d --rm --name dropped --network gone busybox true
329cfa3186179af8e9943e4bcaa20cc3932ffc1bbe610b29ee48b21e446ce709
[stderr] docker: Error response from daemon: failed to set up container networking: network gone not found
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --name dropped2 --network gone busybox true
[stderr] docker: Error response from daemon: failed to set up container networking: network gone not found
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker ps -a --format '{{.Names}} {{.Status}}'
kept Created
$ docker inspect -f '{{.State.ExitCode}} {{json .State.Error}}' kept
128 "failed to set up container networking: network gone not found"
`);
  });
});
