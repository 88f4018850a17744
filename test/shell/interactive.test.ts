/**
 * The interactive shell on a terminal: prompts, line editing, ^C/^Z/^D, job notices, completion.
 * Expected screens follow what busybox ash 1.35 prints on a pty (checked with a real pty session);
 * "~ # " is ash's default PS1 ('\w \$ ') in root's home.
 */
import { describe, expect, it } from "vitest";
import { newHost, terminal } from "../helpers/host";
import { shellPrograms } from "../../src/shell";

function session(keys: string[]): string[] {
  const k = newHost({ extra: shellPrograms });
  const t = terminal(k, ["/bin/sh"], {});
  const screens: string[] = [];
  let seen = t.output().length;
  screens.push(t.output());
  for (const key of keys) {
    t.type(key);
    screens.push(t.output().slice(seen));
    seen = t.output().length;
  }
  return screens;
}

describe("interactive sh", () => {
  it("prompts, runs commands, reports errors without line numbers", () => {
    expect(session(["echo hi\r", "cd /nonexist\r", "false\r", "echo $?\r"])).toEqual([
      "~ # ",
      "echo hi\r\nhi\r\n~ # ",
      "cd /nonexist\r\n/bin/sh: cd: can't cd to /nonexist: No such file or directory\r\n~ # ",
      "false\r\n~ # ",
      "echo $?\r\n1\r\n~ # ",
    ]);
  });

  it("expands \\u \\h \\w \\$ in PS1 and uses PS2 for continuation lines and here-documents", () => {
    expect(
      session([
        "PS1='\\u@\\h:\\w\\$ '\r",
        "cd /tmp\r",
        "if true\r",
        "then echo yes\r",
        "fi\r",
        "cat <<E\r",
        "x\r",
        "E\r",
      ]),
    ).toEqual([
      "~ # ",
      "PS1='\\u@\\h:\\w\\$ '\r\nroot@sandbox:~# ",
      "cd /tmp\r\nroot@sandbox:/tmp# ",
      "if true\r\n> ",
      "then echo yes\r\n> ",
      "fi\r\nyes\r\nroot@sandbox:/tmp# ",
      "cat <<E\r\n> ",
      "x\r\n> ",
      "E\r\nx\r\nroot@sandbox:/tmp# ",
    ]);
  });

  it("edits the line: backspace, arrows, history, ^U", () => {
    expect(
      session(["echo abd\x7fc\r", "\x1b[A\r", "echo wrld\x1b[D\x1b[D\x1b[Do\r", "junk\x15echo ok\r"]),
    ).toEqual([
      "~ # ",
      "echo abd\b \bc\r\nabc\r\n~ # ",
      "echo abc\r\nabc\r\n~ # ",
      "echo wrld\b\b\borld\b\b\brld\r\nworld\r\n~ # ",
      "junk\b\b\b\b    \b\b\b\becho ok\r\nok\r\n~ # ",
    ]);
  });

  it("^C on the line prints ^C and sets $? to 130; ^D on an empty line exits", () => {
    expect(session(["abc\x03", "echo $?\r", "\x04"])).toEqual([
      "~ # ",
      "abc^C\r\n~ # ",
      "echo $?\r\n130\r\n~ # ",
      "\r\n",
    ]);
  });

  it("^Z stops the foreground job; jobs lists it; background jobs are announced when done", () => {
    expect(session(["sleep 100\r", "\x1a", "jobs\r", "sleep 1 &\r", "sleep 2\r", "jobs -l\r"])).toEqual([
      "~ # ",
      "sleep 100\r\n",
      "^Z[1]+  Stopped                    sleep 100\r\n~ # ",
      "jobs\r\n[1]+  Stopped                    sleep 100\r\n~ # ",
      "sleep 1 &\r\n~ # ",
      "sleep 2\r\n[2]+  Done                       sleep 1\r\n~ # ",
      "jobs -l\r\n[1]+  3 Stopped                  sleep 100\r\n~ # ",
    ]);
  });

  it("^C ends the foreground job and the rest of its line, not the shell", () => {
    expect(session(["sleep 100; echo after\r", "\x03", "echo $?\r"])).toEqual([
      "~ # ",
      "sleep 100; echo after\r\n",
      "^C\r\n~ # ",
      "echo $?\r\n130\r\n~ # ",
    ]);
  });

  it("completes command names and file names with Tab", () => {
    expect(session(["ech\t", "\r", "ls /usr/bin/sle\t\r"])).toEqual([
      "~ # ",
      "echo ",
      "\r\n\r\n~ # ",
      "ls /usr/bin/sleep \r\n/usr/bin/sleep\r\n~ # ",
    ]);
  });
});
