/** The page: a header with the product name and language choice, and the terminal filling the rest. */
import { useEffect, useState } from "react";
import { isLocale, type Locale, locales, pickLocale } from "../i18n";
import { LocaleProvider, useT } from "./i18n";
import { TerminalView, type TerminalViewProps } from "./terminal/TerminalView";

const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", es: "Español" };

export function App({ session }: Pick<TerminalViewProps, "session">) {
  const [locale, setLocale] = useState<Locale>(() => pickLocale(navigator.languages));
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <LocaleProvider locale={locale}>
      <div className="app">
        <Header locale={locale} onLocale={setLocale} />
        <main className="app-main">
          <TerminalView session={session} />
        </main>
      </div>
    </LocaleProvider>
  );
}

function Header({ locale, onLocale }: { locale: Locale; onLocale: (l: Locale) => void }) {
  const t = useT();
  useEffect(() => {
    document.title = t("app.title");
  }, [t]);
  return (
    <header className="app-header">
      <h1 className="app-title">
        <span className="app-logo" aria-hidden="true">
          ▣
        </span>
        {t("app.title")}
      </h1>
      <p className="app-tagline">{t("app.tagline")}</p>
      <label className="app-language">
        <span className="visually-hidden">{t("language.label")}</span>
        <select value={locale} onChange={(e) => isLocale(e.target.value) && onLocale(e.target.value)}>
          {Object.keys(locales).map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l as Locale]}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
