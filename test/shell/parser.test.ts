import { describe, expect, it } from "vitest";
import type { Command, SimpleCommand } from "../../src/shell/ast";
import { NeedMoreInput, Parser, parse, ShellSyntaxError } from "../../src/shell/parser";

function syntaxError(src: string): string {
  try {
    parse(src, 0);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return `syntax error: ${e.message}`;
    throw e;
  }
  return "ok";
}

describe("syntax errors, worded as busybox ash 1.35 words them", () => {
  // Each expectation was produced by `busybox sh -n -c <script>`.
  const cases: [string, string][] = [
    ["if true; then", 'unexpected end of file (expecting "fi")'],
    ["{ echo", 'unexpected end of file (expecting "}")'],
    ["echo |", "unexpected end of file"],
    ["&& echo", 'unexpected "&&"'],
    ["echo a;;", 'unexpected ";;"'],
    ["for 1 in x; do :; done", "bad for loop variable"],
    ["for", "bad for loop variable"],
    ["case a in b", 'unexpected end of file (expecting ")")'],
    ["case x", 'unexpected end of file (expecting "in")'],
    ["echo <", "unexpected end of file"],
    ["(", 'unexpected end of file (expecting ")")'],
    ["()", 'unexpected ")"'],
    ["while true", 'unexpected end of file (expecting "do")'],
    ["if then fi", 'unexpected "then"'],
    ["echo a | | b", 'unexpected "|"'],
    ["echo a; ; b", 'unexpected ";"'],
    ["! ! true", 'unexpected "!"'],
    ["{ echo a; }}", 'unexpected end of file (expecting "}")'],
    ["echo ${x", "missing '}'"],
    ['echo "${x:-a}', "unterminated quoted string"],
    ["echo 'abc", "unterminated quoted string"],
    ["echo $(echo", 'unexpected end of file (expecting ")")'],
    ["echo a &&", "unexpected end of file"],
    ["echo `", "EOF in backquote substitution"],
    ["echo $((1+2)", "missing '))'"],
    ["if true; then echo; else; fi", 'unexpected ";"'],
    ["case x in x) ;; *) echo no", 'unexpected end of file (expecting ";;")'],
    ["do", 'unexpected "do"'],
    ["for x in a b; echo", 'unexpected word (expecting "do")'],
    ["(echo) foo", "unexpected word"],
    ["case x in x) echo a fi", 'unexpected end of file (expecting ";;")'],
    ["case x in x) echo a; fi", 'unexpected "fi" (expecting ";;")'],
    ["case x in ;;", 'unexpected end of file (expecting ")")'],
    ["for x;", 'unexpected end of file (expecting "do")'],
    ["a=(1 2)", 'unexpected "("'],
    ["echo (", 'unexpected end of file (expecting ")")'],
    ["echo a)", 'unexpected ")"'],
    ["fi", 'unexpected "fi"'],
    ["f() { echo x; }; f() ;", 'unexpected ";"'],
    ["echo ${x/", "missing '}'"],
    ["f() echo", "ok"],
    ["echo }", "ok"],
    ["echo {", "ok"],
    ["cat <<EOF", "ok"],
  ];
  for (const [src, msg] of cases) {
    it(src, () => expect(syntaxError(src)).toBe(msg === "ok" ? "ok" : `syntax error: ${msg}`));
  }
});

function simple(c: Command | undefined): SimpleCommand {
  if (!c || c.type !== "simple") throw new Error(`not a simple command: ${JSON.stringify(c)}`);
  return c;
}

