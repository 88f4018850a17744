/** node and python: versions, one-line programs, the REPLs on a terminal, stdin without one. */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../src/cli/flags/help";
import type { Kernel } from "../../src/kernel";
import { bootSandboxHost } from "../../src/session/host";
import { docker, interactive } from "./helpers";

describe("node and python", () => {
  let k: Kernel;
  beforeAll(async () => {
    await loadHelpTexts();
    k = bootSandboxHost();
    for (const ref of ["node", "node:20-alpine", "python:slim", "python:3.12"]) expect(docker(k, "pull", "-q", ref).code).toBe(0);
  });

  it("node: versions per tag and node -e", () => {
    expect(docker(k, "run", "--rm", "node", "node", "--version").stdout).toBe("v22.14.0\n");
    expect(docker(k, "run", "--rm", "node:20-alpine", "node", "-v").stdout).toBe("v20.18.3\n");
    expect(docker(k, "run", "--rm", "node", "node", "-e", "console.log(1+1)")).toEqual({ stdout: "2\n", stderr: "", code: 0 });
    expect(docker(k, "run", "--rm", "node", "node", "-e", "console.log((2+3)*4, 10/4, 'x' + 1)").stdout).toBe("20 2.5 x1\n");
  });

  it("node: without a terminal the default command reads an empty stdin and exits", () => {
    expect(docker(k, "run", "--rm", "node")).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("node: the REPL greets and evaluates", () => {
    expect(interactive(k, ["node"], ["1+1", '"a"+"b"', ".exit"])).toBe(
      "Welcome to Node.js v22.14.0.\nType \".help\" for more information.\n> 1+1\n2\n> \"a\"+\"b\"\n'ab'\n> .exit\n",
    );
  });

  it("python: versions per tag and python3 -c", () => {
    expect(docker(k, "run", "--rm", "python:slim", "python3", "--version").stdout).toBe("Python 3.13.2\n");
    expect(docker(k, "run", "--rm", "python:3.12", "python", "--version").stdout).toBe("Python 3.12.9\n");
    expect(docker(k, "run", "--rm", "python:slim", "python3", "-c", "print(1+1)")).toEqual({ stdout: "2\n", stderr: "", code: 0 });
    expect(docker(k, "run", "--rm", "python:slim", "python3", "-c", "print(7/2, 7//2, 2**10, 4/2, 'a'+'b')").stdout).toBe("3.5 3 1024 2.0 ab\n");
  });

  it("python: without a terminal the default command reads an empty stdin and exits", () => {
    expect(docker(k, "run", "--rm", "python:slim")).toEqual({ stdout: "", stderr: "", code: 0 });
  });

  it("python: the REPL greets and evaluates", () => {
    expect(interactive(k, ["python:slim"], ["1+1", "7/2", "'hi'", 'print("hi")', "exit()"])).toBe(
      'Python 3.13.2 (main, Feb  4 2025, 23:30:00) [GCC 12.2.0] on linux\nType "help", "copyright", "credits" or "license" for more information.\n' +
        ">>> 1+1\n2\n>>> 7/2\n3.5\n>>> 'hi'\n'hi'\n>>> print(\"hi\")\nhi\n>>> exit()\n",
    );
  });
});
