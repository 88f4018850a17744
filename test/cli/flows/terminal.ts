/**
 * Plays a getting-started flow as a student types it: a sandbox session with root's shell on a
 * terminal, one line (or keystroke) at a time, each given time to finish before the next, the way
 * a person reads the output before typing on. Returns what the terminal showed.
 */
import { loadHelpTexts } from "../../../src/cli/flags";
import { Sandbox } from "../../../src/session/sandbox";
import { run } from "../../helpers/host";

export interface Session {
  sandbox: Sandbox;
  /** Types keys (a line ends with "\r"), then lets the machine run until the shell prompts again. */
  type(keys: string): void;
  /** Everything the terminal has shown so far, with CRLF as LF. */
  screen(): string;
  /** The output since the last call, with CRLF as LF. */
  fresh(): string;
}

/** A prompt ends the output: the host's ("# "), bash's in a container ("/# ") or ash's ("/ # "). */
const PROMPT = /[#$] $/;
/** Virtual time a line may take before the test looks anyway (a follow or a stuck attach). */
const STEP_MS = 50;
const MAX_STEPS = 200;

export async function session(opts: { pull?: string[] } = {}): Promise<Session> {
  await loadHelpTexts();
  const sandbox = Sandbox.create({ rows: 24, cols: 120, tickBudgetMs: Infinity });
  let out = "";
  let seen = 0;
  sandbox.onOutput((b) => {
    out += new TextDecoder().decode(b);
  });
  // Images the flow needs are pulled quietly first, so that the transcript shows the flow.
  for (const image of opts.pull ?? []) run(sandbox.kernel, ["docker", "pull", "-q", image]);
  const settle = () => {
    for (let i = 0; i < MAX_STEPS; i++) {
      const { busy } = sandbox.tick(STEP_MS);
      if (!busy && PROMPT.test(out)) return;
    }
  };
  settle();
  return {
    sandbox,
    type(keys: string) {
      sandbox.input(keys);
      settle();
    },
    screen: () => out.replace(/\r\n/g, "\n"),
    fresh() {
      const text = out.slice(seen).replace(/\r\n/g, "\n");
      seen = out.length;
      return text;
    },
  };
}

/** Types each line and returns what the terminal showed since the last look (prompt included). */
export function typeLines(s: Session, lines: string[]): string {
  for (const line of lines) s.type(`${line}\r`);
  return s.fresh();
}
