/**
 * echo and printf are the programs team's busybox applets, run inside the shell process as ash
 * runs echo_main/printf_main: the program sees the builtin's arguments, and argv[0] is the
 * shell's own name so its messages read "sh: ..." as ash's do.
 */
import { type Gen, type ProgramDef, ProcessExit, type Sys } from "../../kernel/api";
import { programs } from "../../programs/registry";
import { Errno } from "../../kernel/errno";
import { type Shell, writeRetrying } from "../shell";
import { type Builtin, builtin } from "./types";

export function* runProgramInProcess(sh: Shell, prog: ProgramDef, argv: string[]): Gen<number> {
  const name = sh.arg0.slice(sh.arg0.lastIndexOf("/") + 1);
  const sys: Sys = Object.create(sh.sys, {
    argv: { value: [name, ...argv.slice(1)] },
    write: { value: (fd: number, data: string) => writeRetrying(sh.sys, fd, data) },
  });
  try {
    return yield* prog.main(sys);
  } catch (e) {
    if (e instanceof ProcessExit) return e.code;
    // ash's builtins report a failed write (closed stdout) and carry on
    if (e instanceof Errno) {
      try {
        yield* sh.write(2, `${name}: write error: ${e.message}\n`);
      } catch (e2) {
        if (!(e2 instanceof Errno)) throw e2;
      }
      return 1;
    }
    throw e;
  }
}

function fromRegistry(name: string): Builtin {
  return builtin(name, false, function* (sh, argv) {
    const prog = programs.get(name);
    if (!prog) {
      yield* sh.message(`${name}: not found`);
      return 127;
    }
    return yield* runProgramInProcess(sh, prog, argv);
  });
}

export const programBuiltins: Builtin[] = [fromRegistry("echo"), fromRegistry("printf")];
