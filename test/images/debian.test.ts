/** debian and ubuntu: default bash, root's dot files, an interactive bash, apt offline, dpkg. */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../src/cli/flags/help";
import type { Kernel } from "../../src/kernel";
import { bootSandboxHost } from "../../src/session/host";
import { docker, interactive } from "./helpers";

const ROOT_PROFILE = '# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ "$BASH" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n';

function offlineUpdate(sources: Array<[uri: string, suite: string]>, order: number[]): { out: string; warnings: string } {
  const host = (uri: string) => uri.replace(/^http:\/\//, "").replace(/\/.*$/, "");
  const item = (n: number) => `${n + 1} ${sources[order[n]][0]} ${sources[order[n]][1]} InRelease`;
  let out = "";
  for (let round = 0; round < 3; round++) for (let n = 0; n < order.length; n++) out += `Ign:${item(n)}\n`;
  for (let n = 0; n < order.length; n++) out += `Err:${item(n)}\n  Temporary failure resolving '${host(sources[order[n]][0])}'\n`;
  const warnings = sources.map(([uri, suite]) => `W: Failed to fetch ${uri}/dists/${suite}/InRelease  Temporary failure resolving '${host(uri)}'\n`).join("");
  return { out, warnings: `${warnings}W: Some index files failed to download. They have been ignored, or old ones used instead.\n` };
}

describe("debian and ubuntu", () => {
  let k: Kernel;
  beforeAll(async () => {
    await loadHelpTexts();
    k = bootSandboxHost();
    for (const ref of ["debian", "debian:trixie-slim", "ubuntu", "ubuntu:22.04"]) expect(docker(k, "pull", "-q", ref).code).toBe(0);
  });

  it("run bash by default, which exits at once without a terminal", () => {
    expect(docker(k, "run", "--rm", "debian")).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(docker(k, "run", "--rm", "ubuntu")).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("identify themselves", () => {
    expect(docker(k, "run", "--rm", "debian", "cat", "/etc/os-release").stdout).toBe(
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
    );
    expect(docker(k, "run", "--rm", "ubuntu:22.04", "cat", "/etc/lsb-release").stdout).toBe(
      'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=22.04\nDISTRIB_CODENAME=jammy\nDISTRIB_DESCRIPTION="Ubuntu 22.04.5 LTS"\n',
    );
  });

  it("give root base-files' .profile and .bashrc", () => {
    for (const image of ["debian", "ubuntu", "debian:trixie-slim"]) {
      expect(docker(k, "run", "--rm", image, "cat", "/root/.profile").stdout).toBe(ROOT_PROFILE);
      expect(docker(k, "run", "--rm", image, "head", "-1", "/root/.bashrc").stdout).toBe("# ~/.bashrc: executed by bash(1) for non-login shells.\n");
    }
  });

  it("give an interactive bash with the Debian prompt; the image has no ps", () => {
    expect(interactive(k, ["--hostname", "box", "debian", "bash"], ["id", "cat /etc/hostname", "ps", "exit"])).toBe(
      "root@box:/# id\nuid=0(root) gid=0(root) groups=0(root)\nroot@box:/# cat /etc/hostname\nbox\nroot@box:/# ps\nbash: ps: command not found\nroot@box:/# exit\nexit\n",
    );
  });

  it("apt-get update fails to resolve the mirrors, retrying each index three times", () => {
    const debianSources: Array<[string, string]> = [
      ["http://deb.debian.org/debian", "bookworm"],
      ["http://deb.debian.org/debian", "bookworm-updates"],
      ["http://deb.debian.org/debian-security", "bookworm-security"],
    ];
    const d = offlineUpdate(debianSources, [0, 1, 2]);
    expect(docker(k, "run", "--rm", "debian", "apt-get", "update")).toEqual({ stdout: `${d.out}Reading package lists...\n`, stderr: d.warnings, code: 0 });
    // Ubuntu's two hosts are fetched in parallel: the security index starts second.
    const ubuntuSources: Array<[string, string]> = [
      ["http://archive.ubuntu.com/ubuntu", "noble"],
      ["http://archive.ubuntu.com/ubuntu", "noble-updates"],
      ["http://archive.ubuntu.com/ubuntu", "noble-backports"],
      ["http://security.ubuntu.com/ubuntu", "noble-security"],
    ];
    const u = offlineUpdate(ubuntuSources, [0, 3, 1, 2]);
    expect(docker(k, "run", "--rm", "ubuntu", "apt-get", "update")).toEqual({ stdout: `${u.out}Reading package lists...\n`, stderr: u.warnings, code: 0 });
  });

  it("apt on trixie warns about its CLI in scripts and spells its warnings out", () => {
    const t = offlineUpdate(
      [
        ["http://deb.debian.org/debian", "trixie"],
        ["http://deb.debian.org/debian", "trixie-updates"],
        ["http://deb.debian.org/debian-security", "trixie-security"],
      ],
      [0, 1, 2],
    );
    expect(docker(k, "run", "--rm", "debian:trixie-slim", "apt", "update")).toEqual({
      stdout: `${t.out}Reading package lists...\nBuilding dependency tree...\nReading state information...\nAll packages are up to date.\n`,
      stderr: `\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n${t.warnings.replaceAll("W: ", "Warning: ")}`,
      code: 0,
    });
  });

  it("apt-get install finds only installed packages without lists", () => {
    const reading = "Reading package lists...\nBuilding dependency tree...\nReading state information...\n";
    expect(docker(k, "run", "--rm", "debian", "apt-get", "install", "-y", "curl")).toEqual({ stdout: reading, stderr: "E: Unable to locate package curl\n", code: 100 });
    expect(docker(k, "run", "--rm", "debian", "apt-get", "install", "-y", "bash")).toEqual({
      stdout: `${reading}bash is already the newest version (5.2.15-2+b8).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`,
      stderr: "",
      code: 0,
    });
    expect(docker(k, "run", "--rm", "-u", "nobody", "debian", "apt-get", "update")).toEqual({
      stdout: "",
      stderr: "E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n",
      code: 100,
    });
  });

  it("dpkg knows the architecture and what a package installed", () => {
    expect(docker(k, "run", "--rm", "ubuntu", "dpkg", "--print-architecture").stdout).toBe("amd64\n");
    // As bookworm's package ships them: /bin before merged /usr, links last (the real list ends with
    // four more, the aliases' man page links, which the image's data leaves out).
    expect(docker(k, "run", "--rm", "debian", "dpkg", "-L", "hostname").stdout).toBe(
      "/.\n/bin\n/bin/hostname\n/usr\n/usr/share\n/usr/share/doc\n/usr/share/doc/hostname\n/usr/share/doc/hostname/changelog.gz\n/usr/share/doc/hostname/copyright\n/usr/share/man\n/usr/share/man/man1\n/usr/share/man/man1/hostname.1.gz\n/bin/dnsdomainname\n/bin/domainname\n/bin/nisdomainname\n/bin/ypdomainname\n",
    );
    expect(docker(k, "run", "--rm", "debian", "dpkg", "-S", "/usr/bin/hostname", "/bin/hostname")).toEqual({
      stdout: "hostname: /bin/hostname\n",
      stderr: "dpkg-query: no path found matching pattern /usr/bin/hostname\n",
      code: 1,
    });
  });
});
