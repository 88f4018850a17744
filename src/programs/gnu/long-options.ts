/**
 * GNU long options that name a short option the shared implementation already has ("--all" is
 * "-a"). busybox rejects most long options; a GNU tool accepts these.
 */
import type { OptSpec } from "../lib/getopt";

const LONG: Record<string, string> = {
  ls: "all=a almost-all=A recursive=R human-readable=h directory=d inode=i size=s reverse=r classify=F numeric-uid-gid=n dereference=L quote-name=Q",
  rm: "force=f recursive=r verbose=v",
  mkdir: "parents=p verbose=v mode=m",
  rmdir: "parents=p",
  cp: "recursive=R force=f verbose=v archive=a no-clobber=n target-directory=t no-target-directory=T dereference=L interactive=i link=l symbolic-link=s update=u no-dereference=P",
  mv: "force=f interactive=i no-clobber=n verbose=v target-directory=t no-target-directory=T update=u",
  ln: "symbolic=s force=f verbose=v no-dereference=n no-target-directory=T backup=b suffix=S",
  touch: "no-create=c date=d reference=r no-dereference=h",
  stat: "format=c dereference=L terse=t file-system=f",
  du: "summarize=s human-readable=h all=a total=c max-depth=d dereference=L one-file-system=x bytes=b",
  df: "human-readable=h all=a print-type=T portability=P type=t inodes=i block-size=B",
  chmod: "recursive=R verbose=v changes=c silent=f quiet=f",
  chown: "recursive=R verbose=v changes=c silent=f quiet=f no-dereference=h",
  readlink: "canonicalize=f no-newline=n verbose=v",
  cat: "number=n number-nonblank=b show-all=A",
  basename: "multiple=a suffix=s",
};

/** The GNU long options of `name` that map onto `spec`'s short options. */
export function gnuLongOptions(name: string, spec: OptSpec): NonNullable<OptSpec["long"]> {
  const long: NonNullable<OptSpec["long"]> = {};
  for (const pair of (LONG[name] ?? "").split(" ")) {
    const [opt, short] = pair.split("=");
    if (!short) continue;
    if (spec.withArg?.includes(short)) long[opt] = { short, arg: true };
    else if (spec.flags?.includes(short)) long[opt] = { short };
  }
  return long;
}
