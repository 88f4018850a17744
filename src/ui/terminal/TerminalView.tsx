/**
 * The terminal: an xterm.js screen wired to a sandbox session. Keystrokes go to the session as
 * xterm sends them (the simulated tty and shell do the line editing, history and Ctrl-C), output
 * bytes come back, and a clock driver runs the machine while it has work.
 */
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef, useState } from "react";
import type { Sandbox } from "../../session/sandbox";
import { useT } from "../i18n";
import { ClockDriver } from "./clockDriver";
import { exposeTerminal } from "./testHook";
import { terminalOptions } from "./theme";

type SandboxModule = typeof import("../../session/sandbox");

export interface TerminalViewProps {
  /** The session code, loaded separately so the page paints before the machine arrives. */
  session: Promise<SandboxModule>;
  seed?: number;
}

export function TerminalView({ session, seed }: TerminalViewProps) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<"booting" | "running" | { failed: string }>("booting");

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new Terminal(terminalOptions);
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    fit.fit();
    const cleanups: (() => void)[] = [exposeTerminal(term)];
    let disposed = false;

    const fail = (err: unknown) => {
      console.error(err);
      if (!disposed) setStatus({ failed: err instanceof Error ? err.message : String(err) });
    };
    session
      .then(({ Sandbox }) => {
        if (disposed) return;
        cleanups.push(connect(term, Sandbox.create({ seed, rows: term.rows, cols: term.cols })));
        setStatus("running");
        term.focus();
      })
      .catch(fail);

    // Refit when the window or layout changes size; xterm then reports the new rows and columns.
    const resizes = new ResizeObserver(() => fit.fit());
    resizes.observe(el);

    return () => {
      disposed = true;
      resizes.disconnect();
      for (const c of cleanups.reverse()) c();
      term.dispose();
    };
  }, [session, seed]);

  return (
    <div className="terminal-pane">
      {status === "booting" && <p className="terminal-status">{t("terminal.booting")}</p>}
      {typeof status === "object" && (
        <p className="terminal-status terminal-status--error" role="alert">
          {t("terminal.bootFailed")} {status.failed}
        </p>
      )}
      <div className="terminal-host" ref={host} role="application" aria-label={t("terminal.label")} />
    </div>
  );
}

/** Wires a terminal to a session; returns the function that unwires it. */
function connect(term: Terminal, sandbox: Sandbox): () => void {
  const clock = new ClockDriver(sandbox);
  const offOutput = sandbox.onOutput((bytes) => term.write(bytes));
  const data = term.onData((keys) => {
    sandbox.input(keys);
    clock.kick();
  });
  const resize = term.onResize(({ rows, cols }) => {
    sandbox.resize(rows, cols);
    clock.kick();
  });
  clock.kick();
  return () => {
    clock.stop();
    resize.dispose();
    data.dispose();
    offOutput();
  };
}
