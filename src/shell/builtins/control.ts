/** Builtins that steer execution: : true false break continue return exit eval exec . source. */
import { Errno } from "../../kernel/errno";
import { BreakLoop, ContinueLoop, ReturnFromFunction, ShellExit } from "../errors";
import { execProgram, findInPath } from "../exec";
import { Parser, ShellSyntaxError } from "../parser";
import { type Builtin, builtin, immediate, number } from "./types";

const trueCmd = () => immediate(0);

export const controlBuiltins: Builtin[] = [
  builtin(":", true, trueCmd),
  builtin("true", false, trueCmd),
  builtin("false", false, () => immediate(1)),
  ...(["break", "continue"] as const).map((name) =>
    builtin(name, true, function* (sh, argv) {
      let n = 1;
      if (argv[1] !== undefined) {
        n = yield* number(sh, argv[1]);
        if (n === 0) return yield* sh.fail(`Illegal number: ${argv[1]}`);
      }
      if (sh.loopDepth === 0) return 0;
      n = Math.min(n, sh.loopDepth);
      throw name === "break" ? new BreakLoop(n) : new ContinueLoop(n);
    }),
  ),
  builtin("return", true, function* (sh, argv) {
    const status = argv[1] !== undefined ? yield* number(sh, argv[1]) : sh.lastStatus;
    throw new ReturnFromFunction(status & 255);
  }),
  builtin("exit", true, function* (sh, argv) {
    if (sh.interactive && sh.jobs.jobs.some((j) => j.state === "stopped") && !sh.exitWarned) {
      sh.exitWarned = true;
      yield* sh.write(2, "You have stopped jobs.\n");
      return 0;
    }
    const status = argv[1] !== undefined ? yield* number(sh, argv[1]) : sh.lastStatus;
    // An interactive bash says goodbye.
    if (sh.dialect === "bash" && sh.interactive) yield* sh.write(2, "exit\n");
    throw new ShellExit(status & 255);
  }),
  builtin("eval", true, function* (sh, argv, flags) {
    if (argv.length < 2) return 0;
    return yield* sh.evalString(argv.slice(1).join(" "), { tested: flags.tested });
  }),
  builtin("exec", true, function* (sh, argv) {
    if (argv.length < 2) return 0;
    const name = argv[1];
    const path = name.includes("/") ? name : findInPath(sh, name);
    if (path === null) {
      yield* sh.message(`${name}: not found`);
      throw new ShellExit(127);
    }
    return yield* execProgram(sh, path, argv.slice(1), sh.vars.environ());
  }),
  ...[".", "source"].map((name) =>
    builtin(name, true, function* (sh, argv) {
      let args = argv.slice(1);
      if (args[0] === "--") args = args.slice(1);
      if (args.length === 0) return 2;
      const file = args[0];
      let full = file;
      if (!file.includes("/")) {
        const found = findInPath(sh, file);
        if (found === null) return yield* sh.fail(`${file}: not found`);
        full = found;
      }
      let text: string;
      try {
        text = sh.sys.readFile(full);
      } catch (e) {
        if (e instanceof Errno) return yield* sh.fail(`can't open '${full}': ${e.message}`);
        throw e;
      }
      const savedPositional = sh.positional;
      const savedName = sh.commandName;
      const savedFromFile = sh.inputFromFile;
      if (args.length > 1) sh.positional = args.slice(1);
      sh.commandName = full;
      sh.inputFromFile = true;
      sh.dotDepth++;
      let status = 0;
      try {
        const parser = new Parser(text, { line: 1, aliases: sh.aliases, bash: sh.dialect === "bash" });
        for (;;) {
          let cmd: ReturnType<Parser["parseCommandLine"]>;
          try {
            cmd = parser.parseCommandLine();
          } catch (e) {
            if (e instanceof ShellSyntaxError) {
              yield* sh.message(`syntax error: ${e.message}`, e.line);
              throw new ShellExit(2);
            }
            throw e;
          }
          if (cmd === "eof") break;
          if (cmd) status = yield* sh.eval(cmd);
        }
      } catch (e) {
        if (!(e instanceof ReturnFromFunction) || sh.funcDepth > 0) throw e;
        status = e.status;
      } finally {
        if (!sh.unwinding) {
          sh.dotDepth--;
          sh.positional = savedPositional;
          sh.commandName = savedName;
          sh.inputFromFile = savedFromFile;
        }
      }
      return status;
    }),
  ),
];
