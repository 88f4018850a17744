/**
 * The interactive line editor (busybox lineedit's keys): the terminal is in raw mode while a line
 * is typed and restored before the command runs. Input is read a byte at a time so that anything
 * typed ahead after Enter stays in the terminal for the command that runs next.
 */
import type { Gen, Sys, Termios } from "../kernel/api";
import { Errno } from "../kernel/errno";

export type ReadResult = { kind: "line"; text: string } | { kind: "eof" } | { kind: "interrupt" };

/** Supplies completions for the word being typed. */
export type Completer = (line: string, cursor: number) => { start: number; candidates: string[] };

export class LineEditor {
  history: string[] = [];

  constructor(
    private readonly sys: Sys,
    private readonly fdIn = 0,
    private readonly fdOut = 1,
  ) {}

  private *out(s: string): Gen<void> {
    if (s !== "") yield* this.sys.write(this.fdOut, s);
  }

  private *byte(): Gen<string> {
    for (;;) {
      try {
        return yield* this.sys.read(this.fdIn, 1);
      } catch (e) {
        if (e instanceof Errno && e.code === "EINTR") continue;
        if (e instanceof Errno) return "";
        throw e;
      }
    }
  }

  *readLine(prompt: string, complete?: Completer): Gen<ReadResult> {
    let saved: Termios | null = null;
    try {
      saved = this.sys.tcgetattr(this.fdIn);
      this.sys.tcsetattr(this.fdIn, { icanon: false, echo: false, isig: false });
    } catch {
      saved = null;
    }
    try {
      return yield* this.edit(prompt, complete);
    } finally {
      if (saved) {
        try {
          this.sys.tcsetattr(this.fdIn, saved);
        } catch {
          // terminal gone
        }
      }
    }
  }

