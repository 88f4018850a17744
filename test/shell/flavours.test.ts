/**
 * How each shell of the Debian 12 host introduces itself: bash 5.2.15's invocation options and
 * version variables, $-, `set -o` listings, and type / command -v / command -V, against what the
 * real bash 5.2.15 and dash 0.5.12 of Debian 12 print.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../src/kernel";
import { bootSandboxHost } from "../../src/session/host";
import { run } from "../helpers/host";

let k: Kernel;

beforeAll(() => {
  k = bootSandboxHost();
});

const bash = (script: string) => run(k, ["bash", "-c", script]);
const dash = (script: string) => run(k, ["dash", "-c", script]);

const USAGE =
  "Usage:\tbash [GNU long option] [option] ...\n\tbash [GNU long option] [option] script-file ...\nGNU long options:\n" +
  "\t--debug\n\t--debugger\n\t--dump-po-strings\n\t--dump-strings\n\t--help\n\t--init-file\n\t--login\n\t--noediting\n" +
  "\t--noprofile\n\t--norc\n\t--posix\n\t--pretty-print\n\t--rcfile\n\t--restricted\n\t--verbose\n\t--version\n" +
  "Shell options:\n\t-ilrsD or -c command or -O shopt_option\t\t(invocation only)\n\t-abefhkmnptuvxBCEHPT or -o option\n";

describe("bash's invocation", () => {
  it("--version prints the GNU banner", () => {
    expect(run(k, ["bash", "--version"])).toEqual({
      stdout:
        "GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\nCopyright (C) 2022 Free Software Foundation, Inc.\n" +
        "License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\n" +
        "This is free software; you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n",
      stderr: "",
      code: 0,
    });
  });

  it("--help prints the usage; an unknown long option is an error with the usage", () => {
    expect(run(k, ["bash", "--help"]).stdout).toBe(
      `GNU bash, version 5.2.15(1)-release-(x86_64-pc-linux-gnu)\n${USAGE}` +
        "Type `bash -c \"help set\"' for more information about shell options.\n" +
        "Type `bash -c help' for more information about shell builtin commands.\n" +
        "Use the `bashbug' command to report bugs.\n\nbash home page: <http://www.gnu.org/software/bash>\n" +
        "General help using GNU software: <http://www.gnu.org/gethelp/>\n",
    );
    expect(run(k, ["bash", "--badopt"])).toEqual({ stdout: "", stderr: `bash: --badopt: invalid option\n${USAGE}`, code: 2 });
    expect(run(k, ["bash", "--rcfile"])).toEqual({ stdout: "", stderr: "bash: rcfile: option requires an argument\n", code: 2 });
    expect(run(k, ["bash", "--norc", "--noprofile", "-c", "echo ok"]).stdout).toBe("ok\n");
  });

  it("$BASH_VERSION and the read-only $BASH_VERSINFO", () => {
    expect(bash('echo $BASH_VERSION; echo "${BASH_VERSINFO[@]}"; declare -p BASH_VERSINFO').stdout).toBe(
      '5.2.15(1)-release\n5 2 15 1 release x86_64-pc-linux-gnu\ndeclare -ar BASH_VERSINFO=([0]="5" [1]="2" [2]="15" [3]="1" [4]="release" [5]="x86_64-pc-linux-gnu")\n',
    );
  });
});

describe("$- and set -o", () => {
  it("$-: bash's hB and c; dash shows no c; option letters as each orders them", () => {
    expect(bash("echo $-; set -eu; echo $-").stdout).toBe("hBc\nehuBc\n");
    expect(dash("echo $-; set -ex; echo $-").stdout).toBe("\nxe\n");
    expect(run(k, ["bash"], { stdin: "echo $-\n" }).stdout).toBe("hBs\n");
    expect(run(k, ["dash"], { stdin: "echo $-\n" }).stdout).toBe("s\n");
  });

  it("bash lists its options sorted, name and state split by a tab", () => {
    const names =
      "allexport braceexpand emacs errexit errtrace functrace hashall histexpand history ignoreeof interactive-comments keyword monitor noclobber noexec noglob nolog notify nounset onecmd physical pipefail posix privileged verbose vi xtrace".split(" ");
    const on = new Set(["braceexpand", "hashall", "interactive-comments"]);
    expect(bash("set -o").stdout).toBe(names.map((n) => `${n.padEnd(15)}\t${on.has(n) ? "on" : "off"}\n`).join(""));
    expect(bash("set +o").stdout).toBe(names.map((n) => `set ${on.has(n) ? "-" : "+"}o ${n}\n`).join(""));
  });

  it("dash lists its own options under a heading", () => {
    const names = "errexit noglob ignoreeof interactive monitor noexec stdin xtrace verbose vi emacs noclobber allexport notify nounset privileged nolog debug".split(" ");
    expect(dash("set -o").stdout).toBe(`Current option settings\n${names.map((n) => `${n.padEnd(16)}off\n`).join("")}`);
  });

  it("an unknown option: bash's invalid option name (2), dash's Illegal option exits", () => {
    expect(bash("set -o nope; echo $?; set -Q; echo $?")).toEqual({
      stdout: "2\n2\n",
      stderr:
        "bash: line 1: set: nope: invalid option name\nbash: line 1: set: -Q: invalid option\n" +
        "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n",
      code: 0,
    });
    expect(dash("set -o pipefail; echo no")).toEqual({ stdout: "", stderr: "dash: 1: set: Illegal option -o pipefail\n", code: 2 });
  });
});

describe("type and command", () => {
  it("bash: a command that ran is hashed; -a lists every match in $PATH; -t -p -P", () => {
    expect(bash("type ls cd; ls >/dev/null; type ls; type -a ls echo; type -t ls export nope; echo $?; type -P cd ls; type -p cd")).toEqual({
      stdout:
        "ls is /usr/bin/ls\ncd is a shell builtin\nls is hashed (/usr/bin/ls)\nls is /usr/bin/ls\nls is /bin/ls\n" +
        "echo is a shell builtin\necho is /usr/bin/echo\necho is /bin/echo\nfile\nbuiltin\n1\n/usr/bin/ls\n",
      stderr: "",
      code: 0,
    });
    expect(bash("type nope; echo $?; command -v ls cd nope; echo $?; command -v nope; echo $?")).toEqual({
      stdout: "1\n/usr/bin/ls\ncd\n0\n1\n",
      stderr: "bash: line 1: type: nope: not found\n",
      code: 0,
    });
  });

  it("dash: looking a command up tracks it; command -v and -V take the first name only", () => {
    expect(dash("type ls cd; type ls; command -v ls cd nope; echo $?; command -V nope; echo $?")).toEqual({
      stdout: "ls is /usr/bin/ls\ncd is a shell builtin\nls is a tracked alias for /usr/bin/ls\n/usr/bin/ls\n0\nnope: not found\n127\n",
      stderr: "",
      code: 0,
    });
  });
});
