/**
 * Headless Chromium for the browser tests: Debian's own build (apt-get install chromium), driven
 * by playwright-core, in a fresh profile that is removed afterwards. Nothing is downloaded.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium and checks it can render a page. On a loaded machine Chromium's GPU process
 * (software rendering under --disable-gpu) sometimes fails to start and the browser exits; that is
 * the machine, not the app, so a launch that cannot render is retried, and said so on stderr.
 */
export async function launchBrowser(viewport = { width: 1100, height: 700 }, attempts = 3): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's with \`apt-get install -y chromium\``);
  }
  for (let attempt = 1; ; attempt++) {
    const profile = await mkdtemp(join(tmpdir(), "sandbox-e2e-profile-"));
    const removeProfile = () => rm(profile, { recursive: true, force: true });
    let context: BrowserContext | undefined;
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        viewport,
      });
      await canRender(context);
      const launched = context;
      return {
        context: launched,
        close: async () => {
          await launched.close();
          await removeProfile();
        },
      };
    } catch (err) {
      await context?.close().catch(() => {});
      await removeProfile();
      if (attempt >= attempts) throw err;
      console.error(
        `e2e: Chromium could not render (attempt ${attempt} of ${attempts}), relaunching: ${err}`,
      );
    }
  }
}

async function canRender(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.setContent("<p>ready</p>");
  await page.screenshot();
  await page.close();
}