  private *edit(prompt: string, complete?: Completer): Gen<ReadResult> {
    let line = "";
    let cur = 0;
    let histIndex = this.history.length;
    let draft = "";
    let lastWasTab = false;
    yield* this.out(prompt);

    const redrawFrom = (from: number, erase = 0) => {
      // Rewrite from `from` to the end, blank `erase` old cells, and return the cursor to `cur`.
      const tail = line.slice(from);
      return tail + " ".repeat(erase) + "\b".repeat(tail.length + erase - (cur - from));
    };
    const replaceLine = function* (this: LineEditor, text: string): Gen<void> {
      const old = line.length;
      yield* this.out("\b".repeat(cur));
      line = text;
      cur = text.length;
      const extra = Math.max(0, old - text.length);
      yield* this.out(text + " ".repeat(extra) + "\b".repeat(extra));
    };

    for (;;) {
      const c = yield* this.byte();
      if (c === "") {
        if (line === "") return { kind: "eof" };
        continue;
      }
      const tab = c === "\t";
      switch (c) {
        case "\r":
        case "\n":
          yield* this.out(`${line.slice(cur)}\n`);
          if (line.trim() !== "") this.history.push(line);
          return { kind: "line", text: `${line}\n` };
        case "\x03": // ^C
          yield* this.out(`${line.slice(cur)}^C`);
          return { kind: "interrupt" };
        case "\x04": // ^D
          if (line === "") return { kind: "eof" };
          if (cur < line.length) {
            line = line.slice(0, cur) + line.slice(cur + 1);
            yield* this.out(redrawFrom(cur, 1));
          }
          break;
        case "\x7f":
        case "\b":
          if (cur > 0) {
            line = line.slice(0, cur - 1) + line.slice(cur);
            cur--;
            yield* this.out(`\b${redrawFrom(cur, 1)}`);
          }
          break;
        case "\x01": // ^A
          yield* this.out("\b".repeat(cur));
          cur = 0;
          break;
        case "\x05": // ^E
          yield* this.out(line.slice(cur));
          cur = line.length;
          break;
        case "\x02": // ^B
          if (cur > 0) {
            cur--;
            yield* this.out("\b");
          }
          break;
        case "\x06": // ^F
          if (cur < line.length) yield* this.out(line[cur++]);
          break;
        case "\x15": {
          // ^U: kill to start
          const n = cur;
          line = line.slice(cur);
          yield* this.out("\b".repeat(n));
          cur = 0;
          yield* this.out(redrawFrom(0, n));
          break;
        }
        case "\x0b": {
          // ^K: kill to end
          const n = line.length - cur;
          line = line.slice(0, cur);
          yield* this.out(" ".repeat(n) + "\b".repeat(n));
          break;
        }
        case "\x17": {
          // ^W: delete the word before the cursor
          let s = cur;
          while (s > 0 && line[s - 1] === " ") s--;
          while (s > 0 && line[s - 1] !== " ") s--;
          const n = cur - s;
          line = line.slice(0, s) + line.slice(cur);
          yield* this.out("\b".repeat(n));
          cur = s;
          yield* this.out(redrawFrom(s, n));
          break;
        }
        case "\x0c": // ^L
          yield* this.out(`\x1b[H\x1b[J${prompt}${line}${"\b".repeat(line.length - cur)}`);
          break;
        case "\x1b": {
          const key = yield* this.escape();
          if (key === "left" && cur > 0) {
            cur--;
            yield* this.out("\b");
          } else if (key === "right" && cur < line.length) {
            yield* this.out(line[cur++]);
          } else if (key === "home") {
            yield* this.out("\b".repeat(cur));
            cur = 0;
          } else if (key === "end") {
            yield* this.out(line.slice(cur));
            cur = line.length;
          } else if (key === "delete" && cur < line.length) {
            line = line.slice(0, cur) + line.slice(cur + 1);
            yield* this.out(redrawFrom(cur, 1));
          } else if (key === "up" && histIndex > 0) {
            if (histIndex === this.history.length) draft = line;
            histIndex--;
            yield* replaceLine.call(this, this.history[histIndex]);
          } else if (key === "down" && histIndex < this.history.length) {
            histIndex++;
            yield* replaceLine.call(
              this,
              histIndex === this.history.length ? draft : this.history[histIndex],
            );
          }
          break;
        }
        case "\t": {
          if (!complete) break;
          const { start, candidates } = complete(line, cur);
          const word = line.slice(start, cur);
          if (candidates.length === 0) break;
          let common = candidates[0];
          for (const cand of candidates) {
            let k = 0;
            while (k < common.length && k < cand.length && common[k] === cand[k]) k++;
            common = common.slice(0, k);
          }
          if (candidates.length === 1) {
            const only = candidates[0];
            common = only.endsWith("/") ? only : `${only} `;
          }
          if (common.length > word.length) {
            const ins = common.slice(word.length);
            line = line.slice(0, cur) + ins + line.slice(cur);
            cur += ins.length;
            yield* this.out(ins + redrawFrom(cur));
          } else if (lastWasTab && candidates.length > 1) {
            yield* this.out(
              `${line.slice(cur)}\n${columns(candidates, this.width())}${prompt}${line}${"\b".repeat(line.length - cur)}`,
            );
          }
          break;
        }
        default:
          if (c >= " " || c.charCodeAt(0) >= 0x80) {
            line = line.slice(0, cur) + c + line.slice(cur);
            cur++;
            yield* this.out(c + redrawFrom(cur));
          }
      }
      lastWasTab = tab;
    }
  }

  private width(): number {
    try {
      return this.sys.winsize(this.fdOut).cols || 80;
    } catch {
      return 80;
    }
  }

  /** After ESC: decodes CSI/SS3 sequences into key names. */
  private *escape(): Gen<string> {
    const c = yield* this.byte();
    if (c !== "[" && c !== "O") return "";
    let params = "";
    for (;;) {
      const d = yield* this.byte();
      if (d === "") return "";
      if (/[0-9;]/.test(d)) {
        params += d;
        continue;
      }
      switch (d) {
        case "A":
          return "up";
        case "B":
          return "down";
        case "C":
          return "right";
        case "D":
          return "left";
        case "H":
          return "home";
        case "F":
          return "end";
        case "~":
          return params === "1" || params === "7"
            ? "home"
            : params === "4" || params === "8"
              ? "end"
              : params === "3"
                ? "delete"
                : "";
        default:
          return "";
      }
    }
  }
}

/** Lays names out in columns the way busybox lineedit lists completions. */
function columns(names: string[], width: number): string {
  const colWidth = Math.max(...names.map((n) => n.length)) + 2;
  const cols = Math.max(1, Math.floor(width / colWidth));
  const rows = Math.ceil(names.length / cols);
  let out = "";
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < cols; c++) {
      const n = names[c * rows + r];
      if (n === undefined) continue;
      line += c * rows + r + rows < names.length ? n.padEnd(colWidth) : n;
    }
    out += `${line}\n`;
  }
  return out;
}
