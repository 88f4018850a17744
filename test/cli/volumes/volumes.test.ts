import { describe, expect, it } from "vitest";
import { ensureVolume } from "../../../src/engine/volumes/volumes";
import { DockerClient } from "../../../src/engine/client";
import { sh } from "../../helpers/host";
import { docker, dockerHost } from "../images/harness";

describe("docker volume", () => {
  it("creates named and anonymous volumes under /var/lib/docker/volumes, lists, inspects and removes them", () => {
    const k = dockerHost();
    expect(docker(k, ["volume", "create", "data"])).toEqual({ stdout: "data\n", stderr: "", code: 0 });
    expect(docker(k, ["volume", "create", "--label", "app=web", "web-data"]).stdout).toBe("web-data\n");
    expect(sh(k, "ls -d /var/lib/docker/volumes/data/_data").stdout).toBe("/var/lib/docker/volumes/data/_data\n");
    const anon = ensureVolume(new DockerClient(k, 1));
    expect(anon.name).toMatch(/^[0-9a-f]{64}$/);
    expect(anon.source).toBe(`/var/lib/docker/volumes/${anon.name}/_data`);
    expect(docker(k, ["volume", "ls"]).stdout).toBe(
      ["DRIVER    VOLUME NAME", `local     ${anon.name}`, "local     data", "local     web-data", ""].join("\n"),
    );
    expect(docker(k, ["volume", "ls", "-q", "--filter", "label=app=web"]).stdout).toBe("web-data\n");
    expect(docker(k, ["volume", "inspect", "web-data"]).stdout).toBe(
      [
        "[",
        "    {",
        '        "CreatedAt": "2026-01-15T09:00:00Z",',
        '        "Driver": "local",',
        '        "Labels": {',
        '            "app": "web"',
        "        },",
        '        "Mountpoint": "/var/lib/docker/volumes/web-data/_data",',
        '        "Name": "web-data",',
        '        "Options": null,',
        '        "Scope": "local"',
        "    }",
        "]",
        "",
      ].join("\n"),
    );
    expect(docker(k, ["volume", "inspect", "-f", "{{.Mountpoint}}", "data", "nosuch"])).toEqual({
      stdout: "/var/lib/docker/volumes/data/_data\n",
      stderr: "Error response from daemon: get nosuch: no such volume\n",
      code: 1,
    });
    expect(docker(k, ["volume", "rm", "data", "data"])).toEqual({ stdout: "data\n", stderr: "Error response from daemon: get data: no such volume\n", code: 1 });
    expect(sh(k, "ls /var/lib/docker/volumes").stdout).toBe(`${anon.name}\nweb-data\n`);
  });

  it("rejects names the local driver cannot use", () => {
    const k = dockerHost();
    expect(docker(k, ["volume", "create", "my vol"])).toEqual({
      stdout: "",
      stderr:
        'Error response from daemon: create my vol: "my vol" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path\n',
      code: 1,
    });
  });

  it("prunes anonymous volumes by default and named ones with --all, after asking", () => {
    const k = dockerHost();
    docker(k, ["volume", "create", "keep"]);
    const anon = ensureVolume(new DockerClient(k, 1));
    sh(k, `echo hello > /var/lib/docker/volumes/${anon.name}/_data/f`);
    expect(docker(k, ["volume", "prune"], { stdin: "n\n" })).toEqual({
      stdout: "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ",
      stderr: "",
      code: 0,
    });
    expect(docker(k, ["volume", "prune"], { stdin: "y\n" }).stdout).toBe(
      `WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] Deleted Volumes:\n${anon.name}\n\nTotal reclaimed space: 6B\n`,
    );
    expect(docker(k, ["volume", "prune", "-a", "-f"]).stdout).toBe("Deleted Volumes:\nkeep\n\nTotal reclaimed space: 0B\n");
    expect(docker(k, ["volume", "prune", "-f"]).stdout).toBe("Total reclaimed space: 0B\n");
  });
});
