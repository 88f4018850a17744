/**
 * procps-ng's signal names (lib/signals.c): its sorted table of 31 Linux names (29 is POLL),
 * name <-> number conversions and the two listings kill prints (-l and -L).
 */

/** glibc's SIGRTMIN as programs see it (the library keeps 32 and 33 for itself). */
const SIGRTMIN = 34;

const TABLE: readonly [string, number][] = [
  ["ABRT", 6], ["ALRM", 14], ["BUS", 7], ["CHLD", 17], ["CONT", 18], ["FPE", 8], ["HUP", 1], ["ILL", 4],
  ["INT", 2], ["KILL", 9], ["PIPE", 13], ["POLL", 29], ["PROF", 27], ["PWR", 30], ["QUIT", 3], ["SEGV", 11],
  ["STKFLT", 16], ["STOP", 19], ["SYS", 31], ["TERM", 15], ["TRAP", 5], ["TSTP", 20], ["TTIN", 21], ["TTOU", 22],
  ["URG", 23], ["USR1", 10], ["USR2", 12], ["VTALRM", 26], ["WINCH", 28], ["XCPU", 24], ["XFSZ", 25],
];

/** C strtol over the whole string: the number, or null when anything is left over. */
function wholeNumber(text: string): number | null {
  const m = /^\s*([+-]?\d+)$/.exec(text);
  return m ? Number(m[1]) : null;
}

/** signal_name_to_number(): a name (SIG prefix, any case), RTMIN+n, or a number; -1 if invalid. */
export function signalNameToNumber(text: string): number {
  let name = text.toUpperCase().startsWith("SIG") ? text.slice(3) : text;
  const up = name.toUpperCase();
  if (up === "CLD") return 17;
  if (up === "IO") return 29;
  if (up === "IOT") return 6;
  const row = TABLE.find(([n]) => n === up);
  if (row) return row[1];
  if (up === "RTMIN") return SIGRTMIN;
  if (up === "EXIT" || up === "NULL") return 0;
  let offset = 0;
  if (up.startsWith("RTMIN+")) {
    name = name.slice(6);
    offset = SIGRTMIN;
  }
  const val = wholeNumber(name);
  if (val === null || val + SIGRTMIN > 127) return -1;
  return val + offset;
}

/** signal_number_to_name(): the table's name, RTMIN[+n], or "0". */
export function signalNumberToName(signo: number): string {
  const n = signo & 0x7f;
  const row = TABLE.find(([, num]) => num === n);
  if (row) return row[0];
  if (n === SIGRTMIN) return "RTMIN";
  return n ? `RTMIN+${n - SIGRTMIN}` : "0";
}

/** strtosig(): a number's name or a name's number (table names only); null when unknown. */
export function strtosig(text: string): string | null {
  let p = text.toUpperCase();
  if (p.startsWith("SIG")) p = p.slice(3);
  let num = 0;
  if (/^\d/.test(p)) {
    const v = wholeNumber(text);
    if (v === null) return null;
    num = v;
  }
  if (num) return TABLE.find(([, n]) => n === num)?.[0] ?? null;
  const row = TABLE.find(([n]) => n === p);
  return row ? String(row[1]) : null;
}

/** unix_print_signals(): the names by number, space separated, lines broken past column 73. */
export function unixSignalList(): string {
  let text = "";
  let pos = 0;
  for (let i = 1; i <= TABLE.length; i++) {
    if (i > 1) {
      if (pos > 73) {
        pos = 0;
        text += "\n";
      } else {
        pos++;
        text += " ";
      }
    }
    const name = signalNumberToName(i);
    text += name;
    pos += name.length;
  }
  return `${text}\n`;
}

/** pretty_print_signals(): "%2d NAME" cells of 11 columns, seven to a line. */
export function prettySignalTable(): string {
  let text = "";
  let i = 0;
  while (++i <= TABLE.length) {
    const cell = `${String(i).padStart(2)} ${signalNumberToName(i)}`;
    text += i % 7 ? cell + " ".repeat(Math.max(0, 11 - cell.length)) : `${cell}\n`;
  }
  if ((i - 1) % 7) text += "\n";
  return text;
}

/**
 * skill_sig_option(): the first argument "-SIG" that names a signal is taken out of argv (wherever
 * it stands); returns its number, or -1 when there is none.
 */
export function takeSignalOption(argv: string[]): number {
  for (let i = 1; i < argv.length; i++) {
    if (!argv[i].startsWith("-")) continue;
    const signo = signalNameToNumber(argv[i].slice(1));
    if (signo > -1) {
      argv.splice(i, 1);
      return signo;
    }
  }
  return -1;
}
