import { describe, expect, it } from "vitest";
import { sh } from "../../helpers/host";
import { docker, dockerHost } from "../images/harness";

describe("docker version, info, search, login, system df/prune, events", () => {
  it("prints the client and server builds", () => {
    const k = dockerHost();
    expect(docker(k, ["version"]).stdout).toBe(
      [
        "Client:",
        " Version:           28.2.2",
        " API version:       1.50",
        " Go version:        go1.24.3",
        " Git commit:        e6534b4",
        " Built:             Fri May 30 12:07:14 2025",
        " OS/Arch:           linux/amd64",
        " Context:           default",
        "",
        "Server:",
        " Engine:",
        "  Version:          28.2.2",
        "  API version:      1.50 (minimum version 1.24)",
        "  Go version:       go1.24.3",
        "  Git commit:       45873be",
        "  Built:            Fri May 30 12:07:14 2025",
        "  OS/Arch:          linux/amd64",
        "  Experimental:     false",
        " containerd:",
        "  Version:          1.7.27",
        "  GitCommit:        05044ec0a9a75232cad458027ca83437aae3f4da",
        " runc:",
        "  Version:          1.2.5",
        "  GitCommit:        v1.2.5-0-g59923ef",
        " docker-init:",
        "  Version:          0.19.0",
        "  GitCommit:        de40ad0",
        "",
      ].join("\n"),
    );
    expect(docker(k, ["version", "--format", "{{.Client.Version}} {{.Server.Version}} {{.Server.APIVersion}}"]).stdout).toBe("28.2.2 28.2.2 1.50\n");
  });

  it("counts containers and images in docker info", () => {
    const k = dockerHost();
    docker(k, ["pull", "-q", "busybox"]);
    const out = docker(k, ["info"]).stdout;
    expect(out.startsWith("Client:\n Version:    28.2.2\n Context:    default\n Debug Mode: false\n\nServer:\n Containers: 0\n  Running: 0\n  Paused: 0\n  Stopped: 0\n Images: 1\n Server Version: 28.2.2\n Storage Driver: overlay2\n")).toBe(true);
    expect(out).toContain(" Cgroup Driver: systemd\n Cgroup Version: 2\n");
    expect(out).toContain(" Operating System: Debian GNU/Linux 12 (bookworm)\n OSType: linux\n Architecture: x86_64\n");
    expect(out).toContain(" Name: sandbox\n");
    expect(out.endsWith(" Live Restore Enabled: false\n\n")).toBe(true);
    expect(docker(k, ["info", "--format", "{{.Images}} {{.Driver}} {{.CgroupVersion}}"]).stdout).toBe("1 overlay2 2\n");
  });

  it("searches the catalog", () => {
    const k = dockerHost();
    expect(docker(k, ["search", "--limit", "2", "--filter", "stars=5000", "o"]).stdout).toBe(
      [
        "NAME      DESCRIPTION                                     STARS     OFFICIAL",
        "nginx     Official build of Nginx.                        20841     [OK]",
        "ubuntu    Ubuntu is a Debian-based Linux operating sys…   17893     [OK]",
        "",
      ].join("\n"),
    );
  });

  it("stores credentials in ~/.docker/config.json and removes them on logout", () => {
    const k = dockerHost();
    expect(docker(k, ["login", "-u", "bob", "--password-stdin"], { stdin: "secret\n" })).toEqual({
      stdout: "Login Succeeded\n",
      stderr:
        "\nWARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n",
      code: 0,
    });
    expect(sh(k, "cat /root/.docker/config.json").stdout).toBe('{\n\t"auths": {\n\t\t"https://index.docker.io/v1/": {\n\t\t\t"auth": "Ym9iOnNlY3JldA=="\n\t\t}\n\t}\n}');
    expect(docker(k, ["logout"]).stdout).toBe("Removing login credentials for https://index.docker.io/v1/\n");
    expect(docker(k, ["logout"]).stdout).toBe("Not logged in to https://index.docker.io/v1/\n");
    expect(docker(k, ["login", "-u", "bob"])).toEqual({ stdout: "", stderr: "Error: Cannot perform an interactive login from a non TTY device\n", code: 1 });
  });

  it("reports disk usage and prunes after asking", () => {
    const k = dockerHost();
    docker(k, ["pull", "-q", "busybox"]);
    docker(k, ["volume", "create", "vol"]);
    expect(docker(k, ["system", "df"]).stdout).toBe(
      [
        "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE",
        "Images          1         0         1.985MB   1.985MB (100%)",
        "Containers      0         0         0B        0B",
        "Local Volumes   1         0         0B        0B",
        "Build Cache     0         0         0B        0B",
        "",
      ].join("\n"),
    );
    expect(docker(k, ["system", "prune"], { stdin: "n\n" }).stdout).toBe(
      "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all dangling images\n  - unused build cache\n\nAre you sure you want to continue? [y/N] ",
    );
    docker(k, ["network", "create", "n1"]);
    expect(docker(k, ["system", "prune", "-a", "-f"]).stdout).toBe(
      [
        "Deleted Networks:",
        "n1",
        "",
        "Deleted Images:",
        "untagged: busybox:latest",
        "untagged: busybox@sha256:4ab767419a630a70135a90555956d64f729af26fec67b5effa4bd571c72c2b87",
        "deleted: sha256:653dcb95f388c29323bb95960b2db0e12e63c6e4cac9009b23d3504f0e91e80a",
        "deleted: sha256:c54f989ee37ad46b76c411c1abeb743280e47b0e3dda9cb3736b3104017244fa",
        "",
        "Total reclaimed space: 1.985MB",
        "",
      ].join("\n"),
    );
  });

  it("replays past events with --since and stops at --until", () => {
    const k = dockerHost();
    docker(k, ["volume", "create", "v1"]);
    docker(k, ["network", "create", "n1"]);
    const r = docker(k, ["events", "--since", "1h", "--until", "0s", "--filter", "type=volume"]);
    expect(r.stdout).toMatch(/^2026-01-15T09:00:\d\d\.\d{9}Z volume create v1 \(driver=local\)\n$/);
    expect(r.code).toBe(0);
  });
});
