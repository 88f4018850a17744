/** Reading input records by RS: a newline, any single character, "" (paragraphs) or a regex. */
import type { Gen, Sys } from "../../../kernel/api";
import { compilePosix, RegexSyntaxError } from "../../lib/posixregex";

/** RS of more than one character is a regular expression (RegexSyntaxError when it does not compile). */
function separatorRegex(rs: string): RegExp {
  const source = compilePosix(rs, true).source;
  try {
    return new RegExp(source, "g");
  } catch {
    throw new RegexSyntaxError("Invalid regular expression");
  }
}

export class RecordReader {
  private buf = "";
  private eof = false;
  constructor(
    private readonly sys: Sys,
    readonly fd: number,
  ) {}

  private *fill(): Gen<boolean> {
    if (this.eof) return false;
    const chunk = yield* this.sys.read(this.fd);
    if (chunk === "") this.eof = true;
    else this.buf += chunk;
    return chunk !== "";
  }

  /** The next record without its terminator, or null at end of input. */
  *next(rs: string): Gen<string | null> {
    if (rs === "") return yield* this.paragraph();
    const re = rs.length === 1 ? null : separatorRegex(rs);
    for (;;) {
      let at = -1;
      let len = 1;
      if (re) {
        re.lastIndex = 0;
        const m = re.exec(this.buf);
        // A match touching the buffer's end might grow with more input.
        if (m && m[0].length > 0 && (m.index + m[0].length < this.buf.length || this.eof)) {
          at = m.index;
          len = m[0].length;
        }
      } else at = this.buf.indexOf(rs);
      if (at >= 0) {
        const rec = this.buf.slice(0, at);
        this.buf = this.buf.slice(at + len);
        return rec;
      }
      if (!(yield* this.fill())) {
        if (this.buf === "") return null;
        const rec = this.buf;
        this.buf = "";
        return rec;
      }
    }
  }

  /** RS="": records are separated by blank lines; leading newlines are skipped. */
  private *paragraph(): Gen<string | null> {
    for (;;) {
      const lead = /^\n+/.exec(this.buf);
      if (lead) this.buf = this.buf.slice(lead[0].length);
      const m = /\n\n+/.exec(this.buf);
      if (m && (m.index + m[0].length < this.buf.length || this.eof)) {
        const rec = this.buf.slice(0, m.index);
        this.buf = this.buf.slice(m.index + m[0].length);
        return rec;
      }
      if (!(yield* this.fill())) {
        if (this.buf === "") return null;
        const rec = this.buf.replace(/\n+$/, "");
        this.buf = "";
        return rec;
      }
    }
  }
}
