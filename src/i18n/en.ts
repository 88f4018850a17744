/** English UI strings: the source of the message keys every other language must translate. */
export const en = {
  "app.title": "Container Sandbox",
  "app.tagline": "A simulated Linux host running Docker, in your browser",
  "terminal.label": "Terminal: root shell on the simulated host",
  "terminal.booting": "Starting the machine…",
  "terminal.bootFailed": "The machine could not start:",
  "language.label": "Language",
} as const;

export type MessageKey = keyof typeof en;

/** A complete translation: every key, nothing extra (the compiler checks both). */
export type Messages = { readonly [K in MessageKey]: string };
