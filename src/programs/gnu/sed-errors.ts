/**
 * GNU sed's script errors: "-e expression #N, char M: TEXT", N the -e piece the error is in (the
 * pieces are parsed joined by newlines) and M how many of its characters were read; M is 0 for
 * errors found at the end of the script.
 */
export function gnuSedScriptError(text: string, at: number | undefined, pieces: readonly string[]): string {
  if (at === undefined) return `-e expression #1, char 0: ${text}`;
  let start = 0;
  for (let n = 0; n < pieces.length; n++) {
    const end = start + pieces[n].length;
    if (at <= end || n === pieces.length - 1) return `-e expression #${n + 1}, char ${at - start}: ${text}`;
    start = end + 1;
  }
  return text;
}
