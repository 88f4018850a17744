/** docker builder prune (an always-empty build cache), docker build (refused), docker volume update (cluster volumes only). */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "../commands/transcript";

const BANNER = `[stderr] DEPRECATED: The legacy builder is deprecated and will be removed in a future release.
[stderr]             Install the buildx component to build images with BuildKit:
[stderr]             https://docs.docker.com/go/buildx/
[stderr] 
`;

describe("docker builder prune", () => {
  it("reports nothing reclaimed, after the legacy builder's banner; the daemon checks the filters", async () => {
    const k = await sandbox();
    expect(
      transcript(k, [
        "docker builder prune -f",
        "docker builder prune -af --keep-storage 1GB",
        "docker builder prune --filter until=24h -f",
        "docker builder prune --filter until=abc -f",
        "docker builder prune --filter foo=bar -f",
        "docker builder prune --filter until=1h --filter unused-for=2h -f",
        "docker builder prune --filter type=regular --filter type=exec.cachemount -f",
        "docker builder prune --keep-storage abc -f",
        "docker builder prune extra",
      ]),
    ).toBe(`$ docker builder prune -f
Total reclaimed space: 0B
${BANNER}$ docker builder prune -af --keep-storage 1GB
Total reclaimed space: 0B
${BANNER}$ docker builder prune --filter until=24h -f
Total reclaimed space: 0B
${BANNER}$ docker builder prune --filter until=abc -f
${BANNER}[stderr] Error response from daemon: failed to prune build cache: "until" filter expects a duration (e.g., '24h') or a timestamp: failed to parse value as time or duration: "abc"
[exit 1]
$ docker builder prune --filter foo=bar -f
${BANNER}[stderr] Error response from daemon: failed to prune build cache: invalid filter 'foo'
[exit 1]
$ docker builder prune --filter until=1h --filter unused-for=2h -f
${BANNER}[stderr] Error response from daemon: failed to prune build cache: conflicting filters: "until" and "unused-for"
[exit 1]
$ docker builder prune --filter type=regular --filter type=exec.cachemount -f
${BANNER}[stderr] Error response from daemon: failed to prune build cache: filters expect only one value
[exit 1]
$ docker builder prune --keep-storage abc -f
${BANNER}[stderr] invalid argument "abc" for "--keep-storage" flag: invalid size: 'abc'
[stderr] 
[stderr] Usage:  docker builder prune
[stderr] 
[stderr] Run 'docker builder prune --help' for more information
[exit 125]
$ docker builder prune extra
${BANNER}[stderr] docker: 'docker builder prune' accepts no arguments
[stderr] 
[stderr] Usage:  docker builder prune
[stderr] 
[stderr] Run 'docker builder prune --help' for more information
[exit 1]
`);
  });

  it("asks first (all cache with -a); an answer other than y cancels quietly", async () => {
    const k = await sandbox();
    expect(transcript(k, ["docker builder prune", "docker builder prune -a"])).toBe(`$ docker builder prune
WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] ${BANNER}$ docker builder prune -a
WARNING! This will remove all build cache. Are you sure you want to continue? [y/N] ${BANNER}`);
  });
});

describe("docker build", () => {
  it("reads the command line as the real client, then says plainly that building is not supported here", async () => {
    const k = await sandbox();
    expect(transcript(k, ["docker build .", "docker image build -t x .", "docker builder build .", "docker build"])).toBe(`$ docker build .
${BANNER}[stderr] docker build: building images is not supported in this sandbox
[exit 1]
$ docker image build -t x .
${BANNER}[stderr] docker image build: building images is not supported in this sandbox
[exit 1]
$ docker builder build .
${BANNER}[stderr] docker builder build: building images is not supported in this sandbox
[exit 1]
$ docker build
${BANNER}[stderr] docker: 'docker build' requires 1 argument
[stderr] 
[stderr] Usage:  docker build [OPTIONS] PATH | URL | -
[stderr] 
[stderr] Run 'docker build --help' for more information
[exit 1]
`);
  });

  it("still prints the real help", async () => {
    const k = await sandbox();
    const out = transcript(k, ["docker build --help"]);
    expect(out.split("\n").slice(0, 12).join("\n")).toBe(`$ docker build --help
Usage:  docker build [OPTIONS] PATH | URL | -

Build an image from a Dockerfile

Aliases:
  docker image build, docker build, docker builder build

Options:
      --add-host list           Add a custom host-to-IP mapping ("host:ip")
      --build-arg list          Set build-time variables
      --cache-from strings      Images to consider as cache sources`);
    expect(out).toContain('  -t, --tag list                Name and optionally a tag in the\n                                "name:tag" format\n');
    // The banner goes to stderr with the help too, and the status is 0.
    expect(out.endsWith(`      --ulimit ulimit           Ulimit options (default [])\n${BANNER}`)).toBe(true);
  });
});

describe("docker volume update", () => {
  it("updates cluster volumes only: a local volume is refused, an unknown one is not found", async () => {
    const k = await sandbox();
    expect(transcript(k, ["docker volume update nosuch", "docker volume create v1", "docker volume update --availability drain v1", "docker volume update"])).toBe(`$ docker volume update nosuch
[stderr] Error response from daemon: get nosuch: no such volume
[exit 1]
$ docker volume create v1
v1
$ docker volume update --availability drain v1
[stderr] Can only update cluster volumes
[exit 1]
$ docker volume update
[stderr] docker: 'docker volume update' requires 1 argument
[stderr] 
[stderr] Usage:  docker volume update [OPTIONS] [VOLUME]
[stderr] 
[stderr] Run 'docker volume update --help' for more information
[exit 1]
`);
  });
});
