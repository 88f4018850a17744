/** alpine: default command, an interactive shell, and apk offline (no network in the sandbox). */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../src/cli/flags/help";
import type { Kernel } from "../../src/kernel";
import { bootSandboxHost } from "../../src/session/host";
import { docker, interactive } from "./helpers";

const fetchLines = (v: string) =>
  `fetch https://dl-cdn.alpinelinux.org/alpine/v${v}/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v${v}/community/x86_64/APKINDEX.tar.gz\n`;
const warnings = (v: string) =>
  `WARNING: updating and opening https://dl-cdn.alpinelinux.org/alpine/v${v}/main: temporary error (try again later)\nWARNING: updating and opening https://dl-cdn.alpinelinux.org/alpine/v${v}/community: temporary error (try again later)\n`;
const noCurl = "ERROR: unable to select packages:\n  curl (no such package):\n    required by: world[curl]\n";

describe("alpine", () => {
  let k: Kernel;
  beforeAll(async () => {
    await loadHelpTexts();
    k = bootSandboxHost();
    expect(docker(k, "pull", "-q", "alpine").code).toBe(0);
    expect(docker(k, "pull", "-q", "alpine:3.20").code).toBe(0);
  });

  it("runs /bin/sh by default, which exits at once without a terminal", () => {
    expect(docker(k, "run", "--rm", "alpine")).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("says which release it is, per tag", () => {
    expect(docker(k, "run", "--rm", "alpine", "cat", "/etc/os-release").stdout).toBe(
      'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
    );
    expect(docker(k, "run", "--rm", "alpine:3.20", "cat", "/etc/alpine-release").stdout).toBe("3.20.6\n");
  });

  it("gives an interactive shell with the busybox prompt", () => {
    expect(interactive(k, ["alpine", "sh"], ["ls /", "id", "apk add curl", "exit"])).toBe(
      "/ # ls /\nbin    etc    lib    mnt    proc   run    srv    tmp    var\ndev    home   media  opt    root   sbin   sys    usr\n" +
        "/ # id\nuid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n" +
        `/ # apk add curl\n${fetchLines("3.21").split("\n")[0]}\n${warnings("3.21").split("\n")[0]}\n${fetchLines("3.21").split("\n")[1]}\n${warnings("3.21").split("\n")[1]}\n${noCurl}` +
        "/ # exit\n",
    );
  });

  it("apk add cannot reach the repositories: fetch lines on stdout, warnings and the error on stderr", () => {
    expect(docker(k, "run", "--rm", "alpine:3.20", "apk", "add", "curl")).toEqual({ stdout: fetchLines("3.20"), stderr: warnings("3.20") + noCurl, code: 1 });
    expect(docker(k, "run", "--rm", "alpine", "apk", "add", "busybox")).toEqual({ stdout: `${fetchLines("3.21")}OK: 8 MiB in 15 packages\n`, stderr: warnings("3.21"), code: 0 });
  });

  it("apk update counts the unavailable repositories in its status", () => {
    expect(docker(k, "run", "--rm", "alpine", "apk", "update")).toEqual({
      stdout: `${fetchLines("3.21")}2 unavailable, 0 stale; 15 distinct packages available\n`,
      stderr: warnings("3.21"),
      code: 2,
    });
  });

  it("apk needs root to lock its database, and knows its version", () => {
    expect(docker(k, "run", "--rm", "-u", "guest", "alpine", "apk", "add", "curl")).toEqual({
      stdout: "",
      stderr: "ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n",
      code: 99,
    });
    expect(docker(k, "run", "--rm", "alpine", "apk", "--version").stdout).toBe("apk-tools 2.14.6, compiled for x86_64.\n");
  });
});
