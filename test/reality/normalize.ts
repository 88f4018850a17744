/**
 * Normalization of scenario outputs before comparing: what differs between any two runs of the
 * same commands (ids, digests, times, random names) becomes a placeholder, on both sides alike.
 * A scenario adds its own masks with comment lines `#@ mask REGEX` (ash ignores them; ^ and $ are
 * line anchors).
 */

const ANY_AGO = String.raw`(?:Less than a second|About an? \w+|\d+ \w+)`;

const RULES: [RegExp, string][] = [
  [/sha256:[0-9a-f]{64}/g, "sha256:<DIGEST>"],
  [/\b[0-9a-f]{64}\b/g, "<ID64>"],
  [/\b[0-9a-f]{12}\b/g, "<ID>"],
  // RFC 3339 (inspect) and Go's time.Time String (ps --format {{.CreatedAt}}).
  [/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g, "<TIME>"],
  [/\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} \w+/g, "<TIME>"],
  [new RegExp(`\\b${ANY_AGO} ago\\b`, "g"), "<AGO>"],
  [new RegExp(`\\bUp ${ANY_AGO}`, "g"), "Up <DURATION>"],
  // moby's namesgenerator: adjective_surname, the last column of ps and the output of {{.Names}}.
  [/(^|\s)[a-z]+_[a-z]+\d?$/gm, "$1<NAME>"],
];

export function scenarioMasks(script: string): RegExp[] {
  return [...script.matchAll(/^#@ mask (.+)$/gm)].map((m) => new RegExp(m[1], "gm"));
}

/**
 * Placeholders first, then the table spacing: a placeholder is not as wide as what it replaced,
 * so runs of spaces (tabwriter padding) compare as one gap; trailing blanks are dropped.
 */
export function normalize(output: string, masks: RegExp[] = []): string[] {
  let text = output.replace(/\r\n/g, "\n");
  for (const mask of masks) text = text.replace(mask, "<MASK>");
  for (const [re, to] of RULES) text = text.replace(re, to);
  const lines = text.split("\n").map((l) => l.replace(/ {2,}/g, "  ").replace(/\s+$/, ""));
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** A line diff (longest common subsequence): "-real line", "+sandbox line", context omitted. */
export function lineDiff(real: string[], sim: string[]): string[] {
  const n = real.length;
  const m = sim.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = real[i] === sim[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && real[i] === sim[j]) {
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(`-${real[i++]}`);
    } else {
      out.push(`+${sim[j++]}`);
    }
  }
  return out;
}
