/**
 * stdio-like buffered output: line-buffered on a terminal, fully buffered otherwise. Programs that
 * mix stdout with error messages on stderr use it so both appear in the order the real tool's would.
 */
import type { Gen, Sys } from "../../kernel/api";

const BUFSIZ = 4096;

export class BufferedOut {
  private buf = "";
  private readonly lineBuffered: boolean;
  constructor(
    private readonly sys: Sys,
    private readonly fd = 1,
  ) {
    this.lineBuffered = sys.isatty(fd);
  }

  *put(text: string): Gen<void> {
    this.buf += text;
    if (this.lineBuffered) {
      const nl = this.buf.lastIndexOf("\n");
      if (nl >= 0) {
        const chunk = this.buf.slice(0, nl + 1);
        this.buf = this.buf.slice(nl + 1);
        yield* this.sys.write(this.fd, chunk);
      }
    } else if (this.buf.length >= BUFSIZ) {
      const n = this.buf.length - (this.buf.length % BUFSIZ);
      const chunk = this.buf.slice(0, n);
      this.buf = this.buf.slice(n);
      yield* this.sys.write(this.fd, chunk);
    }
  }

  *flush(): Gen<void> {
    if (this.buf === "") return;
    const chunk = this.buf;
    this.buf = "";
    yield* this.sys.write(this.fd, chunk);
  }
}
