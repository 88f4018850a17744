/**
 * gnulib argmatch: an option's word argument matched against its valid words (an abbreviation is
 * fine when every word it could be means the same thing), and the report when it matches none.
 */
import { quoteAlways as qa } from "./quote";

/** The value `word` stands for, or why it stands for none. */
export function argmatch<V>(word: string, words: readonly [string, V][]): { value: V } | { problem: "invalid" | "ambiguous" } {
  const exact = words.find(([w]) => w === word);
  if (exact) return { value: exact[1] };
  const values = new Set(words.filter(([w]) => word !== "" && w.startsWith(word)).map(([, v]) => v));
  if (values.size === 1) return { value: [...values][0] };
  return { problem: values.size === 0 ? "invalid" : "ambiguous" };
}

/** "invalid argument 'x' for '--time'" with the valid words, those meaning the same on one line. */
export function argmatchMessage<V>(problem: "invalid" | "ambiguous", word: string, option: string, words: readonly [string, V][]): string {
  const groups = new Map<V, string[]>();
  for (const [w, v] of words) groups.set(v, [...(groups.get(v) ?? []), qa(w)]);
  const list = [...groups.values()].map((g) => `  - ${g.join(", ")}`).join("\n");
  return `${problem} argument ${qa(word)} for ${qa(option)}\nValid arguments are:\n${list}`;
}
