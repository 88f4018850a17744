/**
 * UI strings by language. Plain data and functions (no React), so lessons, the embed and tests
 * can translate too. Keys are typed: a missing or misspelled translation fails typecheck.
 */
import { en, type MessageKey, type Messages } from "./en";
import { es } from "./es";

export type { MessageKey, Messages };

export const locales = { en, es } as const satisfies Record<string, Messages>;
export type Locale = keyof typeof locales;

export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(tag: string): tag is Locale {
  return Object.hasOwn(locales, tag);
}

/** The first of the user's preferred languages (BCP 47 tags, e.g. navigator.languages) we have. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

export function translate(locale: Locale, key: MessageKey): string {
  return locales[locale][key];
}