describe("words and quoting", () => {
  it("keeps quoting as structure", () => {
    const [c] = parse(`echo a'b c'"d $x e"\\*`);
    expect(simple(c).words[1]).toEqual({
      parts: [
        { type: "lit", value: "a", quoted: false },
        { type: "lit", value: "b cd ", quoted: true },
        { type: "param", name: "x", op: "", colon: false, quoted: true },
        { type: "lit", value: " e*", quoted: true },
      ],
    });
  });

  it("keeps an empty quoted word", () => {
    const [c] = parse(`echo ""`);
    expect(simple(c).words[1]).toEqual({ parts: [{ type: "lit", value: "", quoted: true }] });
  });

  it("decodes $'...'", () => {
    const [c] = parse(`echo $'a\\tb\\x41\\n\\''`);
    expect(simple(c).words[1]).toEqual({ parts: [{ type: "lit", value: "a\tbA\n'", quoted: true }] });
  });

  it("parses parameter operators", () => {
    const [c] = parse("echo ${x:-d} ${#y} ${z%%*.c} ${w/a/b} ${v:1:2} ${#} ${##}");
    const ops = simple(c)
      .words.slice(1)
      .map((w) => {
        const p = w.parts[0];
        return p.type === "param" ? `${p.name}:${p.colon ? ":" : ""}${p.op}` : "?";
      });
    expect(ops).toEqual(["x::-", "y:len", "z:%%", "w:/", "v:substr", "#:", "#:len"]);
  });

  it("defers a bad substitution to expansion time", () => {
    const [c] = parse("echo ${1a}");
    expect(simple(c).words[1].parts[0]).toMatchObject({ type: "param", op: "bad" });
  });

  it("splits assignments from arguments", () => {
    const [c] = parse("A=1 B=x$y cmd C=2");
    const s = simple(c);
    expect(s.assigns.map((a) => a.name)).toEqual(["A", "B"]);
    expect(s.words.length).toBe(2);
  });

  it("line continuation joins words", () => {
    const [c] = parse("ec\\\nho hi");
    expect(simple(c).words[0]).toEqual({ parts: [{ type: "lit", value: "echo", quoted: false }] });
  });
});

describe("commands", () => {
  it("parses redirections with fds", () => {
    const [c] = parse("cmd 2>&1 >out <in 3<>rw 2>>log &>all <&- 10>x");
    expect(simple(c).redirs.map((r) => `${r.fd}${r.op}`)).toEqual([
      "2>&",
      "1>",
      "0<",
      "3<>",
      "2>>",
      "1&>",
      "0<&",
      "10>",
    ]);
  });

  it("reads here-documents after the line", () => {
    const cmds = parse("cat <<EOF; cat <<-'X'\nhello $y\nEOF\n\tquoted $z\n\tX\necho done\n");
    expect(cmds.length).toBe(2);
    const list = cmds[0];
    if (list.type !== "list") throw new Error("expected list");
    const first = simple(list.items[0].cmd).redirs[0];
    expect(first.heredocQuoted).toBe(false);
    expect(first.target.parts.map((p) => p.type)).toEqual(["lit", "param", "lit"]);
    const second = simple(list.items[1].cmd).redirs[0];
    expect(second.target).toEqual({ parts: [{ type: "lit", value: "quoted $z\n", quoted: true }] });
  });

  it("parses compound commands and functions", () => {
    const cmds = parse(
      "if a; then b; elif c; then d; else e; fi\nfor i in 1 2; do :; done\nwhile x; do y; done\ncase $v in a|b) z;; (*) w;; esac\nf() { g; }\n(sub) &",
    );
    expect(cmds.map((c) => c.type)).toEqual(["if", "for", "while", "case", "funcdef", "list"]);
  });

  it("records line numbers of simple commands", () => {
    const cmds = parse("a\n\nb\nf() {\n  c\n}\n", 1);
    expect(simple(cmds[0]).line).toBe(1);
    expect(simple(cmds[1]).line).toBe(3);
    const f = cmds[2];
    if (f.type !== "funcdef" || f.body.type !== "group") throw new Error("expected function");
    expect(simple(f.body.body).line).toBe(5);
  });

  it("asks for more input when a command is incomplete", () => {
    const p = new Parser("if true\n", { more: true });
    expect(() => p.parseCommandLine()).toThrow(NeedMoreInput);
    const q = new Parser("echo a\necho b", { more: true });
    expect(q.parseCommandLine()).not.toBeNull();
    expect(q.consumed).toBe(7);
  });

  it("expands aliases in command position", () => {
    const aliases = new Map([
      ["ll", "ls -l "],
      ["x", "echo"],
    ]);
    const c = new Parser("ll x", { aliases }).parseCommandLine();
    expect(
      simple(c as Command).words.map((w) => (w.parts[0].type === "lit" ? w.parts[0].value : "?")),
    ).toEqual(["ls", "-l", "echo"]);
  });
});
