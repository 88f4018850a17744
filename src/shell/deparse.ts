/** Turns syntax trees back into text, as ash's cmdtxt does for job listings. */
import type { Command, CondExpr, Redir, Word, WordPart } from "./ast";

function part(p: WordPart): string {
  switch (p.type) {
    case "lit":
      return p.quoted ? p.value.replace(/[\\$`"]/g, "\\$&") : p.value;
    case "param": {
      const sub =
        p.subscript === undefined
          ? ""
          : `[${typeof p.subscript === "string" ? p.subscript : word(p.subscript)}]`;
      const name = p.name + sub;
      if (p.op === "")
        return sub === "" && !(/^[A-Za-z_]/.test(p.name) && p.name.length > 1) ? `$${p.name}` : `\${${name}}`;
      if (p.op === "len") return `\${#${name}}`;
      if (p.op === "keys" || p.op === "indirect") return `\${!${name}}`;
      if (p.op === "bad") return `\${${p.text ?? ""}}`;
      const arg = p.arg ? word(p.arg) : "";
      if (p.op === "substr") return `\${${name}:${arg}${p.arg2 ? `:${word(p.arg2)}` : ""}}`;
      if (p.op === "/" || p.op === "//") return `\${${name}${p.op}${arg}/${p.arg2 ? word(p.arg2) : ""}}`;
      return `\${${name}${p.colon ? ":" : ""}${p.op}${arg}}`;
    }
    case "cmdsub":
      return `$(${p.body ? deparse(p.body) : ""})`;
    case "arith":
      return `$((${word(p.expr)}))`;
  }
}

export function word(w: Word): string {
  let out = "";
  let inQuote = false;
  for (const p of w.parts) {
    if (p.quoted !== inQuote) {
      out += '"';
      inQuote = p.quoted;
    }
    out += part(p);
  }
  if (inQuote) out += '"';
  return out;
}

function redirs(rs: Redir[]): string {
  return rs
    .map((r) => {
      const def = r.op.startsWith("<") ? 0 : 1;
      const fd = r.fd === def || r.op === "&>" ? "" : String(r.fd);
      if (r.op === "<<" || r.op === "<<-") return ` ${fd}${r.op}...`;
      return ` ${fd}${r.op}${word(r.target)}`;
    })
    .join("");
}

function cond(e: CondExpr): string {
  switch (e.kind) {
    case "and":
      return `${cond(e.left)} && ${cond(e.right)}`;
    case "or":
      return `${cond(e.left)} || ${cond(e.right)}`;
    case "not":
      return `! ${cond(e.expr)}`;
    case "unary":
      return `${e.op} ${word(e.arg)}`;
    case "binary":
      return `${word(e.left)} ${e.op} ${word(e.right)}`;
    case "word":
      return word(e.word);
  }
}

export function deparse(c: Command): string {
  switch (c.type) {
    case "cond":
      return `[[ ${cond(c.expr)} ]]${redirs(c.redirs)}`;
    case "simple":
      return (
        [...c.assigns.map((a) => `${a.name}=${word(a.value)}`), ...c.words.map(word)].join(" ") +
        redirs(c.redirs)
      );
    case "pipeline":
      return (c.negate ? "! " : "") + c.cmds.map(deparse).join(" | ");
    case "and":
      return `${deparse(c.left)} && ${deparse(c.right)}`;
    case "or":
      return `${deparse(c.left)} || ${deparse(c.right)}`;
    case "list":
      return c.items.map((i) => deparse(i.cmd) + (i.async ? " &" : "")).join("; ");
    case "subshell":
      return `(${deparse(c.body)})${redirs(c.redirs)}`;
    case "group":
      return `{ ${deparse(c.body)}; }${redirs(c.redirs)}`;
    case "if": {
      let s = "";
      c.clauses.forEach((cl, i) => {
        s += `${i === 0 ? "if" : "; elif"} ${deparse(cl.cond)}; then ${deparse(cl.body)}`;
      });
      if (c.elseBody) s += `; else ${deparse(c.elseBody)}`;
      return `${s}; fi${redirs(c.redirs)}`;
    }
    case "while":
    case "until":
      return `${c.type} ${deparse(c.cond)}; do ${deparse(c.body)}; done${redirs(c.redirs)}`;
    case "for":
      return `for ${c.name}${c.words ? ` in ${c.words.map(word).join(" ")}` : ""}; do ${deparse(c.body)}; done${redirs(c.redirs)}`;
    case "case":
      return `case ${word(c.word)} in ${c.items
        .map((it) => `${it.patterns.map(word).join("|")}) ${it.body ? deparse(it.body) : ""};;`)
        .join(" ")} esac${redirs(c.redirs)}`;
    case "funcdef":
      return `${c.name}() ${deparse(c.body)}`;
  }
}
