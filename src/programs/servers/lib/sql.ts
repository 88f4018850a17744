/**
 * The SQL the sandbox's postgres runs: SELECT of expressions (arithmetic, strings, version(),
 * current_user, current_database(), now()), CREATE/DROP TABLE, INSERT ... VALUES, SELECT columns
 * FROM a table, CREATE DATABASE. Errors carry PostgreSQL's messages and the 1-based position psql
 * marks with a caret.
 */
import type { Column, Reply, Store, Value } from "./pg";

interface Tok {
  t: "word" | "num" | "str" | "op";
  v: string;
  pos: number;
}

function tokenize(sql: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s+|--[^\n]*|([A-Za-z_][A-Za-z0-9_]*|"[^"]*")|(\d+(?:\.\d+)?)|'((?:[^']|'')*)'|(<>|!=|<=|>=|\|\||::|[-+*/%(),;=<>.])/y;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < sql.length) {
    const at = re.lastIndex;
    m = re.exec(sql);
    if (!m) {
      out.push({ t: "op", v: sql[at], pos: at + 1 });
      re.lastIndex = at + 1;
      continue;
    }
    if (m[1] !== undefined) out.push({ t: "word", v: m[1].startsWith('"') ? m[1].slice(1, -1) : m[1].toLowerCase(), pos: at + 1 });
    else if (m[2] !== undefined) out.push({ t: "num", v: m[2], pos: at + 1 });
    else if (m[3] !== undefined) out.push({ t: "str", v: m[3].replace(/''/g, "'"), pos: at + 1 });
    else if (m[4] !== undefined) out.push({ t: "op", v: m[4], pos: at + 1 });
  }
  return out;
}

class SqlError extends Error {
  constructor(
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }
}

export interface Session {
  user: string;
  database: string;
  version: string;
  now: () => string;
}

const syntax = (tok: Tok | undefined, sqlLength: number) =>
  tok ? new SqlError(`syntax error at or near "${tok.v}"`, tok.pos) : new SqlError("syntax error at end of input", sqlLength + 1);

class Parser {
  i = 0;
  constructor(
    readonly toks: Tok[],
    readonly len: number,
  ) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  next(): Tok | undefined {
    return this.toks[this.i++];
  }
  is(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.t !== "str" && t.v === v;
  }
  eat(v: string): boolean {
    if (!this.is(v)) return false;
    this.i++;
    return true;
  }
  expect(v: string): void {
    if (!this.eat(v)) throw syntax(this.peek(), this.len);
  }
  name(): Tok {
    const t = this.next();
    if (!t || t.t !== "word") throw syntax(t, this.len);
    return t;
  }
  done(): void {
    this.eat(";");
    if (this.peek()) throw syntax(this.peek(), this.len);
  }
}

type Typed = { v: Value; type: string; name: string };

function expr(p: Parser, s: Session, row?: Record<string, Typed>): Typed {
  let left = term(p, s, row);
  while (p.is("+") || p.is("-") || p.is("||")) {
    const op = p.next()!.v;
    const right = term(p, s, row);
    if (op === "||") left = { v: `${left.v ?? ""}${right.v ?? ""}`, type: "text", name: "?column?" };
    else left = arith(op, left, right);
  }
  return left;
}

function term(p: Parser, s: Session, row?: Record<string, Typed>): Typed {
  let left = factor(p, s, row);
  while (p.is("*") || p.is("/") || p.is("%")) {
    const op = p.next()!.v;
    left = arith(op, left, factor(p, s, row));
  }
  return left;
}

function arith(op: string, a: Typed, b: Typed): Typed {
  if (typeof a.v !== "number" || typeof b.v !== "number") throw new SqlError(`operator does not exist: ${a.type} ${op} ${b.type}`);
  if ((op === "/" || op === "%") && b.v === 0) throw new SqlError("division by zero");
  const int = a.type === "integer" && b.type === "integer";
  const v = op === "+" ? a.v + b.v : op === "-" ? a.v - b.v : op === "*" ? a.v * b.v : op === "/" ? (int ? Math.trunc(a.v / b.v) : a.v / b.v) : a.v % b.v;
  return { v, type: int ? "integer" : "numeric", name: "?column?" };
}

