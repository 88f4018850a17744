import { describe, expect, it } from "vitest";
import {
  type Arch,
  catalog,
  helloMessage,
  MEDIA,
  type PlatformImage,
  repositoryPath,
} from "../../../src/engine/registry";
import type { FileEntry } from "../../../src/kernel/fs/entries";

function image(repo: string, tag: string, arch: Arch = "amd64"): PlatformImage {
  const r = catalog.resolve(repo, tag, arch);
  if (!r.ok) throw new Error(`${repo}:${tag} ${r.error}`);
  return r.image;
}
const config = (img: PlatformImage) => JSON.parse(img.configJson);
const entriesOf = (img: PlatformImage) => img.layers.flatMap((l) => l.layer.entries());
const fileIn = (img: PlatformImage, path: string): FileEntry | undefined => {
  // upper layers win, as in the union filesystem
  for (const l of [...img.layers].reverse()) {
    const e = l.layer.entries().find((x) => x.path === path);
    if (e) return e;
  }
  return undefined;
};

describe("catalog structure", () => {
  const layerCounts: [string, string, number][] = [
    ["hello-world", "latest", 1],
    ["busybox", "latest", 1],
    ["alpine", "3.21", 1],
    ["ubuntu", "24.04", 1],
    ["debian", "bookworm", 1],
    ["nginx", "latest", 7],
    ["nginx", "alpine", 8],
    ["httpd", "2.4", 5],
    ["node", "22", 8],
    ["node", "alpine", 4],
    ["python", "3.13", 7],
    ["python", "slim", 4],
    ["redis", "7", 6],
    ["postgres", "17", 13],
    ["registry", "2", 5],
  ];
  it.each(layerCounts)("%s:%s has %i layers", (repo, tag, n) => {
    expect(image(repo, tag).layers).toHaveLength(n);
  });

  it("shares base layers (same objects, same digests) across images", () => {
    const slim = image("debian", "bookworm-slim").layers[0];
    const full = image("debian", "bookworm").layers[0];
    const alp = image("alpine", "3.21").layers[0];
    for (const [r, t] of [
      ["nginx", "1.27"],
      ["httpd", "latest"],
      ["redis", "7"],
      ["postgres", "16"],
      ["python", "slim"],
    ])
      expect(image(r, t).layers[0].layer).toBe(slim.layer);
    for (const [r, t] of [
      ["node", "22"],
      ["python", "3.12"],
    ])
      expect(image(r, t).layers[0].digest).toBe(full.digest);
    for (const [r, t] of [
      ["nginx", "alpine"],
      ["redis", "alpine"],
      ["registry", "2"],
      ["node", "alpine"],
    ])
      expect(image(r, t).layers[0].digest).toBe(alp.digest);
    // node and python both build on buildpack-deps:bookworm's three layers
    expect(
      image("node", "22")
        .layers.slice(0, 4)
        .map((l) => l.digest),
    ).toEqual(
      image("python", "3.13")
        .layers.slice(0, 4)
        .map((l) => l.digest),
    );
    expect(slim.digest).not.toBe(full.digest);
  });

  it("resolves tag aliases to one digest and one image", () => {
    const a = catalog.resolve("ubuntu", "24.04");
    const b = catalog.resolve("library/ubuntu", "noble");
    const c = catalog.resolve("docker.io/library/ubuntu", "latest");
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (a.ok && b.ok && c.ok) {
      expect(a.digest).toBe(b.digest);
      expect(a.digest).toBe(c.digest);
      expect(a.image.imageId).toBe(b.image.imageId);
    }
    expect(image("ubuntu", "22.04").imageId).not.toBe(image("ubuntu", "24.04").imageId);
  });

  it("is deterministic: a fresh build of a recipe gives the same bytes", async () => {
    const { nginx } = await import("../../../src/engine/registry/images/nginx");
    const { configJson } = await import("../../../src/engine/registry/image");
    expect(configJson(nginx("amd64"))).toBe(image("nginx", "latest").configJson);
    expect(image("nginx", "latest").imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe("image configs", () => {
  it("hello-world runs /hello, which prints the real greeting for its platform", () => {
    const img = image("hello-world", "latest");
    expect(config(img).config.Cmd).toEqual(["/hello"]);
    expect(fileIn(img, "hello")).toMatchObject({ prog: "hello", mode: 0o755 });
    expect(img.size).toBe(13256);
    expect(helloMessage("amd64")).toContain(
      'pulled the "hello-world" image from the Docker Hub.\n    (amd64)\n',
    );
    expect(helloMessage("arm64")).toContain("    (arm64v8)\n");
    expect(helloMessage("amd64").startsWith("\nHello from Docker!\n")).toBe(true);
    expect(helloMessage("amd64").endsWith(" https://docs.docker.com/get-started/\n\n")).toBe(true);
  });

  it("nginx: entrypoint, cmd, port, stop signal, env, label", () => {
    const c = config(image("nginx", "latest")).config;
    expect(c.Entrypoint).toEqual(["/docker-entrypoint.sh"]);
    expect(c.Cmd).toEqual(["nginx", "-g", "daemon off;"]);
    expect(c.ExposedPorts).toEqual({ "80/tcp": {} });
    expect(c.StopSignal).toBe("SIGQUIT");
    expect(c.Env).toContain("NGINX_VERSION=1.27.5");
    expect(c.Env[0]).toBe("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    expect(c.Labels).toEqual({ maintainer: "NGINX Docker Maintainers <docker-maint@nginx.com>" });
    // Go escapes < and > in the config bytes
    expect(image("nginx", "latest").configJson).toContain("\\u003cdocker-maint@nginx.com\\u003e");
  });

  it("nginx ships its default config, the welcome page and the entrypoint scripts", () => {
    const img = image("nginx", "latest");
    expect(fileIn(img, "usr/share/nginx/html/index.html")?.content).toContain("<h1>Welcome to nginx!</h1>");
    expect(fileIn(img, "etc/nginx/nginx.conf")?.content).toContain("include /etc/nginx/conf.d/*.conf;");
    expect(fileIn(img, "etc/nginx/conf.d/default.conf")?.content).toContain("root   /usr/share/nginx/html;");
    expect(fileIn(img, "docker-entrypoint.sh")?.mode).toBe(0o775);
    expect(fileIn(img, "docker-entrypoint.d/30-tune-worker-processes.sh")).toBeDefined();
    expect(fileIn(img, "usr/sbin/nginx")?.prog).toBe("nginx");
    expect(fileIn(img, "etc/passwd")?.content).toContain(
      "\nnginx:x:101:101:nginx user:/nonexistent:/bin/false\n",
    );
    expect(fileIn(img, "var/log/nginx/access.log")).toMatchObject({ type: "symlink", target: "/dev/stdout" });
  });

  it("httpd, redis, postgres, registry, node, python", () => {
    const httpd = image("httpd", "2.4");
    expect(config(httpd).config).toMatchObject({
      Cmd: ["httpd-foreground"],
      StopSignal: "SIGWINCH",
      ExposedPorts: { "80/tcp": {} },
      WorkingDir: "/usr/local/apache2",
    });
    expect(fileIn(httpd, "usr/local/apache2/htdocs/index.html")?.content).toBe(
      "<html><body><h1>It works!</h1></body></html>\n",
    );
    const redis = config(image("redis", "latest")).config;
    expect(redis).toMatchObject({
      Cmd: ["redis-server"],
      Entrypoint: ["docker-entrypoint.sh"],
      ExposedPorts: { "6379/tcp": {} },
      Volumes: { "/data": {} },
      WorkingDir: "/data",
    });
    const pg = config(image("postgres", "16")).config;
    expect(pg).toMatchObject({
      Cmd: ["postgres"],
      Entrypoint: ["docker-entrypoint.sh"],
      ExposedPorts: { "5432/tcp": {} },
      Volumes: { "/var/lib/postgresql/data": {} },
      StopSignal: "SIGINT",
    });
    expect(pg.Env).toContain("PGDATA=/var/lib/postgresql/data");
    const reg = image("registry", "2");
    expect(config(reg).config).toMatchObject({
      Entrypoint: ["/entrypoint.sh"],
      Cmd: ["/etc/docker/registry/config.yml"],
      ExposedPorts: { "5000/tcp": {} },
      Volumes: { "/var/lib/registry": {} },
    });
    expect(fileIn(reg, "bin/registry")?.prog).toBe("registry");
    expect(fileIn(reg, "etc/docker/registry/config.yml")?.content).toContain(
      "rootdirectory: /var/lib/registry",
    );
    expect(config(image("node", "22")).config).toMatchObject({
      Entrypoint: ["docker-entrypoint.sh"],
      Cmd: ["node"],
    });
    expect(fileIn(image("node", "22"), "usr/local/bin/node")?.prog).toBe("node");
    expect(config(image("python", "3.13")).config.Cmd).toEqual(["python3"]);
    expect(fileIn(image("python", "slim"), "usr/local/bin/python3")).toMatchObject({
      type: "symlink",
      target: "python3.13",
    });
  });

  it("writes BuildKit-style history with empty layers", () => {
    const h = config(image("redis", "7")).history as { created_by: string; empty_layer?: boolean }[];
    expect(h[0].created_by).toMatch(/^# debian\.sh --arch 'amd64' out\/ 'bookworm' '@\d+'$/);
    expect(h.at(-1)).toEqual({
      created: "2025-01-06T17:48:02Z",
      created_by: 'CMD ["redis-server"]',
      comment: "buildkit.dockerfile.v0",
      empty_layer: true,
    });
    expect(h.filter((x) => !x.empty_layer)).toHaveLength(6);
    expect(h).toContainEqual(expect.objectContaining({ created_by: "EXPOSE map[6379/tcp:{}]" }));
    expect(h).toContainEqual(expect.objectContaining({ created_by: "VOLUME [/data]" }));
  });
});

describe("distribution files", () => {
  it("alpine 3.21: os-release, release file, musl loader, apk database", () => {
    const img = image("alpine", "3.21");
    expect(fileIn(img, "usr/lib/os-release")?.content).toBe(
      'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
    );
    expect(fileIn(img, "etc/os-release")).toMatchObject({ type: "symlink", target: "../usr/lib/os-release" });
    expect(fileIn(img, "etc/alpine-release")?.content).toBe("3.21.3\n");
    expect(fileIn(img, "lib/ld-musl-x86_64.so.1")?.type).toBe("file");
    expect(fileIn(img, "bin/ls")).toMatchObject({ type: "symlink", target: "/bin/busybox" });
    expect(fileIn(img, "bin/sh")).toMatchObject({ type: "symlink", target: "/bin/busybox" });
    expect(fileIn(img, "sbin/apk")?.prog).toBe("apk");
    const db = fileIn(img, "lib/apk/db/installed")!.content!;
    const names = db.split("\n").filter((l) => l.startsWith("P:"));
    expect(names).toHaveLength(15);
    expect(db).toContain("P:musl\nV:1.2.5-r9\nA:x86_64\n");
    expect(db).toContain("F:lib\nR:ld-musl-x86_64.so.1\na:0:0:755\nZ:Q1");
    expect(fileIn(img, "tmp")?.mode).toBe(0o1777);
    expect(fileIn(img, "root")?.mode).toBe(0o700);
  });

  it("alpine arm64 uses the aarch64 loader and says arm64 in its config", () => {
    const img = image("alpine", "latest", "arm64");
    expect(fileIn(img, "lib/ld-musl-aarch64.so.1")?.type).toBe("file");
    expect(fileIn(img, "lib/ld-musl-x86_64.so.1")).toBeUndefined();
    expect(fileIn(img, "etc/apk/arch")?.content).toBe("aarch64\n");
    expect(config(img)).toMatchObject({ architecture: "arm64", variant: "v8", os: "linux" });
  });

  it("debian bookworm: os-release, merged /usr, dpkg status, coreutils binaries", () => {
    const img = image("debian", "12");
    expect(fileIn(img, "usr/lib/os-release")?.content).toBe(
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
    );
    expect(fileIn(img, "bin")).toMatchObject({ type: "symlink", target: "usr/bin" });
    expect(fileIn(img, "lib64")).toMatchObject({ type: "symlink", target: "usr/lib64" });
    expect(fileIn(img, "usr/bin/ls")).toMatchObject({ prog: "gnu:coreutils:9.1:ls", size: 151344, mode: 0o755 });
    expect(fileIn(img, "usr/bin/bash")?.prog).toBe("bash");
    expect(fileIn(img, "usr/bin/apt")?.prog).toBe("apt");
    expect(fileIn(img, "usr/bin/dpkg")?.prog).toBe("dpkg");
    expect(fileIn(img, "usr/bin/sh")).toMatchObject({ type: "symlink", target: "dash" });
    expect(fileIn(img, "usr/bin/awk")).toMatchObject({ type: "symlink", target: "/etc/alternatives/awk" });
    expect(fileIn(img, "etc/passwd")?.content?.split("\n")[0]).toBe("root:x:0:0:root:/root:/bin/bash");
    const status = fileIn(img, "var/lib/dpkg/status")!.content!;
    // required packages + apt and their dependencies, resolved against the bookworm archive: 87
    expect(status.match(/^Package: /gm)).toHaveLength(87);
    expect(status).toContain(
      "Package: coreutils\nEssential: yes\nStatus: install ok installed\nPriority: required\nSection: utils\n",
    );
    // Stored in usr/bin, listed where bookworm's coreutils ships it.
    expect(fileIn(img, "var/lib/dpkg/info/coreutils.list")?.content).toContain("\n/bin/ls\n");
    expect(fileIn(img, "var/lib/dpkg/info/coreutils.list")?.content).not.toContain("\n/usr/bin/ls\n");
    expect(fileIn(img, "usr/share/doc/bash/changelog.Debian.gz")).toBeDefined();
    expect(config(img).config.Cmd).toEqual(["bash"]);
  });

  it("debian slim drops docs, man pages and translations but keeps copyright files", () => {
    const paths = new Set(entriesOf(image("debian", "bookworm-slim")).map((e) => e.path));
    expect(paths.has("usr/share/doc/bash/copyright")).toBe(true);
    expect(paths.has("usr/share/doc/bash/changelog.Debian.gz")).toBe(false);
    expect([...paths].some((p) => p.startsWith("usr/share/man/"))).toBe(false);
    expect([...paths].some((p) => p.startsWith("usr/share/locale/"))).toBe(false);
  });

  it("debian arm64 uses the aarch64 triplet and loader, without /lib64", () => {
    const img = image("debian", "bookworm", "arm64");
    expect(fileIn(img, "usr/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1")?.type).toBe("file");
    expect(fileIn(img, "lib64")).toBeUndefined();
    expect(fileIn(img, "var/lib/dpkg/status")?.content).toContain(
      "Package: bash\nEssential: yes\nStatus: install ok installed\nPriority: required\nSection: shells\nInstalled-Size: 7164\nMaintainer: Matthias Klose <doko@debian.org>\nArchitecture: arm64\n",
    );
  });

  it("ubuntu noble and jammy: os-release, minimized, classic-builder config", () => {
    const noble = image("ubuntu", "noble");
    expect(fileIn(noble, "usr/lib/os-release")?.content).toBe(
      'PRETTY_NAME="Ubuntu 24.04.2 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.2 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n',
    );
    expect(fileIn(noble, "etc/passwd")?.content).toContain(
      "\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n",
    );
    expect(fileIn(noble, "usr/bin/ls")?.prog).toBe("gnu:coreutils:9.4:ls");
    const c = config(noble);
    expect(c.config.Cmd).toEqual(["/bin/bash"]);
    expect(Object.keys(c)).toEqual([
      "architecture",
      "config",
      "created",
      "docker_version",
      "history",
      "os",
      "rootfs",
    ]);
    expect(Object.keys(c.config).slice(0, 4)).toEqual(["Hostname", "Domainname", "User", "AttachStdin"]);
    expect(noble.manifestMediaType).toBe(MEDIA.dockerManifest);
    const jammy = image("ubuntu", "jammy");
    expect(fileIn(jammy, "usr/lib/os-release")?.content).toContain(
      'VERSION="22.04.5 LTS (Jammy Jellyfish)"\n',
    );
    expect(fileIn(jammy, "etc/debian_version")?.content).toBe("bookworm/sid\n");
  });
});

describe("sizes match the real images within 10%", () => {
  const targets: [string, string, number][] = [
    ["hello-world", "latest", 13_256],
    ["busybox", "latest", 1_984_779],
    ["alpine", "3.21", 7_830_000],
    ["alpine", "3.20", 7_800_000],
    ["ubuntu", "24.04", 78_100_000],
    ["ubuntu", "22.04", 77_900_000],
    ["debian", "bookworm", 117_000_000],
    ["debian", "bookworm-slim", 74_800_000],
    ["debian", "trixie", 120_000_000],
    ["nginx", "latest", 192_000_000],
    ["nginx", "alpine", 47_900_000],
    ["httpd", "latest", 148_000_000],
    ["node", "22", 1_120_000_000],
    ["node", "22-alpine", 157_000_000],
    ["python", "3.13", 1_020_000_000],
    ["python", "3.13-slim", 121_000_000],
    ["redis", "7", 117_000_000],
    ["redis", "alpine", 41_400_000],
    ["postgres", "17", 438_000_000],
    ["registry", "2", 25_400_000],
  ];
  it.each(targets)("%s:%s ≈ %i bytes", (repo, tag, bytes) => {
    const size = image(repo, tag).size;
    expect(Math.abs(size - bytes) / bytes).toBeLessThan(0.1);
  });

  it("compressed layers are a plausible fraction of their content", () => {
    for (const l of image("debian", "bookworm").layers) {
      expect(l.compressedSize / l.size).toBeGreaterThan(0.3);
      expect(l.compressedSize / l.size).toBeLessThan(0.55);
    }
  });
});

describe("manifests, index and lookups", () => {
  it("an OCI index lists both platforms; its digest is what pull prints", () => {
    const r = catalog.resolve("nginx", "latest");
    if (!r.ok) throw new Error(r.error);
    const index = JSON.parse(r.indexJson!);
    expect(index.mediaType).toBe(MEDIA.ociIndex);
    expect(index.manifests.map((m: { platform: object }) => m.platform)).toEqual([
      { architecture: "amd64", os: "linux" },
      { architecture: "arm64", os: "linux", variant: "v8" },
    ]);
    expect(
      r.indexJson!.startsWith(
        '{\n  "schemaVersion": 2,\n  "mediaType": "application/vnd.oci.image.index.v1+json"',
      ),
    ).toBe(true);
    const manifest = JSON.parse(r.image.manifestJson);
    expect(manifest.config).toEqual({
      mediaType: MEDIA.ociConfig,
      digest: r.image.imageId,
      size: r.image.configJson.length,
    });
    expect(manifest.layers.map((l: { digest: string }) => l.digest)).toEqual(
      r.image.layers.map((l) => l.digest),
    );
  });

  it("resolves by index digest and by platform manifest digest", () => {
    const r = catalog.resolve("alpine", "3.20");
    const arm = catalog.resolve("alpine", "3.20", "arm64");
    if (!r.ok || !arm.ok) throw new Error("no alpine");
    const byIndex = catalog.resolve("alpine", r.digest, "arm64");
    expect(byIndex.ok && byIndex.image.imageId).toBe(arm.image.imageId);
    const byManifest = catalog.resolve("alpine", arm.image.manifestDigest);
    expect(byManifest.ok && byManifest.image.platform.architecture).toBe("arm64");
  });

  it("reports unknown repositories, tags and digests", () => {
    expect(catalog.resolve("nosuchuser/nosuchimage", "latest")).toEqual({
      ok: false,
      error: "repository-not-found",
    });
    expect(catalog.resolve("ubuntu", "nosuchtag")).toEqual({ ok: false, error: "manifest-unknown" });
    expect(catalog.resolve("ubuntu", `sha256:${"0".repeat(64)}`)).toEqual({
      ok: false,
      error: "manifest-unknown",
    });
    expect(repositoryPath("nginx")).toBe("library/nginx");
    expect(catalog.tags("nosuch")).toBeUndefined();
    expect(catalog.tags("alpine")).toEqual(["3", "3.20", "3.20.6", "3.21", "3.21.3", "latest"]);
  });

  it("gives layer entries by digest once an image using them was resolved", () => {
    const img = image("registry", "2");
    const top = img.layers.at(-1)!;
    expect(catalog.layerEntries(top.digest)).toEqual(top.layer.entries());
    expect(catalog.layerEntries(top.diffID)?.map((e) => e.path)).toEqual(["entrypoint.sh"]);
  });

  it("searches like Docker Hub: exact name first, then by stars", () => {
    expect(catalog.search("nginx")).toEqual([
      { name: "nginx", description: "Official build of Nginx.", stars: 20841, official: true },
    ]);
    expect(catalog.search("linux").map((r) => r.name)).toEqual(["ubuntu", "alpine", "debian"]);
    expect(catalog.search("nothing-like-this")).toEqual([]);
  });
});
