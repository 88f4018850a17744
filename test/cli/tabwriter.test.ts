import { describe, expect, it } from "vitest";
import { dockerTableWriter, TabWriter } from "../../src/cli/tabwriter";
import { runeCount as utf8RuneCount } from "../../src/cli/utf8";

/** UTF-8 bytes of a JS string, one char per byte, as program output is. */
const bytes = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));

type Case = [
  name: string,
  minwidth: number,
  tabwidth: number,
  padding: number,
  padchar: string,
  src: string,
  out: string,
];

// The flag-0 vectors of Go's text/tabwriter tests (src/text/tabwriter/tabwriter_test.go).
const goCases: Case[] = [
  ["1a", 8, 0, 1, ".", "", ""],
  ["1b esc", 8, 0, 1, ".", "\xff\xff", "\xff\xff"],
  ["1c esc", 8, 0, 1, ".", "\xff\t\xff", "\xff\t\xff"],
  ["1d esc", 8, 0, 1, ".", '\xff"foo\t\n\tbar"\xff', '\xff"foo\t\n\tbar"\xff'],
  ["1e esc", 8, 0, 1, ".", "abc\xff\tdef", "abc\xff\tdef"],
  ["2", 8, 0, 1, ".", "\n\n\n", "\n\n\n"],
  ["3", 8, 0, 1, ".", "a\nb\nc", "a\nb\nc"],
  ["4a", 8, 0, 1, ".", "\t", ""],
  ["5", 8, 0, 1, ".", "*\t*", "*.......*"],
  ["5b", 8, 0, 1, ".", "*\t*\n", "*.......*\n"],
  ["5c", 8, 0, 1, ".", "*\t*\t", "*.......*"],
  ["6", 8, 0, 1, ".", "\t\n", "........\n"],
  ["7a", 8, 0, 1, ".", "a) foo", "a) foo"],
  ["7b", 8, 0, 1, " ", "b) foo\tbar", "b) foo  bar"],
  ["7c", 8, 0, 1, ".", "c) foo\tbar\t", "c) foo..bar"],
  ["7d", 8, 0, 1, ".", "d) foo\tbar\n", "d) foo..bar\n"],
  ["7e", 8, 0, 1, ".", "e) foo\tbar\t\n", "e) foo..bar.....\n"],
  ["8", 8, 0, 1, "*", "Hello, world!\n", "Hello, world!\n"],
  ["9a", 1, 0, 0, ".", "1\t2\t3\t4\n11\t222\t3333\t44444\n", "1.2..3...4\n11222333344444\n"],
  ["9c", 1, 0, 0, ".", "1\t2\t3\t4\f11\t222\t3333\t44444\n", "1234\n11222333344444\n"],
  ["10a", 5, 0, 0, ".", "1\t2\t3\t4\n", "1....2....3....4\n"],
  ["10b", 5, 0, 0, ".", "1\t2\t3\t4\t\n", "1....2....3....4....\n"],
  [
    "11",
    8,
    0,
    1,
    ".",
    bytes("本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n"),
    bytes("本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n"),
  ],
  ["12b", 2, 0, 0, " ", "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n", "a  b  c\naa bbbcccc\naaabbbb\n"],
  [
    "12c",
    8,
    0,
    1,
    "_",
    "a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n",
    "a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n",
  ],
  [
    "13a",
    4,
    0,
    1,
    "-",
    bytes(
      "4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
    ),
    bytes(
      "4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n" +
        "666666-666666-666666----4444\n1------1------999999999-0000000000\n",
    ),
  ],
  [
    "13b",
    4,
    0,
    3,
    ".",
    "4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n",
    "4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n" +
      "666666...666666...666666......4444\n1........1........999999999...0000000000\n",
  ],
  ["15a", 4, 0, 0, ".", "a\t\tb", "a.......b"],
  [
    "16a",
    100,
    100,
    0,
    "\t",
    "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
    "a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n",
  ],
];

function run(c: Case, chunk: number): string {
  const [, minwidth, tabwidth, padding, padchar, src] = c;
  const w = new TabWriter(minwidth, tabwidth, padding, padchar);
  let out = "";
  for (let i = 0; i < src.length; i += chunk) {
    w.write(src.slice(i, i + chunk));
  }
  out += w.flush();
  return out;
}

describe("TabWriter: Go's text/tabwriter vectors", () => {
  it.each(goCases)("%s", (...c) => {
    expect(run(c, Number.MAX_SAFE_INTEGER)).toBe(c[6]);
    expect(run(c, 1)).toBe(c[6]);
    expect(run(c, 3)).toBe(c[6]);
  });

  it("tab padding rounds cells up to tab stops (Go's Example_elastic)", () => {
    const w = new TabWriter(0, 8, 0, "\t");
    w.write("a\tb\tc\td\t.\n123\t12345\t1234567\t123456789\t.\n\n");
    expect(w.flush()).toBe("a\tb\tc\td\t\t.\n123\t12345\t1234567\t123456789\t.\n\n");
  });
});

describe("TabWriter: docker tables (minwidth 10, tabwidth 1, padding 3, spaces)", () => {
  const table = (text: string) => {
    const w = dockerTableWriter();
    w.write(text);
    return w.flush();
  };

  it("lays out `docker images` as the real client does", () => {
    expect(
      table(
        "REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\nbusybox\tlatest\t1a43eaf8865d\t3 minutes ago\t1.98MB\n",
      ),
    ).toBe(
      "REPOSITORY   TAG       IMAGE ID       CREATED         SIZE\n" +
        "busybox      latest    1a43eaf8865d   3 minutes ago   1.98MB\n",
    );
  });

  it("pads short headers to the minimum width of 10 (empty `docker ps`)", () => {
    expect(table("CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n")).toBe(
      "CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n",
    );
  });

  it("pads the cell before an empty last cell (`docker context ls`)", () => {
    expect(
      table(
        "NAME\tDESCRIPTION\tDOCKER ENDPOINT\tERROR\n" +
          "default *\tCurrent DOCKER_HOST based configuration\tunix:///var/run/docker.sock\t\n",
      ),
    ).toBe(
      "NAME        DESCRIPTION                               DOCKER ENDPOINT               ERROR\n" +
        "default *   Current DOCKER_HOST based configuration   unix:///var/run/docker.sock   \n",
    );
  });

  it("counts UTF-8 runes, not bytes, for the width", () => {
    expect(table(bytes("NAME\tX\nnaïve\ty\n"))).toBe(bytes("NAME      X\nnaïve     y\n"));
  });
});

describe("utf8RuneCount", () => {
  it("counts like Go's utf8.RuneCountInString", () => {
    expect(utf8RuneCount(bytes("a本é"))).toBe(3);
    expect(utf8RuneCount("\xff\x80a")).toBe(3); // invalid bytes count one each
    expect(utf8RuneCount("\xe6\x9c")).toBe(2); // truncated sequence
    expect(utf8RuneCount("\xc0\x80")).toBe(2); // overlong encoding
  });
});
