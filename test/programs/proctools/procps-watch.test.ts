/**
 * procps-ng 4.0.2's watch on the Debian host, in a 60x10 terminal: the bytes ncurses sends, as
 * recorded from the real watch under script(1) on a machine named "vm" (the sandbox is renamed so).
 */
import { describe, expect, it } from "vitest";
import { layout } from "../../../src/programs/proctools/procps/watch";
import { Sandbox } from "../../../src/session/sandbox";

function session(): { s: Sandbox; output: () => string } {
  const s = Sandbox.create({ rows: 10, cols: 60, tickBudgetMs: Infinity });
  let out = "";
  s.onOutput((b) => {
    out += new TextDecoder().decode(b);
  });
  // The machine the real watch was recorded on is called "vm".
  type(s, "hostname vm\r");
  expect(out.endsWith("hostname vm\r\nroot@vm:~# ")).toBe(true);
  out = "root@vm:~# ";
  return { s, output: () => out.replace(/\r\n/g, "\n") };
}

function type(s: Sandbox, keys: string, seconds = 0.1) {
  s.input(keys);
  for (let t = 0; t < seconds * 10; t++) s.tick(100);
}

const ENTER = "\x1b[?1049h\x1b[22;0;0t\x1b[1;10r\x1b(B\x1b[m\x1b[4l\x1b[?7h";
const LEAVE = "\x1b[10;1H\x1b[?1049l\x1b[23;0;0t\r\x1b[?1l\x1b>";

describe("watch (procps-ng 4.0.2)", () => {
  it("draws the header, a blank line and the output, then only what changed; Ctrl-C leaves with status 0", () => {
    const { s, output } = session();
    type(s, "watch -n 1 date\r", 2.05);
    type(s, "\x03");
    type(s, "echo status $?\r");
    expect(output()).toBe(
      `root@vm:~# watch -n 1 date\n${ENTER}\x1b[H\x1b[2JEvery 1.0s: date\x1b[1;33Hvm: Thu Jan 15 09:00:00 2026\x1b[3;1HThu Jan 15 09:00:00 UTC 2026\x1b[10;60H` +
        "\x1b[1;55H1\x1b[3;19H1\x1b[10;60H\x1b[1;55H2\x1b[3;19H2\x1b[10;60H" +
        `^C${LEAVE}root@vm:~# echo status $?\nstatus 0\nroot@vm:~# `,
    );
  });

  it("-t: no header; the cursor moves as ncurses moves it (row address and backspace)", () => {
    const { s, output } = session();
    type(s, "watch -t -n 0.5 'echo a; echo bb'\r", 1);
    type(s, "\x03");
    expect(output()).toBe(`root@vm:~# watch -t -n 0.5 'echo a; echo bb'\n${ENTER}\x1b[H\x1b[2Ja\x1b[2d\bbb\x1b[10;60H^C${LEAVE}root@vm:~# `);
  });

  it("redraws gaps by column address or absolute moves, tabs as blanks, a shorter line with el", () => {
    const { s, output } = session();
    type(s, `watch -t -n 5 'echo "a       b   c                     d"; echo; echo "   xyz"; printf "\\tT\\n"'\r`, 0.5);
    type(s, "\x03");
    expect(output()).toContain(`${ENTER}\x1b[H\x1b[2Ja\x1b[9Gb   c\x1b[1;35Hd\x1b[3;4Hxyz\x1b[4d  T\x1b[10;60H^C${LEAVE}`);
    const second = session();
    type(second.s, "watch -t -n 1 'if [ -e /tmp/flag ]; then echo short; else echo a much longer line here; touch /tmp/flag; fi; echo \"  second\"'\r", 1.5);
    type(second.s, "\x03");
    expect(second.output()).toContain(`${ENTER}\x1b[H\x1b[2Ja much longer line here\x1b[2;3Hsecond\x1b[10;60H\x1b[Hshort\x1b[K\x1b[10;60H^C${LEAVE}`);
  });

  it("a short gap to the right part is a column address; the next row after a carriage return", () => {
    const { s, output } = session();
    type(s, "watch -n 1 'date; echo hi'\r", 0.5);
    type(s, "\x03");
    expect(output()).toContain(
      `${ENTER}\x1b[H\x1b[2JEvery 1.0s: date; echo hi\x1b[33Gvm: Thu Jan 15 09:00:00 2026\x1b[3;1HThu Jan 15 09:00:00 UTC 2026\r\x1b[4dhi\x1b[10;60H^C${LEAVE}`,
    );
  });

  it("-x runs the words without a shell; a command that cannot run says so on the screen", () => {
    const { s, output } = session();
    type(s, "watch -n 1 -x nosuchcmd\r", 0.5);
    type(s, "\x03");
    expect(output()).toContain(
      `${ENTER}\x1b[H\x1b[2JEvery 1.0s: nosuchcmd\x1b[1;33Hvm: Thu Jan 15 09:00:00 2026\x1b[3;1Hwatch: unable to execute 'nosuchcmd': No such file or direct\x1b[4;1Hory\x1b[10;60H^C${LEAVE}`,
    );
  });

  it("bad intervals, a missing command and unknown options: messages and usage on stderr, status 1", () => {
    const { s, output } = session();
    type(s, "watch -n abc date; echo $?\r");
    type(s, "watch 2>/dev/null; echo $?\r");
    type(s, "watch -y date 2>&1 | head -3; watch --help | tail -1\r", 1);
    type(s, "watch -v; TERM= watch date; echo $?\r", 1);
    expect(output()).toBe(
      [
        "root@vm:~# watch -n abc date; echo $?",
        "watch: failed to parse argument: 'abc': Invalid argument",
        "1",
        "root@vm:~# watch 2>/dev/null; echo $?",
        "1",
        "root@vm:~# watch -y date 2>&1 | head -3; watch --help | tail -1",
        "watch: invalid option -- 'y'",
        "",
        "Usage:",
        "For more details see watch(1).",
        "root@vm:~# watch -v; TERM= watch date; echo $?",
        "watch from procps-ng 4.0.2",
        "Error opening terminal: unknown.",
        "1",
        "root@vm:~# ",
      ].join("\n"),
    );
  });
});

describe("watch's screen layout (run_command)", () => {
  it("wraps at the width, swallows the newline of a line that filled it, expands tabs, -w cuts", () => {
    expect(layout("abcdefghij\nxy\tz\n", 5, 3, true)).toEqual(["abcde", "fghij", "xy   "]);
    expect(layout("xy\tz\n\tA\n", 10, 3, true)).toEqual(["xy      z ", "        A ", "          "]);
    expect(layout("abcde\nf\n", 5, 3, true)).toEqual(["abcde", "f    ", "     "]);
    expect(layout("abcdefghij\nxy\n", 5, 3, false)).toEqual(["abcde", "xy   ", "     "]);
    expect(layout("a\x07b\n", 4, 1, true)).toEqual(["ab  "]);
  });
});
