import type { ITerminalOptions } from "@xterm/xterm";

/** A calm dark palette (close to common terminal defaults, so colors mean what students expect). */
export const terminalOptions: ITerminalOptions = {
  fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, "Liberation Mono", monospace',
  fontSize: 14,
  lineHeight: 1.15,
  cursorBlink: true,
  scrollback: 5000,
  theme: {
    background: "#11151c",
    foreground: "#d8dee9",
    cursor: "#e5e9f0",
    cursorAccent: "#11151c",
    selectionBackground: "#3b4252",
    black: "#1b1f27",
    red: "#e06c75",
    green: "#98c379",
    yellow: "#e5c07b",
    blue: "#61afef",
    magenta: "#c678dd",
    cyan: "#56b6c2",
    white: "#d8dee9",
    brightBlack: "#5c6370",
    brightRed: "#f07178",
    brightGreen: "#b5e48c",
    brightYellow: "#ffd580",
    brightBlue: "#82aaff",
    brightMagenta: "#d7a0f0",
    brightCyan: "#89ddff",
    brightWhite: "#ffffff",
  },
};
