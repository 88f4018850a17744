/** findmnt (util-linux 2.38): the mount table from /proc/self/mountinfo as a tree or a list. */
import { describe, expect, it } from "vitest";
import { utf8Encode } from "../../../src/kernel/bytes";
import { newHost, run } from "../../helpers/host";

const SYS = "rw,nosuid,nodev,noexec,relatime";
const CGROUP2 = `${SYS},nsdelegate,memory_recursiveprot`;

describe("findmnt", () => {
  it("draws each shown mount under the one it sits on, in ASCII outside a UTF-8 locale", () => {
    expect(run(newHost(), ["findmnt", "-t", "sysfs,cgroup2,proc"])).toEqual({
      stdout:
        "TARGET           SOURCE  FSTYPE  OPTIONS\n" +
        `/sys             sysfs   sysfs   ${SYS}\n` +
        `\`-/sys/fs/cgroup cgroup2 cgroup2 ${CGROUP2}\n` +
        `/proc            proc    proc    ${SYS}\n`,
      stderr: "",
      code: 0,
    });
  });

  it("uses the UTF-8 branches in a UTF-8 locale, and -l lists without them", () => {
    const k = newHost();
    const tree = run(k, ["findmnt", "-n", "-o", "TARGET", "-t", "sysfs,cgroup2"], { env: { LANG: "C.UTF-8" } });
    expect(tree.stdout).toBe(utf8Encode("/sys\n└─/sys/fs/cgroup\n"));
    expect(run(k, ["findmnt", "-l", "-n", "-o", "TARGET,FSTYPE", "-t", "sysfs,cgroup2"]).stdout).toBe(
      "/sys           sysfs\n/sys/fs/cgroup cgroup2\n",
    );
  });

  it("finds a mount point or a source; anything else is exit 1 without output", () => {
    const k = newHost();
    expect(run(k, ["findmnt", "-n", "-o", "FSTYPE,SOURCE", "/proc"])).toEqual({ stdout: "proc proc\n", stderr: "", code: 0 });
    expect(run(k, ["findmnt", "-n", "-o", "TARGET", "cgroup2"])).toEqual({ stdout: "/sys/fs/cgroup\n", stderr: "", code: 0 });
    expect(run(k, ["findmnt", "/etc"])).toEqual({ stdout: "", stderr: "", code: 1 });
    expect(run(k, ["findmnt", "-t", "xfs"])).toEqual({ stdout: "", stderr: "", code: 1 });
  });

  it("-t noTYPES leaves those types out (so -t nosuchfs keeps every mount)", () => {
    const k = newHost();
    const types = (list: string) => run(k, ["findmnt", "-l", "-n", "-o", "FSTYPE", "-t", list]).stdout.split("\n");
    expect(types("nosysfs,proc,cgroup2")).not.toContain("sysfs");
    expect(types("nosysfs,proc,cgroup2")).toContain("ext4");
    expect(types("nosuchfs")).toContain("sysfs");
  });

  it("reports an unknown column and an unknown option as util-linux does", () => {
    const k = newHost();
    expect(run(k, ["findmnt", "-o", "BOGUS"])).toEqual({ stdout: "", stderr: "findmnt: unknown column: BOGUS\n", code: 1 });
    expect(run(k, ["findmnt", "--bogus"])).toEqual({
      stdout: "",
      stderr: "findmnt: unrecognized option '--bogus'\nTry 'findmnt --help' for more information.\n",
      code: 1,
    });
  });
});
