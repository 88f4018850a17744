/**
 * A function definition as bash's print_cmd.c writes it for `type` and `declare -f`: "name () ",
 * the body's braces on lines of their own, one command per line indented by four, ";" after each
 * but the last of a block, if/for/while/case spread over lines. Words are rebuilt from the syntax
 * tree (the parser does not keep their spelling): '...' quotes come back as "...".
 */
import type { Command, Redir } from "./ast";
import { deparse, word } from "./deparse";

const STEP = 4;

class Printer {
  out = "";
  indentation = 0;
  skipIndent = 0;

  put(s: string) {
    this.out += s;
  }

  /** semicolon(): a ";" unless the text just ended a line or a background command. */
  semicolon() {
    const last = this.out[this.out.length - 1];
    if (this.out.length > 0 && (last === "&" || last === "\n")) return;
    this.put(";");
  }

  newline(s = "") {
    this.put(`\n${" ".repeat(this.indentation)}${s}`);
  }

  redirs(rs: Redir[]) {
    for (const r of rs) {
      const def = r.op.startsWith("<") ? 0 : 1;
      const fd = r.fd === def || r.op === "&>" ? "" : String(r.fd);
      if (r.op === "<<" || r.op === "<<-") this.put(` ${fd}${r.op}...`);
      else if (r.op === "<&" || r.op === ">&") this.put(` ${fd}${r.op}${word(r.target)}`);
      else this.put(` ${fd}${r.op} ${word(r.target)}`);
    }
  }

  command(c: Command) {
    if (this.skipIndent > 0) this.skipIndent--;
    else this.put(" ".repeat(this.indentation));
    switch (c.type) {
      case "simple":
        this.put([...c.assigns.map((a) => `${a.name}${a.append ? "+" : ""}=${word(a.value)}`), ...c.words.map(word)].join(" "));
        this.redirs(c.redirs);
        return;
      case "cond":
        this.put(deparse({ ...c, redirs: [] }));
        this.redirs(c.redirs);
        return;
      case "pipeline":
        if (c.negate) this.put("! ");
        c.cmds.forEach((p, i) => {
          if (i > 0) this.put(" | ");
          this.skipIndent++;
          this.command(p);
        });
        return;
      case "and":
      case "or":
        this.skipIndent++;
        this.command(c.left);
        this.put(c.type === "and" ? " && " : " || ");
        this.skipIndent++;
        this.command(c.right);
        return;
      case "list":
        c.items.forEach((item, i) => {
          if (i > 0) {
            const prev = c.items[i - 1];
            if (prev.async) {
              this.put(" ");
              this.skipIndent++;
            } else this.put(";\n");
          } else this.skipIndent++;
          this.command(item.cmd);
          if (item.async) this.put(" &");
        });
        return;
      case "subshell":
        this.put("( ");
        this.skipIndent++;
        this.command(c.body);
        this.put(" )");
        this.redirs(c.redirs);
        return;
      case "group":
        this.put("{ \n");
        this.indentation += STEP;
        this.command(c.body);
        this.put("\n");
        this.indentation -= STEP;
        this.put(`${" ".repeat(this.indentation)}}`);
        this.redirs(c.redirs);
        return;
      case "if": {
        // bash keeps elif as an if inside the else part, and prints it so.
        const [first, ...rest] = c.clauses;
        const elseBody: Command | null = rest.length ? { type: "if", clauses: rest, elseBody: c.elseBody, redirs: [] } : c.elseBody;
        this.put("if ");
        this.skipIndent++;
        this.command(first.cond);
        this.semicolon();
        this.put(" then\n");
        this.indentation += STEP;
        this.command(first.body);
        this.indentation -= STEP;
        if (elseBody) {
          this.semicolon();
          this.newline("else\n");
          this.indentation += STEP;
          this.command(elseBody);
          this.indentation -= STEP;
        }
        this.semicolon();
        this.newline("fi");
        this.redirs(c.redirs);
        return;
      }
      case "while":
      case "until":
        this.put(`${c.type} `);
        this.skipIndent++;
        this.command(c.cond);
        this.semicolon();
        this.put(" do\n");
        this.indentation += STEP;
        this.command(c.body);
        this.indentation -= STEP;
        this.semicolon();
        this.newline("done");
        this.redirs(c.redirs);
        return;
      case "for":
        this.put(`for ${c.name} in ${c.words ? c.words.map(word).join(" ") : '"$@"'};`);
        this.newline("do\n");
        this.indentation += STEP;
        this.command(c.body);
        this.semicolon();
        this.indentation -= STEP;
        this.newline("done");
        this.redirs(c.redirs);
        return;
      case "case":
        this.put(`case ${word(c.word)} in `);
        this.indentation += STEP;
        for (const item of c.items) {
          this.newline(`${item.patterns.map(word).join(" | ")})\n`);
          this.indentation += STEP;
          if (item.body) this.command(item.body);
          else this.skipIndent = 0;
          this.indentation -= STEP;
          this.newline(";;");
        }
        this.indentation -= STEP;
        this.newline("esac");
        this.redirs(c.redirs);
        return;
      case "funcdef":
        this.put(`${c.name} () \n`);
        this.put(" ".repeat(this.indentation));
        this.skipIndent++;
        this.command(c.body);
        return;
    }
  }
}

/** named_function_string(): the definition of function NAME with body BODY. */
export function functionText(name: string, body: Command): string {
  const p = new Printer();
  p.put(`${name} () \n`);
  p.skipIndent++;
  p.command(body);
  return p.out;
}
