/** Which of some short options appeared last, for tools whose options override each other in order. */

/**
 * Walks short-option clusters like getopt: `withArg` letters consume the rest of their word or the
 * next word. Returns the last of `letters` seen, if any.
 */
export function lastOption(argv: readonly string[], letters: string, withArg: string): string | undefined {
  let last: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (!a.startsWith("-") || a.length < 2 || a.startsWith("--")) continue;
    for (let j = 1; j < a.length; j++) {
      if (letters.includes(a[j])) last = a[j];
      if (withArg.includes(a[j])) {
        if (j + 1 === a.length) i++;
        break;
      }
    }
  }
  return last;
}

/** The options that take an argument, with their values, in command-line order. */
export function optionValuesInOrder(
  argv: readonly string[],
  flags: string,
  withArg: string,
): { opt: string; value: string }[] {
  const found: { opt: string; value: string }[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (!a.startsWith("-") || a.length < 2) continue;
    for (let j = 1; j < a.length; j++) {
      if (withArg.includes(a[j])) {
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (value !== undefined) found.push({ opt: a[j], value });
        break;
      }
      if (!flags.includes(a[j])) break;
    }
  }
  return found;
}
