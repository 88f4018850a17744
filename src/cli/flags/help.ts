/**
 * The real `docker ... --help` texts, loaded once and on demand (they are 120 kB, so they stay out of
 * the initial bundle): call loadHelpTexts() ahead of time (e.g. while the session boots); after
 * that, helpText() answers synchronously.
 */
import { commandSpec } from "./spec";

let bodies: Record<string, string> | undefined;

export async function loadHelpTexts(): Promise<void> {
  if (bodies) return;
  const mod = await import("../data/help.json");
  bodies = (mod.default ?? mod) as Record<string, string>;
}

export function helpTextsLoaded(): boolean {
  return bodies !== undefined;
}

/** The help text of a command key ("ps", "container ls", "docker"); loadHelpTexts() must have finished. */
export function helpText(key: string): string {
  if (!bodies) throw new Error("docker help texts are not loaded yet: await loadHelpTexts() first");
  const spec = commandSpec(key);
  let body = bodies[key];
  if (!spec || body === undefined) throw new Error(`no help text for docker command "${key}"`);
  if (body.startsWith("=")) body = bodies[body.slice(1)];
  return `Usage:  ${spec.usage}${body}`;
}

/** The full output of a help outcome of parseDockerCommandLine (help texts must be loaded). */
export function helpOutput(h: { key: string; stdout: string; stderr: string; toStderr: boolean }): {
  stdout: string;
  stderr: string;
  exitCode: 0;
} {
  const text = helpText(h.key);
  return h.toStderr
    ? { stdout: h.stdout, stderr: h.stderr + text, exitCode: 0 }
    : { stdout: h.stdout + text, stderr: h.stderr, exitCode: 0 };
}