function factor(p: Parser, s: Session, row?: Record<string, Typed>): Typed {
  const t = p.next();
  if (!t) throw syntax(undefined, p.len);
  if (t.t === "num") return { v: Number(t.v), type: t.v.includes(".") ? "numeric" : "integer", name: "?column?" };
  if (t.t === "str") return { v: t.v, type: "text", name: "?column?" };
  if (t.v === "-") {
    const f = factor(p, s, row);
    if (typeof f.v !== "number") throw new SqlError(`operator does not exist: - ${f.type}`);
    return { ...f, v: -f.v, name: "?column?" };
  }
  if (t.v === "(") {
    const e = expr(p, s, row);
    p.expect(")");
    return e;
  }
  if (t.t === "word") {
    const call = p.is("(");
    if (call) {
      p.next();
      p.expect(")");
    }
    switch (t.v) {
      case "true":
      case "false":
        return { v: t.v === "true", type: "boolean", name: "bool" };
      case "null":
        return { v: null, type: "text", name: "?column?" };
      case "version":
        if (call) return { v: s.version, type: "text", name: "version" };
        break;
      case "current_user":
      case "user":
      case "session_user":
        if (!call) return { v: s.user, type: "name", name: t.v };
        break;
      case "current_database":
        if (call) return { v: s.database, type: "name", name: "current_database" };
        break;
      case "now":
        if (call) return { v: s.now(), type: "timestamptz", name: "now" };
        break;
    }
    if (call) throw new SqlError(`function ${t.v}() does not exist`, t.pos);
    if (row && row[t.v]) return row[t.v];
    throw new SqlError(`column "${t.v}" does not exist`, t.pos);
  }
  throw syntax(t, p.len);
}

function typeName(p: Parser): string {
  const t = p.name().v;
  let type = t === "int" || t === "int4" ? "integer" : t === "varchar" ? "character varying" : t;
  if (t === "double") {
    p.expect("precision");
    type = "double precision";
  }
  if (p.eat("(")) {
    while (!p.eat(")")) if (!p.next()) throw syntax(undefined, p.len);
  }
  // Column constraints are accepted and not enforced.
  while (p.peek() && !p.is(",") && !p.is(")")) p.next();
  return type;
}

function literal(p: Parser, s: Session, col: Column): Value {
  const e = expr(p, s);
  if (e.v === null) return null;
  if (["integer", "serial", "bigint", "smallint"].includes(col.type)) {
    const n = Number(e.v);
    if (typeof e.v === "boolean" || !Number.isInteger(n)) throw new SqlError(`invalid input syntax for type integer: "${e.v}"`);
    return n;
  }
  if (col.type === "boolean") return e.v === true || e.v === "t" || e.v === "true";
  return typeof e.v === "boolean" ? (e.v ? "true" : "false") : String(e.v);
}

