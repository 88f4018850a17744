/** Shared pieces of drivers whose trees are generated (procfs, sysfs, cgroupfs, nsfs). */
import { Errno } from "../errno";
import type { FsDriver } from "./driver";

const deny = (code: "EACCES" | "EPERM" | "EOPNOTSUPP") => (): never => {
  throw new Errno(code);
};

/** The modifying operations of a generated filesystem: refused as Linux refuses them. */
export const syntheticWriteOps: Pick<
  FsDriver,
  "write" | "truncate" | "create" | "link" | "unlink" | "rmdir" | "rename" | "setattr" | "getxattr" | "setxattr" | "listxattr"
> = {
  write: deny("EACCES"),
  truncate: () => {},
  create: deny("EACCES"),
  link: deny("EPERM"),
  unlink: deny("EACCES"),
  rmdir: deny("EACCES"),
  rename: deny("EACCES"),
  setattr: deny("EPERM"),
  getxattr: () => {
    throw new Errno("ENODATA");
  },
  setxattr: deny("EOPNOTSUPP"),
  listxattr: () => [],
};

/** Parent and base name of a path-shaped node id ("" is the root). */
export function parentNode(node: string): string {
  const i = node.lastIndexOf("/");
  return i < 0 ? "" : node.slice(0, i);
}

export function childNode(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

/** Stable inode numbers for generated entries. */
export function hashIno(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return (h % 4000000) + 4026;
}
