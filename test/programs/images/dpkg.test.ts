/**
 * dpkg and dpkg-query on the Debian 12 host, against what dpkg 1.21.22 prints on a bookworm
 * machine: the -l table (columns as wide as their longest entry), -W formats, -S, -L, errors.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../../src/kernel";
import { bootSandboxHost } from "../../../src/session/host";
import { run, sh } from "../../helpers/host";

let k: Kernel;

beforeAll(() => {
  k = bootSandboxHost();
});

const HEAD =
  "Desired=Unknown/Install/Remove/Purge/Hold\n" +
  "| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n" +
  "|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n";

describe("dpkg -l", () => {
  it("lists the named packages sorted, in columns of at least 14, 12, 12 and 33", () => {
    expect(run(k, ["dpkg", "-l", "procps", "bash", "dash"])).toEqual({
      stdout:
        `${HEAD}||/ Name           Version      Architecture Description\n` +
        "+++-==============-============-============-=================================\n" +
        "ii  bash           5.2.15-2+b8  amd64        GNU Bourne Again SHell\n" +
        "ii  dash           0.5.12-2     amd64        POSIX-compliant shell\n" +
        "ii  procps         2:4.0.2-3    amd64        /proc file system utilities\n",
      stderr: "",
      code: 0,
    });
  });

  it("a longer version widens its column", () => {
    expect(run(k, ["dpkg", "-l", "docker.io"]).stdout).toBe(
      `${HEAD}||/ Name           Version                     Architecture Description\n` +
        "+++-==============-===========================-============-=================================\n" +
        "ii  docker.io      20.10.24+dfsg1-1+deb12u1+b6 amd64        Linux container runtime\n",
    );
  });

  it("every installed package without arguments; columns fit the longest", () => {
    const lines = run(k, ["dpkg", "-l"]).stdout.split("\n");
    const rows = lines.filter((l) => l.startsWith("ii  "));
    expect(rows.length).toBe(Number(sh(k, "grep -c '^Package: ' /var/lib/dpkg/status").stdout.trim()));
    const names = rows.map((r) => r.slice(4).split(" ")[0]);
    expect(names).toEqual([...names].sort());
    const longest = Math.max(...names.map((n) => n.length));
    expect(lines[3].slice(0, 4 + longest + 9)).toBe(`||/ ${"Name".padEnd(longest)} Version `);
  });

  it("no match: dpkg-query's message, status 1; the other patterns still list", () => {
    expect(run(k, ["dpkg", "-l", "nope"])).toEqual({ stdout: "", stderr: "dpkg-query: no packages found matching nope\n", code: 1 });
    const r = run(k, ["dpkg", "-l", "nope*", "bash"]);
    expect(r.stderr).toBe("dpkg-query: no packages found matching nope*\n");
    expect(r.stdout.split("\n").slice(-2)).toEqual(["ii  bash           5.2.15-2+b8  amd64        GNU Bourne Again SHell", ""]);
    expect(r.code).toBe(1);
  });
});

describe("dpkg-query -W, dpkg -S, -L, --version", () => {
  it("-W: package and version by a tab, or as -f formats them (-f=FORMAT too, widths)", () => {
    expect(run(k, ["dpkg-query", "-W", "bash", "libc6"]).stdout).toBe("bash\t5.2.15-2+b8\nlibc6:amd64\t2.36-9+deb12u14\n");
    expect(run(k, ["dpkg-query", "-W", "-f=${Package} ${Version}\\n", "bash"]).stdout).toBe("bash 5.2.15-2+b8\n");
    expect(run(k, ["dpkg-query", "-W", "-f", "${Package;-10}|${Version;12}|${Status}\\n", "bash", "libc6"]).stdout).toBe(
      "bash      | 5.2.15-2+b8|install ok installed\nlibc6     |2.36-9+deb12|install ok installed\n",
    );
    expect(run(k, ["dpkg-query", "-W", "nope"])).toEqual({ stdout: "", stderr: "dpkg-query: no packages found matching nope\n", code: 1 });
  });

  it("-S names the owners of a path; -L lists a package's files", () => {
    expect(run(k, ["dpkg", "-S", "/usr/bin/free"])).toEqual({ stdout: "procps: /usr/bin/free\n", stderr: "", code: 0 });
    expect(run(k, ["dpkg", "-S", "/nope"])).toEqual({ stdout: "", stderr: "dpkg-query: no path found matching pattern /nope\n", code: 1 });
    // Debian 12's packages list /bin, /sbin paths as shipped, before merged /usr: /usr/bin/ps is no one's.
    expect(run(k, ["dpkg", "-S", "/usr/bin/ps"])).toEqual({ stdout: "", stderr: "dpkg-query: no path found matching pattern /usr/bin/ps\n", code: 1 });
    expect(run(k, ["dpkg", "-S", "/bin/ps", "/bin/bash", "/sbin/sysctl"])).toEqual({
      stdout: "procps: /bin/ps\nbash: /bin/bash\nprocps: /sbin/sysctl\n",
      stderr: "",
      code: 0,
    });
    expect(run(k, ["dpkg", "-S", "/usr/bin/ls", "/bin/ls"])).toEqual({
      stdout: "coreutils: /bin/ls\n",
      stderr: "dpkg-query: no path found matching pattern /usr/bin/ls\n",
      code: 1,
    });
    expect(run(k, ["dpkg", "-L", "procps"]).stdout.split("\n").slice(0, 15)).toEqual(
      "/. /bin /bin/kill /bin/ps /etc /etc/init.d /etc/init.d/procps /etc/sysctl.conf /etc/sysctl.d /etc/sysctl.d/README.sysctl /sbin /sbin/sysctl /usr /usr/bin /usr/bin/free".split(" "),
    );
    // The archive's symbolic links come last.
    expect(run(k, ["dpkg", "-L", "procps"]).stdout.split("\n").slice(-3)).toEqual(["/usr/bin/pkill", "/usr/bin/snice", ""]);
    expect(run(k, ["dpkg", "-L", "nope"])).toEqual({
      stdout: "",
      stderr: "dpkg-query: package 'nope' is not installed\nUse dpkg --contents (= dpkg-deb --contents) to list archive files contents.\n",
      code: 1,
    });
  });

  it("versions and usage errors", () => {
    const tail = "This is free software; see the GNU General Public License version 2 or\nlater for copying conditions. There is NO warranty.\n";
    expect(run(k, ["dpkg", "--version"]).stdout).toBe(`Debian 'dpkg' package management program version 1.21.22 (amd64).\n${tail}`);
    expect(run(k, ["dpkg-query", "--version"]).stdout).toBe(`Debian dpkg-query package management program query tool version 1.21.22 (amd64).\n${tail}`);
    expect(run(k, ["dpkg-query"])).toEqual({ stdout: "", stderr: "dpkg-query: error: need an action option\n\nUse --help for help about querying packages.\n", code: 2 });
    expect(run(k, ["dpkg", "-S"])).toEqual({
      stdout: "",
      stderr: "dpkg-query: error: --search needs at least one file name pattern argument\n\nUse --help for help about querying packages.\n",
      code: 2,
    });
  });
});
