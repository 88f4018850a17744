/**
 * The built app in headless Chromium: the page boots the simulated host, and a user can type
 * commands into the terminal and read their output, edit a line, and interrupt with Ctrl-C.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launchBrowser } from "./browser";
import { type StaticServer, serveStatic } from "./staticServer";
import { TerminalPage } from "./terminalPage";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DIST = resolve(ROOT, "dist");
const SCREENSHOT = "/tmp/sandbox.png";
const PROMPT = "root@sandbox:~# ";
const VIEWPORT = { width: 1100, height: 700 };

let server: StaticServer;
let browser: Browser;
let term: TerminalPage;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(resolve(DIST, "index.html"))) {
    throw new Error("dist/ has no build: run `npm run build` first (`npm test` does)");
  }
  server = await serveStatic(DIST);
  browser = await launchBrowser(VIEWPORT);
  const page = await browser.context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(server.url);
  term = new TerminalPage(page, PROMPT);
  await term.waitForPrompt(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the terminal page", () => {
  it("shows the product name and a focused terminal with a root prompt", async () => {
    const page = term.page;
    expect(await page.title()).toBe("Container Sandbox");
    expect(await page.getByRole("heading", { level: 1, name: "Container Sandbox" }).count()).toBe(1);
    // Keys go to the terminal without a click first.
    expect(
      await page.evaluate(() => document.activeElement?.classList.contains("xterm-helper-textarea")),
    ).toBe(true);
    // DejaVu Sans Mono 14px in this viewport (apt: fonts-dejavu-core). Other tests' column layouts
    // (ls) depend on this width.
    expect(await term.probe("size")).toEqual({ rows: 34, cols: 124 });
  });

  it("runs echo", async () => {
    expect(await term.run("echo hello")).toEqual(["hello"]);
  });

  it("reads /etc/os-release", async () => {
    expect(await term.run("cat /etc/os-release")).toEqual([
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
      'NAME="Debian GNU/Linux"',
      'VERSION_ID="12"',
      'VERSION="12 (bookworm)"',
      "VERSION_CODENAME=bookworm",
      "ID=debian",
      'HOME_URL="https://www.debian.org/"',
      'SUPPORT_URL="https://www.debian.org/support"',
      'BUG_REPORT_URL="https://bugs.debian.org/"',
    ]);
  });

  it("lists / in columns", async () => {
    expect(await term.run("ls /")).toEqual(LS_ROOT);
  });

  it("reports a mistyped command as root's login bash does, with status 127", async () => {
    expect(await term.run("ecoh hello")).toEqual(["-bash: ecoh: command not found"]);
    expect(await term.run("echo $?")).toEqual(["127"]);
  });

  it("edits the line: Backspace and the arrow keys", async () => {
    const page = term.page;
    await term.waitForPrompt();
    const start = (await term.transcript()).length - 1;
    await page.keyboard.type("echo wrld");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowLeft");
    await page.keyboard.type("o");
    await page.keyboard.press("End");
    await page.keyboard.type("!!");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Enter");
    await term.waitForPrompt();
    expect(await term.printedSince(start, "echo world!")).toEqual(["world!"]);
  });

  it("recalls the previous command with the Up arrow", async () => {
    const page = term.page;
    await term.waitForPrompt();
    const start = (await term.transcript()).length - 1;
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await term.waitForPrompt();
    expect(await term.printedSince(start, "echo world!")).toEqual(["world!"]);
  });

  it("interrupts a sleep with Ctrl-C and returns to the prompt", async () => {
    const page = term.page;
    await term.waitForPrompt();
    const start = (await term.transcript()).length - 1;
    await term.typeLine("sleep 100");
    // The sleep holds the terminal: no new prompt while it runs.
    await page.waitForTimeout(500);
    expect(await term.atPrompt()).toBe(false);
    await page.keyboard.press("Control+C");
    await term.waitForPrompt(5_000);
    expect(await term.printedSince(start, "sleep 100")).toEqual(["^C"]);
    expect(await term.run("echo $?")).toEqual(["130"]);
  });

  // Each runaway runs on a page of its own, so a frozen page fails only its own test.
  for (const runaway of ["yes > /dev/null", "while :; do :; done", "while :; do /bin/true; done"]) {
    it(`stays responsive while \`${runaway}\` runs, and Ctrl-C ends it`, { timeout: 30_000 }, async () => {
      const fresh = await openTerminal();
      try {
        await fresh.waitForPrompt();
        const start = (await fresh.transcript()).length - 1;
        // A page whose main thread never comes back cannot even take the keys: bound it all.
        const gaps = await within(10_000, "the page froze: the machine blocks the main thread", async () => {
          await fresh.typeLine(runaway);
          await fresh.page.waitForTimeout(500);
          return frameGaps(fresh, 60);
        });
        // The page keeps painting while the machine runs flat out: no frame waits half a second.
        expect(Math.max(...gaps)).toBeLessThan(500);
        expect(await fresh.atPrompt()).toBe(false);
        await fresh.page.keyboard.press("Control+C");
        await fresh.waitForPrompt(5_000);
        expect(await fresh.printedSince(start, runaway)).toEqual(["^C"]);
      } finally {
        await within(5_000, "closing the page", () => fresh.page.close({ runBeforeUnload: false })).catch(
          () => {},
        );
      }
    });
  }

  it("refits the terminal to the window", async () => {
    const page = term.page;
    const before = await term.probe("size");
    await page.setViewportSize({ width: 800, height: 600 });
    await term.waitFor("the terminal to narrow", async () => (await term.probe("size")).cols < before.cols);
    expect(await term.run("echo still here")).toEqual(["still here"]);
    await page.setViewportSize(VIEWPORT);
    await term.waitFor("the terminal to widen", async () => (await term.probe("size")).cols === before.cols);
  });

  it("looks right: a screenshot for a person to check (UPDATE_SCREENSHOT=1 refreshes the README's)", async () => {
    const fresh = await openTerminal();
    expect(await fresh.run("echo hello")).toEqual(["hello"]);
    expect(await fresh.run("cat /etc/os-release")).toHaveLength(9);
    expect(await fresh.run("ls /")).toEqual(LS_ROOT);
    await fresh.page.screenshot({ path: SCREENSHOT });
    if (process.env.UPDATE_SCREENSHOT === "1") {
      await mkdir(resolve(ROOT, "docs"), { recursive: true });
      await copyFile(SCREENSHOT, resolve(ROOT, "docs/screenshot.png"));
    }
    await fresh.page.close();
  });

  it("logged no errors in the page", () => {
    expect(pageErrors).toEqual([]);
  });
});

/** A page of its own with the app loaded and its first prompt shown. */
async function openTerminal(): Promise<TerminalPage> {
  const fresh = new TerminalPage(await browser.context.newPage(), PROMPT);
  await fresh.page.goto(server.url);
  await fresh.waitForPrompt(20_000);
  return fresh;
}

/** Milliseconds between the page's next `frames` animation frames, measured in the page. */
function frameGaps(term: TerminalPage, frames: number): Promise<number[]> {
  // A string, so the function reaches the page exactly as written (no transpiler helpers).
  return term.page.evaluate(`new Promise((done) => {
    const times = [];
    const onFrame = (t) => {
      times.push(t);
      if (times.length <= ${frames}) requestAnimationFrame(onFrame);
      else done(times.slice(1).map((t, i) => t - times[i]));
    };
    requestAnimationFrame(onFrame);
  })`) as Promise<number[]>;
}

/** Runs `work`, failing with `what` if it takes over `limitMs`. */
async function within<T>(limitMs: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} (over ${limitMs} ms)`)), limitMs);
  });
  try {
    return await Promise.race([work(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `ls /` of the host on a 124-column terminal. GNU ls (coreutils 9.1) fits the 20 names on one
 * line, each column as wide as its name plus two spaces; Debian's root has no ls colour alias.
 */
const LS_ROOT = ["bin  boot  dev  etc  home  lib  lib64  lost+found  media  mnt  opt  proc  root  run  sbin  srv  sys  tmp  usr  var"];
