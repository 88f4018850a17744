/**
 * Drives the page's terminal like a user: types into xterm.js, and reads back what is on screen
 * through the page's test hook (window.__sandboxTerminal).
 */
import type { Page } from "playwright-core";
import type { TerminalProbe } from "../../src/ui/terminal/testHook";

type ProbeMethod = "lines" | "allLines" | "cursor" | "size";

export class TerminalPage {
  constructor(
    readonly page: Page,
    /** The prompt as printed, trailing blank included: "root@sandbox:~# ". */
    readonly prompt: string,
  ) {}

  async probe<M extends ProbeMethod>(method: M): Promise<ReturnType<TerminalProbe[M]>> {
    const result = await this.page.evaluate((m: ProbeMethod) => {
      const probe = window.__sandboxTerminal;
      if (!probe) throw new Error("window.__sandboxTerminal is missing: the terminal is not mounted");
      return probe[m]();
    }, method);
    return result as ReturnType<TerminalProbe[M]>;
  }

  /** Logical lines written so far, with trailing empty lines dropped. */
  async transcript(): Promise<string[]> {
    const lines = await this.probe("allLines");
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    return lines;
  }

  /** Whether the shell waits at a prompt: the last line is the prompt and the cursor sits after it. */
  async atPrompt(): Promise<boolean> {
    const [screen, cursor] = [await this.probe("lines"), await this.probe("cursor")];
    return screen[cursor.row] === this.prompt.trimEnd() && cursor.col === this.prompt.length;
  }

  async waitFor(what: string, ready: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await ready())) {
      if (Date.now() > deadline) {
        const screen = (await this.probe("lines").catch(() => [] as string[])).join("\n").trimEnd();
        const alert = await this.page.evaluate(
          () => document.querySelector("[role=alert]")?.textContent ?? "",
        );
        throw new Error(
          `timed out waiting for ${what}${alert && ` (page says: ${alert})`}; screen:\n${screen}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async waitForPrompt(timeoutMs?: number): Promise<void> {
    await this.waitFor(`the prompt ${JSON.stringify(this.prompt)}`, () => this.atPrompt(), timeoutMs);
  }

  /** Types a line the way a person does (key by key) and presses Enter. */
  async typeLine(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    await this.page.keyboard.press("Enter");
  }

  /**
   * Runs a command at the prompt and returns the lines it printed between its command line and
   * the next prompt. The command line itself is checked to read prompt + command.
   */
  async run(command: string, timeoutMs?: number): Promise<string[]> {
    await this.waitForPrompt();
    const start = (await this.transcript()).length - 1;
    await this.typeLine(command);
    await this.waitFor(
      `${JSON.stringify(command)} to finish`,
      async () => (await this.transcript()).length > start + 1 && (await this.atPrompt()),
      timeoutMs,
    );
    return this.printedSince(start, command);
  }

  /** The lines after the command line at `start`, up to the prompt on the last line. */
  async printedSince(start: number, command: string): Promise<string[]> {
    const lines = await this.transcript();
    const commandLine = lines[start];
    if (commandLine !== `${this.prompt}${command}`.trimEnd()) {
      throw new Error(
        `expected the command line ${JSON.stringify(this.prompt + command)}, got ${JSON.stringify(commandLine)}`,
      );
    }
    return lines.slice(start + 1, -1);
  }
}
