/** The UI's current language, shared through React context. */
import { createContext, type ReactNode, useCallback, useContext } from "react";
import { DEFAULT_LOCALE, type Locale, type MessageKey, translate } from "../i18n";

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** The translator for the current language: t("app.title"). */
export function useT(): (key: MessageKey) => string {
  const locale = useLocale();
  return useCallback((key: MessageKey) => translate(locale, key), [locale]);
}
