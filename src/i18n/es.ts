import type { Messages } from "./en";

/** Spanish UI strings. */
export const es: Messages = {
  "app.title": "Container Sandbox",
  "app.tagline": "Un host Linux simulado con Docker, en tu navegador",
  "terminal.label": "Terminal: shell de root en el host simulado",
  "terminal.booting": "Arrancando la máquina…",
  "terminal.bootFailed": "La máquina no pudo arrancar:",
  "language.label": "Idioma",
};
