/**
 * A file the kernel refuses with ENOEXEC (no "#!": a script, or a binary for another machine), run
 * from each shell. Expected texts measured on Debian 12 with busybox ash 1.35, GNU bash 5.2.15 and
 * dash 0.5.12: ash runs anything as a script (NUL bytes dropped), bash refuses an ELF file or a NUL
 * in the first line, dash refuses control characters in the first line.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../src/cli/flags/help";
import type { Kernel } from "../../src/kernel";
import { bootSandboxHost } from "../../src/session/host";
import { type RunResult, run } from "../helpers/host";

let k: Kernel;

beforeAll(async () => {
  await loadHelpTexts();
  k = bootSandboxHost();
  // An arm64 busybox binary, copied out of the arm64 image onto the host.
  for (const argv of [
    ["docker", "pull", "-q", "--platform", "linux/arm64", "busybox"],
    ["docker", "tag", "busybox", "armbox"],
    ["docker", "pull", "-q", "--platform", "linux/amd64", "busybox"],
    ["docker", "pull", "-q", "debian"],
    ["docker", "pull", "-q", "ubuntu"],
    ["docker", "create", "--name", "arm", "armbox"],
    ["mkdir", "-p", "/tmp/arm"],
    ["docker", "cp", "arm:/bin/busybox", "/tmp/arm/busybox"],
  ])
    expect(run(k, argv).code).toBe(0);
}, 60_000);

/** Writes `bytes` (printf format) to /f, makes it executable and runs it from `shell`. */
function runFile(image: string, shell: string, bytes: string): RunResult {
  return run(k, ["docker", "run", "--rm", image, shell, "-c", `printf '${bytes}' > /f; chmod +x /f; /f; echo rc=$?`]);
}

const ok = (stdout: string, stderr = "") => ({ stdout, stderr, code: 0 });

describe("busybox ash", () => {
  it("runs a file without #! as a script, NUL bytes dropped", () => {
    expect(runFile("busybox", "sh", "echo hi\\000zz\\n")).toEqual(ok("hizz\nrc=0\n"));
    expect(runFile("busybox", "sh", "\\177ELG\\n")).toEqual(ok("rc=127\n", "/f: line 1: \x7fELG: not found\n"));
  });

  it("reads a binary for another machine as a script: its first word is not found", () => {
    const r = run(k, ["docker", "run", "--rm", "-v", "/tmp/arm:/arm", "busybox", "sh", "-c", "/arm/busybox true; echo rc=$?"]);
    // The stand-in's ELF header up to its first space, without its NUL bytes.
    expect(r).toEqual(ok("rc=127\n", "/arm/busybox: line 1: \x7fELF\x02\x01\x01\x02\xb7: not found\n"));
    expect(r.stderr).not.toContain("\0");
  });
});

describe("bash", () => {
  const bash = (bytes: string) => runFile("ubuntu", "bash", bytes);

  it("refuses an ELF file or a NUL in the first line; runs the rest as a script", () => {
    expect(bash("echo hi\\000zz\\n")).toEqual(ok("rc=126\n", "bash: /f: cannot execute binary file: Exec format error\n"));
    expect(bash("\\177ELFecho x\\n")).toEqual(ok("rc=126\n", "bash: /f: cannot execute binary file: Exec format error\n"));
    expect(bash("#!\\necho y\\000\\n")).toEqual(ok("rc=126\n", "bash: /f: cannot execute binary file: Exec format error\n"));
    expect(bash("echo one\\necho t\\000wo\\n")).toEqual(ok("one\ntwo\nrc=0\n"));
    expect(bash("echo plain\\n")).toEqual(ok("plain\nrc=0\n"));
  });

  it("looks at 128 bytes only", () => {
    const line = (n: number) => `echo ${"a".repeat(n - 5)}\\000\\n`;
    expect(bash(line(127))).toEqual(ok("rc=126\n", "bash: /f: cannot execute binary file: Exec format error\n"));
    expect(bash(line(128))).toEqual(ok(`${"a".repeat(123)}\nrc=0\n`));
  });

  it("names a command with control characters in $'...' form", () => {
    expect(bash("\\177ELG\\n")).toEqual(ok("rc=127\n", "/f: line 1: $'\\177ELG': command not found\n"));
  });

  it("refuses a binary for another machine", () => {
    const r = run(k, ["docker", "run", "--rm", "-v", "/tmp/arm:/arm", "ubuntu", "bash", "-c", "/arm/busybox true; echo rc=$?"]);
    expect(r).toEqual(ok("rc=126\n", "bash: /arm/busybox: cannot execute binary file: Exec format error\n"));
  });
});

describe("dash", () => {
  const dash = (bytes: string) => runFile("debian", "dash", bytes);
  const refused = ok("rc=126\n", "dash: 1: /f: Exec format error\n");

  it("refuses control characters in the first line, but for tabs..returns, SO, SI and ESC", () => {
    expect(dash("echo hi\\000zz\\n")).toEqual(refused);
    expect(dash("\\001echo x\\n")).toEqual(refused);
    expect(dash("echo x\\177\\n")).toEqual(refused);
    expect(dash("echo x\\033\\n")).toEqual(ok("x\x1b\nrc=0\n"));
    expect(dash("echo x\\016\\n")).toEqual(ok("x\x0e\nrc=0\n"));
    expect(dash("\\necho x\\000\\n")).toEqual(ok("x\nrc=0\n"));
    expect(dash("echo plain\\n")).toEqual(ok("plain\nrc=0\n"));
  });

  it("refuses a binary for another machine", () => {
    const r = run(k, ["docker", "run", "--rm", "-v", "/tmp/arm:/arm", "debian", "dash", "-c", "/arm/busybox true; echo rc=$?"]);
    expect(r).toEqual(ok("rc=126\n", "dash: 1: /arm/busybox: Exec format error\n"));
  });
});
