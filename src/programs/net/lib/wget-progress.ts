/**
 * GNU Wget 1.21's numbers and progress displays: the bar it draws on a terminal (progress.c
 * create_image), the dots it prints otherwise (one dot a KiB, 50 a row), sizes and rates.
 */

const UNITS = ["", "K", "M", "G", "T"];

/** "Length: 168894 (165K)": human_readable with one decimal under 10. */
export function humanSize(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return v < 10 ? `${v.toFixed(1)}${UNITS[u]}` : `${Math.round(v)}${UNITS[u]}`;
}

/** The retrieval rate of the summary line: "1.35 MB/s", "214 KB/s". */
export function retrRate(bytes: number, secs: number): string {
  let rate = bytes / Math.max(secs, 1e-6);
  let u = 0;
  while (rate >= 1024 && u < 3) {
    rate /= 1024;
    u++;
  }
  return `${rate.toFixed(rate >= 99.95 ? 0 : rate >= 9.995 ? 1 : 2)} ${["B/s", "KB/s", "MB/s", "GB/s"][u]}`;
}

/** print_decimal: a short duration with as many decimals as its first digit needs ("0", "0.004"). */
function shortDecimal(secs: number): string {
  if (secs < 0.0005) return "0";
  return secs.toFixed(secs < 0.005 ? 3 : secs < 0.05 ? 2 : 1).replace(/\.?0+$/, "");
}

/** eta_to_human_short, condensed: "5s", "2m3s", "1h2m". */
function shortTime(secs: number): string {
  const s = Math.floor(secs);
  if (s < 100) return `${s}s`;
  if (s < 100 * 60) return `${Math.floor(s / 60)}m${s % 60}s`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

/** The bar's size column: bytes under 1 KiB, else two decimals and a unit ("164.94K"). */
function barSize(n: number): string {
  if (n < 1024) return String(n);
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(2)}${UNITS[u]}`;
}

/** One image of the bar for a terminal `cols` wide; `secs` is the download time once done. */
export function barImage(name: string, bytes: number, total: number | undefined, cols: number, secs?: number): string {
  const width = cols - 1;
  const nameCols = Math.floor(width / 4);
  const barCols = Math.max(width - (nameCols + 1 + 4 + 2 + 8 + 10 + 15), 0);
  const label = name.length > nameCols ? name.slice(0, nameCols) : name.padEnd(nameCols);
  let image = `${label} `;
  if (total !== undefined && total > 0) {
    const percent = Math.floor((100 * bytes) / total);
    const filled = Math.floor((barCols * bytes) / total);
    image += `${String(percent).padStart(3)}%[${filled > 0 ? `${"=".repeat(filled - 1)}>` : ""}${" ".repeat(barCols - filled)}]`;
  } else if (total === 0) image += `100%[${"=".repeat(Math.max(barCols - 1, 0))}>]`;
  else image += `    [${"<=>".padEnd(barCols)}]`;
  image += ` ${barSize(bytes).padStart(7)}  --.-KB/s`;
  image += secs === undefined ? " ".repeat(15) : `    in ${shortDecimal(secs)}s`.padEnd(15);
  return image;
}

const ROW_KB = 50;

/** The dots display of a finished download: rows of 50 KiB, each with its percentage and rate. */
export function dotRows(bytes: number, total: number | undefined, secs: number): string {
  const kb = Math.floor(bytes / 1024);
  const rows = Math.max(Math.ceil(kb / ROW_KB), 1);
  const rowSecs = secs / rows;
  let text = "";
  for (let r = 0; r < rows; r++) {
    const first = r * ROW_KB;
    const dots = Math.min(kb - first, ROW_KB);
    let line = `${String(first).padStart(6)}K`;
    for (let d = 0; d < ROW_KB; d++) {
      if (d % 10 === 0) line += " ";
      line += d < dots ? "." : " ";
    }
    const last = r === rows - 1;
    const done = last ? bytes : (first + ROW_KB) * 1024;
    if (total !== undefined && total > 0) line += `${String(Math.floor((100 * done) / total)).padStart(3)}%`;
    line += rowRate(last ? bytes - first * 1024 : ROW_KB * 1024, rowSecs);
    const elapsed = (r + 1) * rowSecs;
    const eta = total !== undefined && done > 0 ? ((total - done) * elapsed) / done : 0;
    line += last ? `=${shortTime(secs + 0.5)}` : ` ${shortTime(eta + 0.5)}`;
    text += `${line}\n`;
  }
  return text;
}

/** " %4.*f%c": the rate of one row of dots. */
function rowRate(bytes: number, secs: number): string {
  let rate = bytes / Math.max(secs, 1e-6);
  let u = 0;
  while (rate >= 1024 && u < 3) {
    rate /= 1024;
    u++;
  }
  return ` ${rate.toFixed(rate >= 99.95 ? 0 : rate >= 9.995 ? 1 : 2).padStart(4)}${[" ", "K", "M", "G"][u]}`;
}
