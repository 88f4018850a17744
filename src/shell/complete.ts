/** Tab completion: command names (builtins, functions, aliases, PATH) in command position, else file names. */
import { BUILTINS } from "./builtins/registry";
import type { Completer } from "./lineEditor";
import type { Shell } from "./shell";

function listDir(sh: Shell, dir: string): string[] {
  try {
    return sh.sys.readdir(dir);
  } catch {
    return [];
  }
}

function isDir(sh: Shell, path: string): boolean {
  try {
    return sh.sys.stat(path).type === "dir";
  } catch {
    return false;
  }
}

export function completer(sh: Shell): Completer {
  return (line, cursor) => {
    let start = cursor;
    while (start > 0 && !" \t;|&<>(".includes(line[start - 1])) start--;
    const word = line.slice(start, cursor);
    const before = line.slice(0, start).trimEnd();
    const commandPosition = before === "" || /[;|&(]$/.test(before);
    const found = new Set<string>();
    if (commandPosition && !word.includes("/")) {
      for (const n of [...BUILTINS.keys(), ...sh.functions.keys(), ...sh.aliases.keys()])
        if (n.startsWith(word)) found.add(n);
      for (const dir of (sh.vars.get("PATH") ?? "").split(":")) {
        for (const n of listDir(sh, dir || ".")) {
          if (!n.startsWith(word)) continue;
          try {
            const st = sh.sys.stat(`${dir || "."}/${n}`);
            if (st.type === "file" && st.mode & 0o111) found.add(n);
          } catch {
            // broken link
          }
        }
      }
      return { start, candidates: [...found].sort() };
    }
    const slash = word.lastIndexOf("/");
    const dirPart = slash >= 0 ? word.slice(0, slash + 1) : "";
    const prefix = word.slice(slash + 1);
    let dir = dirPart === "" ? "." : dirPart;
    if (dir.startsWith("~")) dir = (sh.vars.get("HOME") ?? "") + dir.slice(1);
    for (const n of listDir(sh, dir)) {
      if (!n.startsWith(prefix) || (n.startsWith(".") && !prefix.startsWith("."))) continue;
      found.add(dirPart + n + (isDir(sh, `${dir}/${n}`) ? "/" : ""));
    }
    return { start, candidates: [...found].sort() };
  };
}
