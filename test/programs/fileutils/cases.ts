/**
 * Recorded file-utility cases: a small tree is built in a fresh directory, one command runs in it,
 * then optional check commands look at the result. Expected stdout, stderr and exit codes were
 * recorded from the real busybox 1.35 (record-busybox.ts). "$DIR" in outputs stands for the case's
 * directory, whose absolute path differs between the real machine and the simulated one.
 */

/** One node of the tree to build. Parents come before children. */
export interface FsEntry {
  path: string;
  type?: "file" | "dir" | "symlink" | "fifo";
  content?: string;
  target?: string;
  /** Permission bits (default 0644 files, 0755 directories). */
  mode?: number;
  /** mtime and atime, seconds since the epoch (default FIXED_TIME, so listings show a year). */
  mtime?: number;
}

/** 2020-01-02 03:04:05 UTC: old enough that ls -l shows the year on any clock. */
export const FIXED_TIME = 1577934245;

export interface Run {
  argv?: string[];
  /** A command line for sh -c instead of argv (for pipes). */
  sh?: string;
  stdin?: string;
  env?: Record<string, string>;
  /** Compare stdout with its lines sorted (directory order differs between filesystems). */
  sortLines?: boolean;
  stdout?: string;
  stderr?: string;
  code?: number;
}

export interface FileCase extends Run {
  /** Added to the file's shared `tree`. */
  tree?: FsEntry[];
  /** Commands run afterwards whose results are also expected. */
  checks?: Run[];
}

export interface CaseFile {
  tree: FsEntry[];
  cases: FileCase[];
}
