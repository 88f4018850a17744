/** execve of a binary built for another machine: ENOEXEC, as on a Linux host without binfmt_misc. */
import { describe, expect, it } from "vitest";
import { Errno, spawn } from "../../src/kernel";
import { progFor, progParts, standInHeader } from "../../src/kernel/fs/entries";
import { writeFile } from "../../src/engine/hostfs";
import { HOST_ENV, newHost, run } from "../helpers/host";

function execError(argv: string[]): string {
  const k = newHost();
  writeFile(k, "/tmp/arm-echo", `${standInHeader(progFor("echo", "arm64"))}${"\0".repeat(100)}`, 0o755);
  try {
    spawn(k, { argv, env: HOST_ENV });
  } catch (e) {
    if (!(e instanceof Errno)) throw e;
    return e.code;
  }
  return "ran";
}

describe("binaries carry their machine", () => {
  it("names the machine in the program reference, x86-64 (the host's) without a suffix", () => {
    expect(progFor("busybox", "amd64")).toBe("busybox");
    expect(progFor("busybox", "arm64")).toBe("busybox@arm64");
    expect(progParts("gnu:coreutils:9.1:ls@arm64")).toEqual({ prog: "gnu:coreutils:9.1:ls", arch: "arm64" });
    expect(progParts("busybox")).toEqual({ prog: "busybox", arch: "amd64" });
    expect(progParts("odd@name")).toEqual({ prog: "odd@name", arch: "amd64" });
  });

  it("writes the ELF machine into the stand-in's header (e_machine at offset 18)", () => {
    expect([...standInHeader("busybox").slice(0, 20)].map((c) => c.charCodeAt(0))).toEqual([
      0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0,
    ]);
    expect(standInHeader("busybox@arm64").charCodeAt(18)).toBe(0xb7);
    expect(standInHeader("busybox@arm64").slice(20)).toBe(" simulated program: busybox@arm64\n");
  });
});

describe("execve of a foreign binary", () => {
  it("fails with ENOEXEC and runs nothing", () => {
    expect(execError(["/tmp/arm-echo", "hi"])).toBe("ENOEXEC");
  });

  it("a binary for the host's machine runs", () => {
    const k = newHost();
    writeFile(k, "/tmp/echo", `${standInHeader("echo")}${"\0".repeat(100)}`, 0o755);
    expect(run(k, ["/tmp/echo", "hi"])).toEqual({ stdout: "hi\n", stderr: "", code: 0 });
  });
});
