/**
 * Non-local control flow inside the interpreter. None of these ever leave the shell program; the
 * kernel's own unwinding (exit, exec) passes through untouched because nothing here catches it.
 */

/** ash's EXERROR: the message is already printed; unwinds to the nearest command boundary. */
export class ShellAbort {
  constructor(readonly status: number) {}
}

/** `exit`, or a fatal error in a non-interactive shell: leave the shell with this status. */
export class ShellExit {
  constructor(readonly status: number) {}
}

export class BreakLoop {
  constructor(public levels: number) {}
}

export class ContinueLoop {
  constructor(public levels: number) {}
}

export class ReturnFromFunction {
  constructor(readonly status: number) {}
}

export function isControlFlow(e: unknown): boolean {
  return (
    e instanceof ShellAbort ||
    e instanceof ShellExit ||
    e instanceof BreakLoop ||
    e instanceof ContinueLoop ||
    e instanceof ReturnFromFunction
  );
}
