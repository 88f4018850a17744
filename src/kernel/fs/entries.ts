/**
 * A filesystem tree as a flat list of entries, like the members of a tar archive. Image layers are
 * built from these (the registry's recipes produce them) and `docker export`/`cp` produce them.
 */
export interface FileEntry {
  /** Relative path without leading "/" or "./", e.g. "bin/busybox". Parents precede children. */
  path: string;
  type: "file" | "dir" | "symlink" | "hardlink" | "char" | "block" | "fifo";
  /** Permission bits including setuid/setgid/sticky (07777). */
  mode: number;
  uid: number;
  gid: number;
  /** Modification time, seconds since the epoch. */
  mtime: number;
  /** File data as a byte string (see kernel/bytes.ts). */
  content?: string;
  /**
   * For executables: the simulated program the kernel runs on exec (see src/programs registry),
   * e.g. "busybox". The file's data is then a stand-in of `size` bytes (an ELF header + filler).
   */
  prog?: string;
  /** Reported size when the data is a stand-in (binaries); defaults to content length. */
  size?: number;
  /** Symlink target, or for "hardlink" the path (relative, like `path`) of the entry linked to. */
  target?: string;
  rdev?: [number, number];
  xattrs?: Record<string, string>;
}
