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
   * e.g. "busybox", and the machine the binary was built for when it is not x86-64:
   * "busybox@arm64" (see progFor). The file's data is then a stand-in of `size` bytes (an ELF
   * header + filler).
   */
  prog?: string;
  /** Reported size when the data is a stand-in (binaries); defaults to content length. */
  size?: number;
  /** Symlink target, or for "hardlink" the path (relative, like `path`) of the entry linked to. */
  target?: string;
  rdev?: [number, number];
  xattrs?: Record<string, string>;
}

/**
 * Machines a stand-in binary can be built for, by the names images use (OCI "architecture"), and
 * their ELF e_machine. The simulated host is x86-64, so a reference without "@arch" is an amd64
 * binary (host binaries and every amd64 image keep their plain program names).
 */
export const ELF_MACHINES = { amd64: 0x3e, arm64: 0xb7 } as const;
export type BinaryArch = keyof typeof ELF_MACHINES;

/** The program reference of `prog` built for `arch`: "busybox", "busybox@arm64". */
export function progFor(prog: string, arch: BinaryArch): string {
  return arch === "amd64" ? prog : `${prog}@${arch}`;
}

/** A program reference split into the program it simulates and the machine it was built for. */
export function progParts(ref: string): { prog: string; arch: BinaryArch } {
  const at = ref.lastIndexOf("@");
  const arch = ref.slice(at + 1);
  if (at > 0 && Object.keys(ELF_MACHINES).includes(arch)) return { prog: ref.slice(0, at), arch: arch as BinaryArch };
  return { prog: ref, arch: "amd64" };
}

/**
 * The ELF header a stand-in binary starts with: 64-bit, little-endian, an executable (e_type 2)
 * for its machine (e_machine), then the program reference in clear text.
 */
export function standInHeader(ref: string): string {
  const machine = String.fromCharCode(ELF_MACHINES[progParts(ref).arch]);
  return `\x7fELF\x02\x01\x01\x00${"\0".repeat(8)}\x02\x00${machine}\x00 simulated program: ${ref}\n`;
}
