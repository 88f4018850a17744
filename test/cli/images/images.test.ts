import { describe, expect, it } from "vitest";
import { docker, dockerHost } from "./harness";

function withImages() {
  const k = dockerHost();
  docker(k, ["pull", "-q", "busybox"]);
  docker(k, ["pull", "-q", "ubuntu:22.04"]);
  expect(docker(k, ["tag", "busybox", "mybox:v1"])).toEqual({ stdout: "", stderr: "", code: 0 });
  return k;
}

describe("docker images, tag, rmi, history, image inspect", () => {
  it("lists a row per tag, newest image first, in docker's table layout", () => {
    const k = withImages();
    expect(docker(k, ["images"]).stdout).toBe(
      [
        "REPOSITORY   TAG       IMAGE ID       CREATED         SIZE",
        "ubuntu       22.04     f84ac3839ded   9 months ago    77.9MB",
        "busybox      latest    653dcb95f388   15 months ago   1.98MB",
        "mybox        v1        653dcb95f388   15 months ago   1.98MB",
        "",
      ].join("\n"),
    );
    expect(docker(k, ["images", "-q"]).stdout).toBe("f84ac3839ded\n653dcb95f388\n653dcb95f388\n");
    expect(docker(k, ["images", "--digests", "busybox"]).stdout).toBe(
      "REPOSITORY   TAG       DIGEST                                                                    IMAGE ID       CREATED         SIZE\n" +
        "busybox      latest    sha256:4ab767419a630a70135a90555956d64f729af26fec67b5effa4bd571c72c2b87   653dcb95f388   15 months ago   1.98MB\n",
    );
    expect(docker(k, ["image", "ls", "--filter", "reference=my*"]).stdout).toBe(
      "REPOSITORY   TAG       IMAGE ID       CREATED         SIZE\nmybox        v1        653dcb95f388   15 months ago   1.98MB\n",
    );
    expect(docker(k, ["images", "--format", "{{json .}}", "mybox"]).stdout).toBe(
      '{"Containers":"N/A","CreatedAt":"2024-09-26 21:31:42 +0000 UTC","CreatedSince":"15 months ago","Digest":"<none>","ID":"653dcb95f388","Repository":"mybox","SharedSize":"N/A","Size":"1.98MB","Tag":"v1","UniqueSize":"N/A","VirtualSize":"1.985MB"}\n',
    );
    expect(docker(k, ["images", "--filter", "foo=bar"])).toEqual({ stdout: "", stderr: "Error response from daemon: invalid filter 'foo'\n", code: 1 });
  });

  it("shows the history from the image config, newest step first", () => {
    const k = withImages();
    expect(docker(k, ["history", "busybox"]).stdout).toBe(
      [
        "IMAGE          CREATED         CREATED BY                        SIZE      COMMENT",
        '653dcb95f388   15 months ago   CMD ["sh"]                        0B        buildkit.dockerfile.v0',
        "<missing>      15 months ago   ADD busybox.tar.xz / # buildkit   1.98MB    buildkit.dockerfile.v0",
        "",
      ].join("\n"),
    );
    expect(docker(k, ["history", "-q", "ubuntu:22.04"]).stdout).toBe("f84ac3839ded\n<missing>\n<missing>\n<missing>\n<missing>\n<missing>\n");
    expect(docker(k, ["history", "-H=false", "--format", "{{.CreatedSince}}|{{.Size}}", "busybox"]).stdout).toBe(
      "2024-09-26T21:31:42Z|0\n2024-09-26T21:31:42Z|1984779\n",
    );
  });

  it("inspects images as the daemon's JSON and through --format", () => {
    const k = withImages();
    const r = docker(k, ["image", "inspect", "busybox"]);
    const obj = JSON.parse(r.stdout)[0];
    expect(Object.keys(obj)).toEqual(["Id", "RepoTags", "RepoDigests", "Parent", "Comment", "Created", "DockerVersion", "Author", "Config", "Architecture", "Os", "Size", "GraphDriver", "RootFS", "Metadata"]);
    expect(obj.Config).toEqual({
      Hostname: "",
      Domainname: "",
      User: "",
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      Tty: false,
      OpenStdin: false,
      StdinOnce: false,
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
      Cmd: ["sh"],
      Image: "",
      Volumes: null,
      WorkingDir: "",
      Entrypoint: null,
      OnBuild: null,
      Labels: null,
    });
    expect(r.stdout.startsWith('[\n    {\n        "Id": "sha256:653dcb95f388c29323bb95960b2db0e12e63c6e4cac9009b23d3504f0e91e80a",\n        "RepoTags": [\n            "busybox:latest",\n            "mybox:v1"\n        ],')).toBe(true);
    expect(obj.GraphDriver.Name).toBe("overlay2");
    expect(Object.keys(obj.GraphDriver.Data)).toEqual(["MergedDir", "UpperDir", "WorkDir"]);
    expect(obj.RootFS).toEqual({ Type: "layers", Layers: ["sha256:c54f989ee37ad46b76c411c1abeb743280e47b0e3dda9cb3736b3104017244fa"] });
    expect(docker(k, ["image", "inspect", "-f", "{{.Os}}/{{.Architecture}} {{.Size}} {{.Config.Cmd}}", "ubuntu:22.04", "nosuch"])).toEqual({
      stdout: "linux/amd64 77864894 [/bin/bash]\n",
      stderr: "Error: No such image: nosuch\n",
      code: 1,
    });
  });

  it("untags, then deletes the image and its layers; reports missing images after the others", () => {
    const k = withImages();
    expect(docker(k, ["rmi", "mybox:v1", "nosuch"])).toEqual({ stdout: "Untagged: mybox:v1\n", stderr: "Error response from daemon: No such image: nosuch:latest\n", code: 1 });
    expect(docker(k, ["rmi", "busybox"]).stdout).toBe(
      [
        "Untagged: busybox:latest",
        "Untagged: busybox@sha256:4ab767419a630a70135a90555956d64f729af26fec67b5effa4bd571c72c2b87",
        "Deleted: sha256:653dcb95f388c29323bb95960b2db0e12e63c6e4cac9009b23d3504f0e91e80a",
        "Deleted: sha256:c54f989ee37ad46b76c411c1abeb743280e47b0e3dda9cb3736b3104017244fa",
        "",
      ].join("\n"),
    );
    expect(docker(k, ["tag", "nosuch", "x"])).toEqual({ stdout: "", stderr: "Error response from daemon: No such image: nosuch:latest\n", code: 1 });
    expect(docker(k, ["image", "prune", "-a", "-f"]).stdout).toBe(
      [
        "Deleted Images:",
        "untagged: ubuntu:22.04",
        "untagged: ubuntu@sha256:31e2657cd4bad589065c7af085310088b399e898185b9eb1b285416fd13d40a5",
        "deleted: sha256:f84ac3839dedcea1f1587bcade70c453150bbca116ec18482252093470c04726",
        "deleted: sha256:00c759370d6a74eeb30f2c1d375bd5478d7d28e135586a6d427d814a0d090648",
        "",
        "Total reclaimed space: 77.86MB",
        "",
      ].join("\n"),
    );
    expect(docker(k, ["images"]).stdout).toBe("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n");
  });
});
