/** execvp(3) as glibc does it: a name without "/" is looked up in $PATH, EACCES kept as the excuse. */
import type { Sys } from "../../kernel/api";
import { Errno } from "../../kernel/errno";

/** Never returns on success; throws the Errno execvp would leave in errno. */
export function execvp(sys: Sys, file: string, argv: string[], env?: Record<string, string>): never {
  if (file === "") throw new Errno("ENOENT");
  if (file.includes("/")) sys.exec(file, argv, env);
  const path = sys.env.PATH ?? "/bin:/usr/bin";
  let sawEacces = false;
  for (const dir of path.split(":")) {
    const candidate = `${dir === "" ? "." : dir}/${file}`;
    try {
      sys.exec(candidate, argv, env);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      if (e.code === "EACCES") sawEacces = true;
      else if (e.code !== "ENOENT" && e.code !== "ENOTDIR" && e.code !== "ESTALE" as string) throw e;
    }
  }
  throw new Errno(sawEacces ? "EACCES" : "ENOENT");
}
