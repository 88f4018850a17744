/** The one locale question busybox asks: is the character set UTF-8 (LC_ALL, else LC_CTYPE, else LANG)? */
export function unicodeLocale(env: Record<string, string>): boolean {
  const value = env.LC_ALL || env.LC_CTYPE || env.LANG || "";
  return /utf-?8/i.test(value);
}
