/**
 * Arithmetic and string expressions as JavaScript or Python evaluates them, for `node -e`,
 * `python3 -c` and their REPLs: numbers, quoted strings, + - * / % ** (and Python's //),
 * parentheses and unary minus. Anything else is not an expression here (null).
 */

export type ExprValue = { kind: "num"; v: number; float: boolean } | { kind: "str"; v: string };

export function evaluate(src: string, lang: "js" | "py"): ExprValue | null {
  const toks = src.match(/\d+\.\d*|\.\d+|\d+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\*\*|\/\/|[-+*/%()]|\S/g) ?? [];
  let i = 0;
  const unquote = (s: string) => s.slice(1, -1).replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\(.)/g, "$1");
  const fail = (): never => {
    throw new Error("not an expression");
  };
  const num = (v: number, float: boolean): ExprValue => ({ kind: "num", v, float });
  function atom(): ExprValue {
    const t = toks[i++] ?? fail();
    if (t === "(") {
      const v = sum();
      if (toks[i++] !== ")") fail();
      return v;
    }
    if (t === "-" || t === "+") {
      const v = power();
      if (v.kind !== "num") fail();
      return t === "-" ? num(-(v as { v: number }).v, (v as { float: boolean }).float) : v;
    }
    if (/^[\d.]/.test(t)) return num(Number(t), t.includes("."));
    if (/^['"]/.test(t)) return { kind: "str", v: unquote(t) };
    return fail();
  }
  function power(): ExprValue {
    const base = atom();
    if (toks[i] !== "**") return base;
    i++;
    const exp = factorUnary();
    if (base.kind !== "num" || exp.kind !== "num") return fail();
    return num(base.v ** exp.v, base.float || exp.float || (lang === "py" && exp.v < 0));
  }
  function factorUnary(): ExprValue {
    return power();
  }
  function product(): ExprValue {
    let v = factorUnary();
    while (["*", "/", "%", "//"].includes(toks[i]) && !(toks[i] === "//" && lang === "js")) {
      const op = toks[i++];
      const r = factorUnary();
      if (v.kind === "str" && r.kind === "num" && op === "*") {
        v = lang === "py" ? { kind: "str", v: v.v.repeat(Math.max(0, r.v)) } : num(Number.NaN, true);
        continue;
      }
      if (v.kind !== "num" || r.kind !== "num") return fail();
      if (lang === "py" && r.v === 0 && op !== "*") return fail();
      if (op === "*") v = num(v.v * r.v, v.float || r.float);
      else if (op === "/") v = num(v.v / r.v, true);
      else if (op === "//") v = num(Math.floor(v.v / r.v), v.float || r.float);
      else v = num(lang === "py" ? v.v - r.v * Math.floor(v.v / r.v) : v.v % r.v, v.float || r.float);
    }
    return v;
  }
  function sum(): ExprValue {
    let v = product();
    while (toks[i] === "+" || toks[i] === "-") {
      const op = toks[i++];
      const r = product();
      if (op === "+" && (v.kind === "str" || r.kind === "str")) {
        if (lang === "py" && (v.kind !== "str" || r.kind !== "str")) return fail();
        v = { kind: "str", v: `${format(v, "js", false)}${format(r, "js", false)}` };
      } else if (v.kind === "num" && r.kind === "num") v = num(op === "+" ? v.v + r.v : v.v - r.v, v.float || r.float);
      else if (lang === "js") v = num(Number.NaN, true);
      else return fail();
    }
    return v;
  }
  try {
    const v = sum();
    return i === toks.length && toks.length > 0 ? v : null;
  } catch {
    return null;
  }
}

/** The value as print()/console.log shows it, or (repr) as the REPL echoes it. */
export function format(v: ExprValue, lang: "js" | "py", repr: boolean): string {
  if (v.kind === "str") return repr ? `'${v.v.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'` : v.v;
  if (Number.isNaN(v.v)) return "NaN";
  if (!Number.isFinite(v.v)) return lang === "py" ? (v.v > 0 ? "inf" : "-inf") : v.v > 0 ? "Infinity" : "-Infinity";
  if (lang === "py" && v.float && Number.isInteger(v.v)) return `${v.v}.0`;
  return String(v.v);
}

/** Splits a call's arguments at top-level commas (quotes and parentheses respected). */
export function splitArguments(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = "";
  let cur = "";
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}
