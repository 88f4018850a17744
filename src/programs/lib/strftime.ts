/** glibc strftime(3) in UTC (the only zone the sandbox has): conversions, flags "-_0^#", widths. */

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function dayOfYear(d: Date): number {
  return Math.floor(
    (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) /
      86400000,
  );
}

/** ISO 8601 week-based year and week number. */
function isoWeek(d: Date): [number, number] {
  const wday = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - wday + 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor(dayOfYear(thursday) / 7) + 1;
  return [year, week];
}

/** Formats `d` (a UTC instant) with a strftime format; `zone` is the %Z name. */
export function strftime(format: string, d: Date, zone = "UTC"): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== "%") {
      out += c;
      continue;
    }
    const start = i;
    let flag = "";
    while ("-_0^#".includes(format[i + 1] ?? "x")) flag += format[++i];
    let width = "";
    while (/[0-9]/.test(format[i + 1] ?? "")) width += format[++i];
    while (format[i + 1] === "E" || format[i + 1] === "O") i++;
    const conv = format[++i];
    if (conv === undefined) {
      out += format.slice(start);
      break;
    }
    const num = (n: number, w: number, pad = "0") => {
      const p = flag.includes("-") ? "" : flag.includes("_") ? " " : flag.includes("0") ? "0" : pad;
      const ww = width ? Number(width) : w;
      const s = String(Math.abs(n));
      return (n < 0 ? "-" : "") + (p ? s.padStart(ww - (n < 0 ? 1 : 0), p) : s);
    };
    const str = (s: string) => {
      let t = flag.includes("^") ? s.toUpperCase() : flag.includes("#") ? s.toUpperCase() : s;
      if (width) t = t.padStart(Number(width), flag.includes("0") ? "0" : " ");
      return t;
    };
    const Y = d.getUTCFullYear();
    const H = d.getUTCHours();
    const wd = d.getUTCDay();
    switch (conv) {
      case "a":
        out += str(DAYS[wd].slice(0, 3));
        break;
      case "A":
        out += str(DAYS[wd]);
        break;
      case "b":
      case "h":
        out += str(MONTHS[d.getUTCMonth()].slice(0, 3));
        break;
      case "B":
        out += str(MONTHS[d.getUTCMonth()]);
        break;
      case "c":
        out += str(strftime("%a %b %e %H:%M:%S %Y", d, zone));
        break;
      case "C":
        out += num(Math.floor(Y / 100), 2);
        break;
      case "d":
        out += num(d.getUTCDate(), 2);
        break;
      case "D":
        out += str(strftime("%m/%d/%y", d, zone));
        break;
      case "e":
        out += num(d.getUTCDate(), 2, " ");
        break;
      case "F":
        out += str(strftime("%Y-%m-%d", d, zone));
        break;
      case "g":
        out += num(isoWeek(d)[0] % 100, 2);
        break;
      case "G":
        out += num(isoWeek(d)[0], 1);
        break;
      case "H":
        out += num(H, 2);
        break;
      case "I":
        out += num(H % 12 || 12, 2);
        break;
      case "j":
        out += num(dayOfYear(d) + 1, 3);
        break;
      case "k":
        out += num(H, 2, " ");
        break;
      case "l":
        out += num(H % 12 || 12, 2, " ");
        break;
      case "m":
        out += num(d.getUTCMonth() + 1, 2);
        break;
      case "M":
        out += num(d.getUTCMinutes(), 2);
        break;
      case "n":
        out += "\n";
        break;
      case "p":
        out += str(H < 12 ? "AM" : "PM");
        break;
      case "P":
        out += str(H < 12 ? "am" : "pm");
        break;
      case "r":
        out += str(strftime("%I:%M:%S %p", d, zone));
        break;
      case "R":
        out += str(strftime("%H:%M", d, zone));
        break;
      case "s":
        out += num(Math.floor(d.getTime() / 1000), 1);
        break;
      case "S":
        out += num(d.getUTCSeconds(), 2);
        break;
      case "t":
        out += "\t";
        break;
      case "T":
        out += str(strftime("%H:%M:%S", d, zone));
        break;
      case "u":
        out += num(wd || 7, 1);
        break;
      case "U":
        out += num(Math.floor((dayOfYear(d) + 7 - wd) / 7), 2);
        break;
      case "V":
        out += num(isoWeek(d)[1], 2);
        break;
      case "w":
        out += num(wd, 1);
        break;
      case "W":
        out += num(Math.floor((dayOfYear(d) + 7 - ((wd + 6) % 7)) / 7), 2);
        break;
      case "x":
        out += str(strftime("%m/%d/%y", d, zone));
        break;
      case "X":
        out += str(strftime("%H:%M:%S", d, zone));
        break;
      case "y":
        out += num(Y % 100, 2);
        break;
      case "Y":
        out += num(Y, 1);
        break;
      case "z":
        out += "+0000";
        break;
      case "Z":
        out += str(zone);
        break;
      case "%":
        out += "%";
        break;
      default:
        // Unknown conversions are copied as they are.
        out += format.slice(start, i + 1);
    }
  }
  return out;
}
