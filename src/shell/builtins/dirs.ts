/** cd and pwd, keeping the logical $PWD as ash does (".." removes a component of the path typed). */
import { Errno } from "../../kernel/errno";
import type { Shell } from "../shell";
import { type Builtin, builtin } from "./types";

/** Lexically normalizes an absolute path: removes ".", "..", and duplicate slashes. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const c of path.split("/")) {
    if (c === "" || c === ".") continue;
    if (c === "..") out.pop();
    else out.push(c);
  }
  return `/${out.join("/")}`;
}

function currentDir(sh: Shell): string {
  const pwd = sh.vars.get("PWD");
  if (pwd?.startsWith("/")) return pwd;
  try {
    return sh.sys.getcwd();
  } catch {
    return "/";
  }
}

export const dirBuiltins: Builtin[] = [
  builtin("cd", false, function* (sh, argv) {
    let args = argv.slice(1);
    let physical = false;
    while (args[0] === "-P" || args[0] === "-L") {
      physical = args[0] === "-P";
      args = args.slice(1);
    }
    if (args[0] === "--") args = args.slice(1);
    let dir: string | undefined = args[0];
    let print = false;
    if (dir === undefined || dir === "") {
      dir = sh.vars.get("HOME");
      if (dir === undefined || dir === "") return 0;
    } else if (dir === "-") {
      dir = sh.vars.get("OLDPWD") ?? currentDir(sh);
      print = true;
    }
    const old = currentDir(sh);
    const target = dir.startsWith("/") ? dir : `${old}/${dir}`;
    let newPwd = physical ? target : normalizePath(target);
    try {
      sh.sys.chdir(newPwd);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      // ash retries with the path as typed when the logical one fails (symlink components)
      try {
        sh.sys.chdir(target);
        newPwd = sh.sys.getcwd();
      } catch {
        if (sh.dialect === "bash") {
          yield* sh.message(`${dir}: ${e.message}`);
          return 1;
        }
        return yield* sh.fail(`can't cd to ${dir}: ${e.message}`);
      }
    }
    if (physical) newPwd = sh.sys.getcwd();
    sh.vars.set("OLDPWD", old);
    sh.vars.set("PWD", newPwd);
    if (print) yield* sh.write(1, `${newPwd}\n`);
    return 0;
  }),
  builtin("pwd", false, function* (sh, argv) {
    const physical = argv.includes("-P");
    let dir = physical ? sh.sys.getcwd() : currentDir(sh);
    if (!physical) {
      try {
        const a = sh.sys.stat(dir);
        const b = sh.sys.stat(".");
        if (a.ino !== b.ino || a.dev !== b.dev) dir = sh.sys.getcwd();
      } catch {
        dir = sh.sys.getcwd();
      }
    }
    yield* sh.write(1, `${dir}\n`);
    return 0;
  }),
];
