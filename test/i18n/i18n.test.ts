import { describe, expect, it } from "vitest";
import { locales, pickLocale, translate } from "../../src/i18n";

describe("i18n", () => {
  it("has every English key in every language, and no extra ones", () => {
    const keys = Object.keys(locales.en).sort();
    for (const messages of Object.values(locales)) expect(Object.keys(messages).sort()).toEqual(keys);
  });

  it("has no empty strings", () => {
    for (const messages of Object.values(locales)) {
      for (const text of Object.values(messages)) expect(text.trim()).not.toBe("");
    }
  });

  it("picks the first preferred language it has, by its base tag", () => {
    expect(pickLocale(["fr-FR", "es-MX", "en"])).toBe("es");
    expect(pickLocale(["EN-gb"])).toBe("en");
    expect(pickLocale(["de", "ja"])).toBe("en");
    expect(pickLocale([])).toBe("en");
  });

  it("translates", () => {
    expect(translate("es", "language.label")).toBe("Idioma");
    expect(translate("en", "language.label")).toBe("Language");
  });
});
