/**
 * registry:2 as a container: docker push/pull of localhost:5000 references go over HTTP through
 * the published port to the registry program, which keeps everything in its filesystem.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { loadHelpTexts } from "../../../src/cli/flags/help";
import { bootSandboxHost } from "../../../src/session/host";
import { run } from "../../helpers/host";

function docker(k: Kernel, ...args: string[]) {
  return run(k, ["docker", ...args]);
}

const BUSYBOX_MANIFEST = "sha256:33e807bf94ea337d1de230db525ef802c282aee066e894a079e857846979cda2";
const LAYER = "6119e335a2eed356e9cdebc8f73712602e1c2f8d93f612ce75693bfd4835c7eb";
const CONFIG = "653dcb95f388c29323bb95960b2db0e12e63c6e4cac9009b23d3504f0e91e80a";

describe("a private registry in a registry:2 container", () => {
  let k: Kernel;
  beforeAll(async () => {
    await loadHelpTexts();
    k = bootSandboxHost();
    expect(docker(k, "pull", "-q", "busybox").code).toBe(0);
  });

  it("refuses pushes while nothing listens, then serves push, pull, _catalog and tags/list", () => {
    expect(docker(k, "tag", "busybox", "localhost:5000/app:1").code).toBe(0);
    expect(docker(k, "push", "localhost:5000/app:1")).toEqual({
      stdout: "The push refers to repository [localhost:5000/app]\n",
      stderr: 'Get "http://localhost:5000/v2/": dial tcp 127.0.0.1:5000: connect: connection refused\n',
      code: 1,
    });
    const started = docker(k, "run", "-d", "-p", "5000:5000", "--name", "registry", "registry:2");
    expect(started.code).toBe(0);
    expect(docker(k, "push", "localhost:5000/app:1")).toEqual({
      stdout: `The push refers to repository [localhost:5000/app]\nc54f989ee37a: Preparing\nc54f989ee37a: Pushed\n1: digest: ${BUSYBOX_MANIFEST} size: 526\n`,
      stderr: "",
      code: 0,
    });
    expect(docker(k, "push", "localhost:5000/app:1").stdout).toBe(
      `The push refers to repository [localhost:5000/app]\nc54f989ee37a: Preparing\nc54f989ee37a: Layer already exists\n1: digest: ${BUSYBOX_MANIFEST} size: 526\n`,
    );
    expect(docker(k, "rmi", "localhost:5000/app:1").stdout).toBe("Untagged: localhost:5000/app:1\n");
    expect(docker(k, "pull", "localhost:5000/app:1")).toEqual({
      stdout: `1: Pulling from app\n6119e335a2ee: Already exists\nDigest: ${BUSYBOX_MANIFEST}\nStatus: Downloaded newer image for localhost:5000/app:1\nlocalhost:5000/app:1\n`,
      stderr: "",
      code: 0,
    });
    expect(run(k, ["curl", "-s", "localhost:5000/v2/_catalog"]).stdout).toBe('{"repositories":["app"]}\n');
    expect(run(k, ["curl", "-s", "localhost:5000/v2/app/tags/list"]).stdout).toBe('{"name":"app","tags":["1"]}\n');
    expect(docker(k, "pull", "localhost:5000/app:2")).toEqual({
      stdout: "",
      stderr: "Error response from daemon: manifest for localhost:5000/app:2 not found: manifest unknown: manifest unknown\n",
      code: 1,
    });
    expect(docker(k, "ps", "--format", "{{.Names}} {{.Status}} {{.Ports}}").stdout).toBe(
      "registry Up Less than a second 0.0.0.0:5000->5000/tcp, :::5000->5000/tcp\n",
    );
  });

  it("keeps blobs and links in the filesystem driver's layout", () => {
    const v2 = "/var/lib/registry/docker/registry/v2";
    const r = docker(k, "exec", "registry", "sh", "-c", `cd ${v2} && find blobs repositories -type f | sort && cat repositories/app/_manifests/tags/1/current/link && echo && sha256sum blobs/sha256/61/${LAYER}/data`);
    const m = BUSYBOX_MANIFEST.slice(7);
    expect(r.stdout).toBe(
      [
        `blobs/sha256/33/${m}/data`,
        `blobs/sha256/61/${LAYER}/data`,
        `blobs/sha256/65/${CONFIG}/data`,
        `repositories/app/_layers/sha256/${LAYER}/link`,
        `repositories/app/_layers/sha256/${CONFIG}/link`,
        `repositories/app/_manifests/revisions/sha256/${m}/link`,
        `repositories/app/_manifests/tags/1/current/link`,
        `repositories/app/_manifests/tags/1/index/sha256/${m}/link`,
        BUSYBOX_MANIFEST,
        `${LAYER}  blobs/sha256/61/${LAYER}/data`,
        "",
      ].join("\n"),
    );
  });

  it("answers the API with the registry's headers and JSON errors", () => {
    expect(run(k, ["curl", "-si", "localhost:5000/v2/"]).stdout).toBe(
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json; charset=utf-8\r\nDocker-Distribution-Api-Version: registry/2.0\r\nX-Content-Type-Options: nosniff\r\nDate: Thu, 15 Jan 2026 09:00:00 GMT\r\n\r\n{}",
    );
    const head = run(k, ["curl", "-sI", "localhost:5000/v2/app/manifests/1"]).stdout;
    expect(head).toContain("Content-Type: application/vnd.docker.distribution.manifest.v2+json\r\n");
    expect(head).toContain(`Docker-Content-Digest: ${BUSYBOX_MANIFEST}\r\n`);
    expect(run(k, ["curl", "-s", "localhost:5000/v2/app/manifests/2"]).stdout).toBe(
      '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"2"}}]}\n',
    );
    expect(run(k, ["curl", "-s", "localhost:5000/v2/nope/tags/list"]).stdout).toBe(
      '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"nope"}}]}\n',
    );
    expect(run(k, ["curl", "-s", `localhost:5000/v2/app/blobs/sha256:${"0".repeat(64)}`]).stdout).toBe(
      `{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry","detail":"sha256:${"0".repeat(64)}"}]}\n`,
    );
  });

  it("carries a committed layer through the registry and runs it", () => {
    expect(docker(k, "run", "--name", "c1", "busybox", "sh", "-c", "echo hi > /hello").code).toBe(0);
    expect(docker(k, "commit", "c1", "localhost:5000/mine:v1").code).toBe(0);
    const pushed = docker(k, "push", "localhost:5000/mine:v1");
    expect(pushed.stdout).toMatch(/^The push refers to repository \[localhost:5000\/mine\]\n(\w{12}): Preparing\nc54f989ee37a: Preparing\n\1: Pushed\nc54f989ee37a: Pushed\nv1: digest: sha256:[0-9a-f]{64} size: 733\n$/);
    expect(docker(k, "rmi", "localhost:5000/mine:v1").code).toBe(0);
    expect(docker(k, "rm", "c1").code).toBe(0);
    expect(docker(k, "run", "--rm", "localhost:5000/mine:v1", "cat", "/hello")).toMatchObject({ stdout: "hi\n", code: 0 });
    expect(run(k, ["curl", "-s", "localhost:5000/v2/_catalog"]).stdout).toBe('{"repositories":["app","mine"]}\n');
  });

  it("logs as distribution does and stops gracefully", () => {
    const logs = docker(k, "logs", "registry");
    const lines = logs.stderr.split("\n");
    const fields = / go\.version=go1\.20\.8 instance\.id=[0-9a-f-]{36} service=registry version=2\.8\.3$/;
    expect(lines[0]).toMatch(/^time="2026-01-15T09:00:00\.\d+Z" level=warning msg="No HTTP secret provided - generated random secret\./);
    expect(lines.slice(1, 5).map((l) => l.replace(/^time="[^"]+" /, "").replace(fields, ""))).toEqual([
      'level=info msg="redis not configured"',
      expect.stringMatching(/^level=info msg="Starting upload purge in \d+m0s"$/),
      'level=info msg="using inmemory blob descriptor cache"',
      'level=info msg="listening on [::]:5000"',
    ]);
    expect(logs.stdout.split("\n")[0]).toMatch(
      /^172\.17\.0\.1 - - \[15\/Jan\/2026:09:00:0\d \+0000\] "GET \/v2\/ HTTP\/1\.1" 200 2 "" "docker\/28\.2\.2 go\/go1\.24\.3 git-commit\/45873be kernel\/[^ ]+ os\/linux arch\/amd64 UpstreamClient\(Docker-Client\/28\.2\.2 \\\(linux\\\)\)"$/,
    );
    expect(docker(k, "stop", "registry").code).toBe(0);
    expect(docker(k, "inspect", "-f", "{{.State.ExitCode}}", "registry").stdout).toBe("0\n");
    expect(docker(k, "logs", "registry").stderr.trimEnd().split("\n").pop()).toMatch(/level=info msg="stopping server gracefully. Draining connections for 0s"/);
  });
});
