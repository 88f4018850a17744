/**
 * Recorded cases: each runs one command line against given files and stdin. The expected stdout,
 * stderr, exit code and resulting files were recorded from the real busybox 1.35 (record-busybox.ts).
 */
export interface RecordedCase {
  argv: string[];
  stdin?: string;
  /** Files to create in the working directory first; a name ending in "/" makes a directory. */
  files?: Record<string, string>;
  env?: Record<string, string>;
  /** Files whose content after the run is part of the expectation. */
  check?: string[];
  stdout?: string;
  stderr?: string;
  code?: number;
  /** Content of the `check` files after the run (null: the file does not exist). */
  after?: Record<string, string | null>;
}
