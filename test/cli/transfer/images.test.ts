import { describe, expect, it } from "vitest";
import { readTar } from "../../../src/engine/images/tar";
import { digestOf } from "../../../src/engine/registry";
import { busyboxHost, docker, fail, ok, sh, tarNames } from "./harness";

async function changedContainer() {
  const k = await busyboxHost();
  docker(k, ["run", "-d", "--name", "c1", "busybox", "sleep", "3000"]);
  expect(docker(k, ["exec", "c1", "sh", "-c", "echo new > /newfile; rm /etc/group; rm -rf /home; mkdir /home"])).toEqual(ok());
  return k;
}

describe("docker commit", () => {
  it("makes an image whose top layer is the container's changes", async () => {
    const k = await changedContainer();
    expect(docker(k, ["diff", "c1"]).stdout.split("\n").sort()).toEqual(["", "A /newfile", "C /etc", "C /home", "D /etc/group"]);
    const r = docker(k, ["commit", "-m", "my msg", "-a", "Me <me@x>", "-c", 'CMD ["cat","/newfile"]', "-c", "ENV FOO=bar", "-c", "EXPOSE 8080", "c1", "mine:v1"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const id = r.stdout.trim();
    expect(docker(k, ["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}", "mine"])).toEqual(ok(`mine:v1 ${id.slice(7, 19)}\n`));
    // The new image runs with the changed files and the new config.
    expect(docker(k, ["run", "--rm", "mine:v1"])).toEqual(ok("new\n"));
    expect(docker(k, ["run", "--rm", "mine:v1", "sh", "-c", "ls /etc /home; echo $FOO"])).toEqual(ok("/etc:\nhostname\nhosts\nmtab\npasswd\nresolv.conf\n\n/home:\nbar\n"));
    // A container of the new image starts with no changes of its own.
    docker(k, ["run", "--name", "c2", "mine:v1"]);
    expect(docker(k, ["diff", "c2"])).toEqual(ok(""));
    const cfg = JSON.parse(docker(k, ["image", "inspect", "mine:v1"]).stdout)[0];
    expect([cfg.Id, cfg.Comment, cfg.Author, cfg.Parent, cfg.Config.Cmd, cfg.Config.Env, cfg.Config.ExposedPorts, cfg.RootFS.Layers.length]).toEqual([
      id,
      "my msg",
      "Me <me@x>",
      "sha256:653dcb95f388c29323bb95960b2db0e12e63c6e4cac9009b23d3504f0e91e80a",
      ["cat", "/newfile"],
      ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "FOO=bar"],
      { "8080/tcp": {} },
      2,
    ]);
  });

  it("adds a history entry with the container's command and the comment", async () => {
    const k = await changedContainer();
    docker(k, ["commit", "-m", "my msg", "c1", "mine"]);
    const lines = docker(k, ["history", "mine"]).stdout.split("\n");
    expect(lines[0]).toBe("IMAGE          CREATED                  CREATED BY                        SIZE      COMMENT");
    expect(lines[1]).toMatch(/^[0-9a-f]{12} {3}Less than a second ago {3}sleep 3000 {24}4B {8}my msg$/);
    expect(lines.slice(2)).toEqual([
      '<missing>      15 months ago            CMD ["sh"]                        0B        buildkit.dockerfile.v0',
      "<missing>      15 months ago            ADD busybox.tar.xz / # buildkit   1.98MB    buildkit.dockerfile.v0",
      "",
    ]);
  });

  it("saves its layer with AUFS whiteouts; the layer's sha256 is its diffID", async () => {
    const k = await changedContainer();
    const id = docker(k, ["commit", "c1", "mine"]).stdout.trim();
    const saved = readTar(docker(k, ["save", "mine"]).stdout);
    const manifest = JSON.parse(saved.find((m) => m.name === "manifest.json")!.entry.content!);
    const top = manifest[0].Layers[1] as string;
    const layer = saved.find((m) => m.name === top)!.entry.content!;
    expect(`blobs/sha256/${digestOf(layer).slice(7)}`).toBe(top);
    expect(readTar(layer).map((m) => `${m.name} ${m.entry.mode.toString(8)}`)).toEqual(["etc/ 755", "etc/.wh.group 600", "home/ 755", "home/.wh..wh..opq 755", "newfile 644"]);
    expect(manifest[0].Config).toBe(`blobs/sha256/${id.slice(7)}`);
  });

  it("rejects a bad reference or change", async () => {
    const k = await changedContainer();
    expect(docker(k, ["commit", "c1", "bad name"])).toEqual(fail("invalid reference format\n"));
    expect(docker(k, ["commit", "-c", "RUN ls", "c1"])).toEqual(fail("Error response from daemon: run is not a valid change command\n"));
    expect(docker(k, ["commit", "nosuch"])).toEqual(fail("Error response from daemon: No such container: nosuch\n"));
  });
});

describe("docker save, load, export, import", () => {
  it("saves an OCI layout archive, loads it back after rmi, and runs it", async () => {
    const k = await busyboxHost();
    const out = docker(k, ["save", "busybox"]);
    expect(out.code).toBe(0);
    expect(tarNames(out.stdout).map((n) => n.replace(/[0-9a-f]{64}/, "<hex>"))).toEqual([
      "blobs/",
      "blobs/sha256/",
      "blobs/sha256/<hex>",
      "blobs/sha256/<hex>",
      "blobs/sha256/<hex>",
      "blobs/sha256/<hex>",
      "index.json",
      "manifest.json",
      "oci-layout",
      "repositories",
    ]);
    expect(docker(k, ["save", "-o", "/root/bb.tar", "busybox"])).toEqual(ok());
    expect(sh(k, "stat -c '%a %s' /root/bb.tar")).toEqual(ok(`600 ${out.stdout.length}\n`));
    expect(docker(k, ["rmi", "busybox"]).code).toBe(0);
    expect(docker(k, ["load", "-i", "/root/bb.tar"])).toEqual(ok("Loaded image: busybox:latest\n"));
    expect(docker(k, ["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}"])).toEqual(ok("busybox:latest 653dcb95f388 1.98MB\n"));
    expect(docker(k, ["run", "--rm", "busybox", "echo", "hello"])).toEqual(ok("hello\n"));
    // From stdin, with the layers already there.
    expect(docker(k, ["load"], { stdin: out.stdout })).toEqual(ok("Loaded image: busybox:latest\n"));
  });

  it("round-trips a committed image through save, rmi and load", async () => {
    const k = await changedContainer();
    const id = docker(k, ["commit", "c1", "mine:v1"]).stdout.trim();
    docker(k, ["rm", "-f", "c1"]);
    expect(docker(k, ["save", "-o", "/root/mine.tar", "mine:v1"])).toEqual(ok());
    expect(docker(k, ["rmi", "mine:v1"]).stdout.split("\n").slice(0, 2)).toEqual(["Untagged: mine:v1", `Deleted: ${id}`]);
    expect(docker(k, ["load", "-i", "/root/mine.tar"])).toEqual(ok("Loaded image: mine:v1\n"));
    expect(docker(k, ["images", "-q", "mine"])).toEqual(ok(`${id.slice(7, 19)}\n`));
    expect(docker(k, ["run", "--rm", "mine:v1", "cat", "/newfile"])).toEqual(ok("new\n"));
    expect(docker(k, ["run", "--rm", "mine:v1", "ls", "/home", "/etc/group"])).toEqual({ stdout: "/home:\n", stderr: "ls: /etc/group: No such file or directory\n", code: 1 });
  });

  it("exports the merged filesystem and imports it as a one-layer image", async () => {
    const k = await changedContainer();
    expect(docker(k, ["export", "-o", "/root/fs.tar", "c1"])).toEqual(ok());
    const names = tarNames(sh(k, "cat /root/fs.tar").stdout);
    expect(names.filter((n) => !/^(bin|usr|lib|var|tmp|proc|sys|root|dev)\//.test(n) || /^[a-z]+\/$/.test(n))).toEqual([
      ".dockerenv",
      "bin/",
      "dev/",
      "etc/",
      "etc/hostname",
      "etc/hosts",
      "etc/mtab",
      "etc/passwd",
      "etc/resolv.conf",
      "home/",
      "newfile",
      "proc/",
      "root/",
      "sys/",
      "tmp/",
      "usr/",
      "var/",
    ]);
    const r = docker(k, ["import", "-m", "from export", "-c", 'CMD ["sh"]', "/root/fs.tar", "flat:1"]);
    expect(r.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(docker(k, ["run", "--rm", "flat:1", "cat", "/newfile"])).toEqual(ok("new\n"));
    expect(docker(k, ["history", "--format", "{{.CreatedBy}}|{{.Comment}}", "flat:1"])).toEqual(ok("|from export\n"));
    const cfg = JSON.parse(docker(k, ["image", "inspect", "flat:1"]).stdout)[0];
    expect([cfg.Config.Cmd, cfg.RootFS.Layers]).toEqual([["sh"], [digestOf(sh(k, "cat /root/fs.tar").stdout)]]);
    expect(docker(k, ["import", "-", "piped"], { stdin: sh(k, "cat /root/fs.tar").stdout }).code).toBe(0);
    expect(docker(k, ["history", "--format", "{{.Comment}}", "piped"])).toEqual(ok("Imported from -\n"));
  });

  it("gives docker's errors", async () => {
    const k = await busyboxHost();
    expect(docker(k, ["save", "nosuch:img"])).toEqual(fail("Error response from daemon: reference does not exist\n"));
    expect(docker(k, ["save", "-o", "/nonexist/x", "busybox"])).toEqual(fail("failed to save image: invalid output path: stat /nonexist: no such file or directory\n"));
    expect(docker(k, ["load", "-i", "/nonexist"])).toEqual(fail("open /nonexist: no such file or directory\n"));
    expect(docker(k, ["load", "-i", "/etc/hostname"])).toEqual(fail("Error processing tar file(exit status 1): unexpected EOF\n"));
    expect(docker(k, ["import", "/etc/hostname"])).toEqual(fail("Error response from daemon: Error processing tar file(exit status 1): unexpected EOF\n"));
    expect(docker(k, ["import", "/nonexist"])).toEqual(fail("open /nonexist: no such file or directory\n"));
    expect(docker(k, ["export", "nosuch"])).toEqual(fail("Error response from daemon: No such container: nosuch\n"));
    const empty = docker(k, ["load"], { stdin: "" });
    expect(empty.stderr).toMatch(/^open \/var\/lib\/docker\/tmp\/docker-import-\d+\/repositories: no such file or directory\n$/);
  });
});