/** Runs one statement against the store; `changed` tells the server to save it. */
export function runStatement(sql: string, s: Session, store: Store): { reply: Reply; changed: boolean } {
  const p = new Parser(tokenize(sql), sql.length);
  try {
    const first = p.peek();
    if (!first) return { reply: { kind: "command", tag: "" }, changed: false };
    const tables = (store.tables[s.database] ??= {});
    if (p.eat("select")) {
      const items: Array<{ star: true } | { start: number }> = [];
      const starts: number[] = [];
      do {
        if (p.eat("*")) items.push({ star: true });
        else {
          starts.push(p.i);
          items.push({ start: p.i });
          // Skip to the end of this item; it is evaluated once the FROM clause is known.
          let depth = 0;
          while (p.peek() && !(depth === 0 && (p.is(",") || p.is("from") || p.is(";")))) {
            if (p.is("(")) depth++;
            if (p.is(")")) depth--;
            p.next();
          }
        }
      } while (p.eat(","));
      let rows: Array<Record<string, Typed>> = [{}];
      let tableCols: Column[] = [];
      if (p.eat("from")) {
        const nameTok = p.name();
        const table = tables[nameTok.v];
        if (!table) throw new SqlError(`relation "${nameTok.v}" does not exist`, nameTok.pos);
        tableCols = table.columns;
        rows = table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.name, { v: r[i], type: c.type, name: c.name }])));
      }
      p.done();
      const end = p.i;
      const columns: Column[] = [];
      const out: Value[][] = rows.map(() => []);
      for (const item of items) {
        if ("star" in item) {
          if (tableCols.length === 0) throw new SqlError("SELECT * with no tables specified is not valid");
          columns.push(...tableCols);
          rows.forEach((r, i) => {
            out[i].push(...tableCols.map((c) => r[c.name].v));
          });
          continue;
        }
        let col: Column | undefined;
        rows.forEach((r, i) => {
          p.i = item.start;
          const e = expr(p, s, r);
          let name = e.name;
          if (p.eat("as")) name = p.name().v;
          else if (p.peek()?.t === "word" && !p.is("from")) name = p.name().v;
          col ??= { name, type: e.type };
          out[i].push(e.v);
        });
        if (!col) {
          // No rows: still name the column from the expression.
          p.i = item.start;
          try {
            const e = expr(p, s, Object.fromEntries(tableCols.map((c) => [c.name, { v: null, type: c.type, name: c.name }])));
            col = { name: p.eat("as") ? p.name().v : e.name, type: e.type };
          } catch {
            col = { name: "?column?", type: "text" };
          }
        }
        columns.push(col);
      }
      p.i = end;
      return { reply: { kind: "rows", set: { columns, rows: out } }, changed: false };
    }
    if (p.eat("create")) {
      if (p.eat("database")) {
        const name = p.name();
        p.done();
        if (store.databases.includes(name.v)) throw new SqlError(`database "${name.v}" already exists`);
        store.databases.push(name.v);
        return { reply: { kind: "command", tag: "CREATE DATABASE" }, changed: true };
      }
      p.expect("table");
      let ifNotExists = false;
      if (p.eat("if")) {
        p.expect("not");
        p.expect("exists");
        ifNotExists = true;
      }
      const name = p.name();
      p.expect("(");
      const columns: Column[] = [];
      do columns.push({ name: p.name().v, type: typeName(p) });
      while (p.eat(","));
      p.expect(")");
      p.done();
      if (tables[name.v]) {
        if (ifNotExists) return { reply: { kind: "command", tag: "CREATE TABLE" }, changed: false };
        throw new SqlError(`relation "${name.v}" already exists`);
      }
      tables[name.v] = { columns, rows: [], serial: 1 };
      return { reply: { kind: "command", tag: "CREATE TABLE" }, changed: true };
    }
    if (p.eat("drop")) {
      p.expect("table");
      const name = p.name();
      p.done();
      if (!tables[name.v]) throw new SqlError(`table "${name.v}" does not exist`);
      delete tables[name.v];
      return { reply: { kind: "command", tag: "DROP TABLE" }, changed: true };
    }
    if (p.eat("insert")) {
      p.expect("into");
      const name = p.name();
      const table = tables[name.v];
      if (!table) throw new SqlError(`relation "${name.v}" does not exist`, name.pos);
      let targets = table.columns.filter((c) => c.type !== "serial");
      if (p.eat("(")) {
        targets = [];
        do {
          const c = p.name();
          const col = table.columns.find((x) => x.name === c.v);
          if (!col) throw new SqlError(`column "${c.v}" of relation "${name.v}" does not exist`, c.pos);
          targets.push(col);
        } while (p.eat(","));
        p.expect(")");
      }
      p.expect("values");
      const added: Value[][] = [];
      do {
        p.expect("(");
        const vals: Value[] = [];
        do vals.push(literal(p, s, targets[vals.length] ?? { name: "", type: "text" }));
        while (p.eat(","));
        p.expect(")");
        if (vals.length > targets.length) throw new SqlError("INSERT has more expressions than target columns");
        added.push(table.columns.map((c) => {
          const k = targets.indexOf(c);
          if (k >= 0 && k < vals.length) return vals[k];
          return c.type === "serial" ? table.serial++ : null;
        }));
      } while (p.eat(","));
      p.done();
      table.rows.push(...added);
      return { reply: { kind: "command", tag: `INSERT 0 ${added.length}` }, changed: true };
    }
    throw syntax(first, sql.length);
  } catch (e) {
    if (e instanceof SqlError) return { reply: { kind: "error", message: e.message, position: e.position }, changed: false };
    throw e;
  }
}

/** Splits a script into statements at top-level semicolons (quotes respected). */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote = false;
  for (const c of sql) {
    cur += c;
    if (c === "'") quote = !quote;
    else if (c === ";" && !quote) {
      out.push(cur.trim());
      cur = "";
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
