import { describe, expect, it } from "vitest";
import { terminal } from "../../helpers/host";
import { busyboxHost, docker, fail, ok, sh, tarNames } from "./harness";

/** A running busybox container "c1" with a small tree under /d. */
async function withContainer() {
  const k = await busyboxHost();
  docker(k, ["run", "-d", "--name", "c1", "busybox", "sleep", "3000"]);
  expect(docker(k, ["exec", "c1", "sh", "-c", "mkdir -p /d/sub; echo hi > /d/a.txt; echo x > /d/sub/b; ln -s a.txt /d/link"])).toEqual(ok());
  return k;
}

describe("docker cp", () => {
  it("copies a file out of the container and back in", async () => {
    const k = await withContainer();
    expect(docker(k, ["cp", "c1:/d/a.txt", "/root/a.txt"])).toEqual(ok());
    expect(sh(k, "cat /root/a.txt; stat -c '%a %U' /root/a.txt")).toEqual(ok("hi\n644 root\n"));
    expect(sh(k, "echo changed >> /root/a.txt")).toEqual(ok());
    expect(docker(k, ["cp", "/root/a.txt", "c1:/d/a.txt"])).toEqual(ok());
    expect(docker(k, ["exec", "c1", "cat", "/d/a.txt"])).toEqual(ok("hi\nchanged\n"));
    // A relative host path is taken from the current directory.
    expect(docker(k, ["cp", "c1:/d/sub/b", "b.txt"], { cwd: "/tmp" })).toEqual(ok());
    expect(sh(k, "cat /tmp/b.txt")).toEqual(ok("x\n"));
  });

  it("copies into an existing directory, or creates the named one", async () => {
    const k = await withContainer();
    expect(docker(k, ["cp", "/etc/hostname", "c1:/d/sub"])).toEqual(ok());
    expect(docker(k, ["exec", "c1", "ls", "/d/sub"])).toEqual(ok("b\nhostname\n"));
    expect(docker(k, ["cp", "c1:/d", "/tmp"])).toEqual(ok());
    expect(docker(k, ["cp", "c1:/d", "/tmp/copy"])).toEqual(ok());
    expect(docker(k, ["cp", "c1:/d/.", "/tmp/contents"])).toEqual(ok());
    expect(sh(k, "cd /tmp && ls d copy contents && ls -l d/link")).toEqual(
      ok("contents:\na.txt\nlink\nsub\n\ncopy:\na.txt\nlink\nsub\n\nd:\na.txt\nlink\nsub\nlrwxrwxrwx 1 root root 5 Jan 15 09:00 d/link -> a.txt\n"),
    );
    // -L copies what a symlink points to, under the link's name.
    expect(docker(k, ["cp", "-L", "c1:/d/link", "/tmp/followed"])).toEqual(ok());
    expect(sh(k, "ls -l /tmp/followed; cat /tmp/followed")).toEqual(ok("-rw-r--r-- 1 root root 3 Jan 15 09:00 /tmp/followed\nhi\n"));
  });

  it("keeps the owner of files copied in, as the real daemon does", async () => {
    const k = await withContainer();
    sh(k, "mkdir -p /root/proj/src && echo 'print(1)' > /root/proj/src/main.py && chown -R 1000:1000 /root/proj");
    expect(docker(k, ["cp", "/root/proj", "c1:/opt"])).toEqual(ok());
    expect(docker(k, ["exec", "c1", "ls", "-lnR", "/opt"])).toEqual(
      ok("/opt:\ntotal 4\ndrwxr-xr-x    2 1000     1000          4096 Jan 15 09:00 src\n\n/opt/src:\ntotal 4\n-rw-r--r--    1 1000     1000             9 Jan 15 09:00 main.py\n"),
    );
  });

  it("with -a gives files the container user's ids; reaches into bind mounts", async () => {
    const k = await busyboxHost();
    sh(k, "echo hi > /root/own && chown 1000:1000 /root/own && mkdir /srv/data && echo shared > /srv/data/f");
    docker(k, ["run", "-d", "--name", "u1", "--user", "nobody", "-v", "/srv/data:/data", "busybox", "sleep", "300"]);
    expect(docker(k, ["cp", "/root/own", "u1:/tmp/plain"])).toEqual(ok());
    expect(docker(k, ["cp", "-a", "/root/own", "u1:/tmp/arch"])).toEqual(ok());
    expect(docker(k, ["exec", "u1", "ls", "-ln", "/tmp"])).toEqual(
      ok("total 8\n-rw-r--r--    1 65534    65534            3 Jan 15 09:00 arch\n-rw-r--r--    1 1000     1000             3 Jan 15 09:00 plain\n"),
    );
    expect(docker(k, ["cp", "u1:/data/f", "/root/f"])).toEqual(ok());
    expect(docker(k, ["cp", "/root/own", "u1:/data/"])).toEqual(ok());
    expect(sh(k, "cat /root/f; ls /srv/data")).toEqual(ok("shared\nf\nown\n"));
  });

  it("streams a tar archive on stdout and extracts one from stdin", async () => {
    const k = await withContainer();
    const out = docker(k, ["cp", "c1:/d", "-"]);
    expect(out.code).toBe(0);
    expect(tarNames(out.stdout)).toEqual(["d/", "d/a.txt", "d/link", "d/sub/", "d/sub/b"]);
    expect(out.stdout.length).toBe(9 * 512);
    expect(docker(k, ["cp", "-", "c1:/tmp"], { stdin: out.stdout })).toEqual(ok());
    expect(docker(k, ["exec", "c1", "sh", "-c", "find /tmp | sort"])).toEqual(ok("/tmp\n/tmp/d\n/tmp/d/a.txt\n/tmp/d/link\n/tmp/d/sub\n/tmp/d/sub/b\n"));
    expect(docker(k, ["cp", "-", "c1:/d/a.txt"], { stdin: out.stdout })).toEqual(fail('destination "c1:/d/a.txt" must be a directory\n'));
  });

  it("gives docker's errors", async () => {
    const k = await withContainer();
    expect(docker(k, ["cp", "c1:/nonexist", "/tmp/x"])).toEqual(fail("Error response from daemon: Could not find the file /nonexist in container c1\n"));
    expect(docker(k, ["cp", "nosuch:/x", "/tmp"])).toEqual(fail("Error response from daemon: No such container: nosuch\n"));
    expect(docker(k, ["cp", "c1:/d/a.txt", "/nonexist/dir/"])).toEqual(fail('invalid output path: directory "/nonexist" does not exist\n'));
    expect(docker(k, ["cp", "c1:/d/a.txt", "/tmp/nodir/"])).toEqual(fail("no such directory\n"));
    expect(docker(k, ["cp", "/etc/hostname", "c1:/nonexist/"])).toEqual(fail("no such directory\n"));
    expect(docker(k, ["cp", "/etc/hostname", "c1:/nodir/f"])).toEqual(fail("Error response from daemon: Could not find the file /nodir in container c1\n"));
    expect(docker(k, ["cp", "/tmp/nonexist", "c1:/"])).toEqual(fail("lstat /tmp/nonexist: no such file or directory\n"));
    expect(docker(k, ["cp", "c1:/d", "/etc/hostname"])).toEqual(fail("cannot copy directory\n"));
    expect(docker(k, ["cp", "a", "b"])).toEqual(fail("must specify at least one container source\n"));
    expect(docker(k, ["cp", "c1:/a", "c1:/b"])).toEqual(fail("copying between containers is not supported\n"));
  });

  it("reports what it copied when stdout is a terminal", async () => {
    const k = await withContainer();
    const t = terminal(k);
    t.type("docker cp c1:/d /tmp/out; docker cp /etc/hostname c1:/d/; docker cp -q c1:/d/a.txt /tmp/q\n");
    expect(t.output()).toContain("Successfully copied 4.61kB to /tmp/out\r\nSuccessfully copied 2.05kB to c1:/d/\r\n# ");
  });

  it("works on a stopped container", async () => {
    const k = await withContainer();
    docker(k, ["stop", "-t", "0", "c1"]);
    expect(docker(k, ["cp", "/etc/hostname", "c1:/d/"])).toEqual(ok());
    expect(docker(k, ["cp", "c1:/d/hostname", "-"]).code).toBe(0);
    expect(docker(k, ["start", "c1"])).toEqual(ok("c1\n"));
    expect(docker(k, ["exec", "c1", "ls", "/d"])).toEqual(ok("a.txt\nhostname\nlink\nsub\n"));
  });
});
