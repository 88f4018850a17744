/** GNU wc's column width (wc.c compute_number_width): digits of the regular files' total size, 7 with any other input. */
import type { Sys } from "../../kernel/api";

export function gnuWcWidth(sys: Sys, files: string[], columns: number): number {
  if (columns === 1 && files.length <= 1) return 1;
  if (files.length === 0) return 7;
  let minimum = 1;
  let total = 0;
  for (const f of files) {
    try {
      const st = f === "-" ? sys.fstat(0) : sys.stat(f);
      if (st.type === "file") total += st.size;
      else minimum = 7;
    } catch {
      // A file that cannot be stat'ed counts for nothing (its error comes when wc opens it).
    }
  }
  return Math.max(minimum, String(total).length);
}
