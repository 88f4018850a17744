/**
 * The daemon's checks of a create request belong to the engine: any caller of containerCreate
 * gets them, with the daemon's status (400, invalid parameter), before the image is looked for,
 * and the network is not looked up until the container starts (as dockerd 20.10 and moby 28's
 * validateNetworkingConfig do). Messages recorded on the real dockerd.
 */
import { describe, expect, it } from "vitest";
import { type CreateRequest, DockerClient, EngineError } from "../../src/engine/client";
import { sandbox, transcript } from "../cli/commands/transcript";

const MB = 1024 * 1024;

async function client(): Promise<DockerClient> {
  const k = await sandbox();
  transcript(k, ["docker pull -q busybox"]);
  return new DockerClient(k, 1);
}

function refusal(d: DockerClient, req: CreateRequest): { status: number; message: string } | "created" {
  try {
    d.containerCreate(req);
    return "created";
  } catch (e) {
    if (!(e instanceof EngineError)) throw e;
    return { status: e.status, message: e.message };
  }
}

describe("containerCreate's settings checks", () => {
  it("refuses bad settings with 400, in the daemon's words, before it looks for the image", async () => {
    const d = await client();
    const bad = (message: string) => ({ status: 400, message });
    expect(refusal(d, { image: "busybox", host: { Memory: 4 * MB } })).toEqual(bad("Minimum memory limit allowed is 6MB"));
    expect(refusal(d, { image: "nosuch", host: { Memory: 4 * MB } })).toEqual(bad("Minimum memory limit allowed is 6MB"));
    expect(refusal(d, { image: "busybox", host: { MemorySwap: 10 * MB } })).toEqual(
      bad("You should always set the Memory limit when using Memoryswap limit, see usage"),
    );
    expect(refusal(d, { image: "busybox", host: { Memory: 10 * MB, MemorySwap: 5 * MB } })).toEqual(
      bad("Minimum memoryswap limit should be larger than memory limit, see usage"),
    );
    expect(refusal(d, { image: "busybox", host: { NanoCpus: 99e9 } })).toEqual(
      bad("Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available"),
    );
    expect(refusal(d, { image: "busybox", workingDir: "rel" })).toEqual(
      bad("the working directory 'rel' is invalid, it needs to be an absolute path"),
    );
    expect(refusal(d, { image: "busybox", host: { RestartPolicy: { Name: "foo", MaximumRetryCount: 0 } } })).toEqual(
      bad("invalid restart policy: unknown policy 'foo'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'"),
    );
    expect(refusal(d, { image: "busybox", healthcheck: { Interval: 1000 } })).toEqual(bad("Interval in Healthcheck cannot be less than 1ms"));
    // Settings that pass leave the image lookup to answer.
    expect(refusal(d, { image: "nosuch", host: { Memory: 6 * MB } })).toEqual({ status: 404, message: "No such image: nosuch" });
    expect(d.containerList(true)).toEqual([]);
  });

  it("accepts unlimited swap, a missing network (looked up at start), and stores the health check", async () => {
    const d = await client();
    expect(refusal(d, { image: "busybox", host: { MemorySwap: -1 } })).toBe("created");
    const { id } = d.containerCreate({ image: "busybox", host: { NetworkMode: "gone" } });
    expect(() => d.containerStart(id)).toThrow("failed to set up container networking: network gone not found");
    const h = d.containerCreate({ image: "busybox", healthcheck: { Test: ["CMD-SHELL", "true"], Interval: 2e9 } });
    expect(d.container(h.id).config).toMatchObject({ Healthcheck: { Test: ["CMD-SHELL", "true"], Interval: 2e9 } });
  });
});

describe("the client", () => {
  it("prints the daemon's refusal without pulling a missing image, and docker update checks the CPUs too", async () => {
    const d = await client();
    expect(
      transcript(d.k, [
        "docker run --rm -m 4m nosuchimage true",
        "docker run --rm --cpus 99 busybox true",
        "docker run -d --name u1 busybox sleep 100",
        "docker update --cpus 99 u1",
      ]),
    ).toBe(`$ docker run --rm -m 4m nosuchimage true
[stderr] docker: Error response from daemon: Minimum memory limit allowed is 6MB
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --cpus 99 busybox true
[stderr] docker: Error response from daemon: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run -d --name u1 busybox sleep 100
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker update --cpus 99 u1
[stderr] Error response from daemon: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available
[exit 1]
`);
  });
});
