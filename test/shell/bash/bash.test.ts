/**
 * bash in the ubuntu and debian images: one interpreter speaking bash's dialect where a beginner
 * notices. Expected texts are those of GNU bash 5.2.15 and dash 0.5.12 (Debian 12).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadHelpTexts } from "../../../src/cli/flags/help";
import type { Kernel } from "../../../src/kernel";
import { bootSandboxHost } from "../../../src/session/host";
import { type RunResult, run, terminal } from "../../helpers/host";

let k: Kernel;

beforeAll(async () => {
  await loadHelpTexts();
  k = bootSandboxHost();
  run(k, ["docker", "pull", "-q", "ubuntu"]);
  run(k, ["docker", "pull", "-q", "debian"]);
  run(k, ["docker", "pull", "-q", "busybox"]);
});

function inImage(image: string, shell: string, script: string): RunResult {
  return run(k, ["docker", "run", "--rm", image, shell, "-c", script]);
}

const bash = (script: string) => inImage("ubuntu", "bash", script);

describe("command not found", () => {
  it("bash: NAME: command not found, status 127; a path names the errno", () => {
    expect(bash("foo; echo $?")).toEqual({ stdout: "127\n", stderr: "bash: foo: command not found\n", code: 0 });
    expect(bash("/nope")).toEqual({ stdout: "", stderr: "bash: /nope: No such file or directory\n", code: 127 });
  });

  it("in a script file bash adds the line", () => {
    const r = bash("printf 'echo one\\nfoo\\n' > /tmp/s.sh; bash /tmp/s.sh");
    expect(r).toEqual({ stdout: "one\n", stderr: "/tmp/s.sh: line 2: foo: command not found\n", code: 127 });
  });

  it("dash numbers every message with the line, also as sh", () => {
    expect(inImage("debian", "dash", "echo a\nfoo")).toEqual({ stdout: "a\n", stderr: "dash: 2: foo: not found\n", code: 127 });
    expect(inImage("debian", "sh", "foo")).toEqual({ stdout: "", stderr: "sh: 1: foo: not found\n", code: 127 });
  });

  it("busybox's ash keeps its own wording", () => {
    expect(inImage("busybox", "sh", "foo")).toEqual({ stdout: "", stderr: "sh: foo: not found\n", code: 127 });
  });

  it("builtin errors carry bash's line prefix in -c", () => {
    expect(bash("cd /nope; echo $?")).toEqual({ stdout: "1\n", stderr: "bash: line 1: cd: /nope: No such file or directory\n", code: 0 });
  });
});

describe("bash's variables", () => {
  it("$BASH, $BASH_VERSION", () => {
    expect(bash('echo "$BASH $BASH_VERSION"')).toEqual({ stdout: "/usr/bin/bash 5.2.15(1)-release\n", stderr: "", code: 0 });
    expect(run(k, ["docker", "run", "--rm", "ubuntu", "/bin/bash", "-c", "echo $BASH"]).stdout).toBe("/bin/bash\n");
  });

  it("$RANDOM is a new number in 0..32767 each time; dash has none", () => {
    const [a, b] = bash("echo $RANDOM; echo $RANDOM").stdout.trim().split("\n").map(Number);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(32768);
    expect(b).toBeLessThan(32768);
    expect(a).not.toBe(b);
    expect(inImage("debian", "dash", "echo x$RANDOM").stdout).toBe("x\n");
  });
});

describe("shopt", () => {
  it("lists, queries and sets options as bash prints them", () => {
    expect(bash("shopt checkwinsize extglob; echo $?")).toEqual({ stdout: "checkwinsize   \ton\nextglob        \toff\n1\n", stderr: "", code: 0 });
    expect(bash("shopt -s extglob; shopt -p extglob; shopt -u checkwinsize; shopt -p checkwinsize")).toEqual({
      stdout: "shopt -s extglob\nshopt -u checkwinsize\n",
      stderr: "",
      // the last query found the option off
      code: 1,
    });
    const all = bash("shopt").stdout.split("\n");
    expect(all.length).toBe(58);
    expect(all.slice(0, 3)).toEqual(["autocd         \toff", "assoc_expand_once\toff", "cdable_vars    \toff"]);
    expect(bash("shopt -s").stdout.split("\n").slice(0, 3)).toEqual(["checkwinsize   \ton", "cmdhist        \ton", "complete_fullquote\ton"]);
  });

  it("an unknown option name; shopt -q only sets the status; not a builtin of dash", () => {
    expect(bash("shopt nosuch")).toEqual({ stdout: "", stderr: "bash: line 1: shopt: nosuch: invalid shell option name\n", code: 1 });
    expect(bash("shopt -q checkwinsize && echo on")).toEqual({ stdout: "on\n", stderr: "", code: 0 });
    expect(inImage("debian", "dash", "shopt -s extglob")).toEqual({ stdout: "", stderr: "dash: 1: shopt: not found\n", code: 127 });
  });
});

describe("[[ ]]", () => {
  it("== and != match patterns; quoted parts literally; no word splitting", () => {
    expect(bash('x=abc; [[ $x == a* ]] && echo 1; [[ $x == "a*" ]] || echo 2; [[ $x != b* ]] && echo 3; f="my file"; [[ $f == "my file" ]] && echo 4').stdout).toBe("1\n2\n3\n4\n");
  });

  it("=~ is an extended regex whose match goes to BASH_REMATCH; quoted parts are literal", () => {
    expect(bash("x=abc; [[ $x =~ ^a(b|z)c$ ]] && echo \"m $BASH_REMATCH\"; [[ $x =~ \"a.c\" ]]; echo $?").stdout).toBe("m abc\n1\n");
  });

  it("-z -n -f -d -e, &&, ||, ! and parentheses", () => {
    expect(bash('y=; [[ -z $y && ! -n $y ]] && echo 1; [[ ( -d /etc || -f /nope ) && -e /etc/passwd ]] && echo 2; [[ -f /etc ]] || echo 3; [[ $y ]] || echo 4').stdout).toBe("1\n2\n3\n4\n");
  });

  it("< and > compare strings; -gt compares numbers", () => {
    expect(bash("[[ a < b ]] && echo 1; [[ b > a ]] && echo 2; [[ 10 -gt 9 ]] && echo 3; [[ 10 > 9 ]] || echo 4").stdout).toBe("1\n2\n3\n4\n");
  });
});

describe("interactive bash in an image", () => {
  it("reads /etc/bash.bashrc: the Debian prompt user@host:dir# and bash's exit", () => {
    const t = terminal(k, ["/usr/bin/docker", "run", "-it", "--rm", "--hostname", "box", "ubuntu", "bash"]);
    t.type("cd /etc\r");
    t.type("foo\r");
    t.type("exit\r");
    expect(t.output()).toBe("root@box:/# cd /etc\r\nroot@box:/etc# foo\r\nbash: foo: command not found\r\nroot@box:/etc# exit\r\nexit\r\n");
  });

  it("a login shell reads /etc/profile and then ~/.profile, not bash.bashrc", () => {
    const r = bash("echo 'echo from-profile' > /root/.profile; echo 'echo from-bashrc' > /root/.bashrc; bash -l -c 'echo login'");
    expect(r).toEqual({ stdout: "from-profile\nlogin\n", stderr: "", code: 0 });
  });
});
