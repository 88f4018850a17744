/** dpkg's database as dpkg-query reads it: /var/lib/dpkg/status paragraphs and info/PKG.list. */
import type { Sys } from "../../kernel/api";

export interface DpkgPackage {
  /** Field name -> value (the first line only of multi-line fields such as Description). */
  fields: Map<string, string>;
  /** The paragraph as stored. */
  text: string;
}

export function readText(sys: Sys, path: string): string | null {
  try {
    return sys.readFile(path);
  } catch {
    return null;
  }
}

export function dpkgArch(sys: Sys): string {
  return (readText(sys, "/var/lib/dpkg/arch") ?? "amd64\n").split("\n")[0];
}

export function readStatus(sys: Sys): DpkgPackage[] {
  const text = readText(sys, "/var/lib/dpkg/status") ?? "";
  const pkgs: DpkgPackage[] = [];
  for (const para of text.split(/\n\n+/)) {
    if (!para.trim()) continue;
    const fields = new Map<string, string>();
    for (const line of para.split("\n")) {
      const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      if (m) fields.set(m[1], m[2]);
    }
    if (fields.has("Package")) pkgs.push({ fields, text: para.trim() });
  }
  return pkgs;
}

/** The name dpkg shows where it must be unambiguous: "libc6:amd64" for a Multi-Arch: same package. */
export function nonambiguousName(p: DpkgPackage): string {
  const name = p.fields.get("Package")!;
  return p.fields.get("Multi-Arch") === "same" ? `${name}:${p.fields.get("Architecture")}` : name;
}

/** The files a package's archive installed (its .list), or null when there is none. */
export function fileList(sys: Sys, p: DpkgPackage, arch: string): string[] | null {
  const name = p.fields.get("Package")!;
  const text = readText(sys, `/var/lib/dpkg/info/${name}.list`) ?? readText(sys, `/var/lib/dpkg/info/${name}:${arch}.list`);
  return text === null ? null : text.split("\n").filter((l) => l !== "");
}

/** The three letters of dpkg -l: desired action, status, error flag. */
export function statusAbbrev(p: DpkgPackage): string {
  const [want = "unknown", eflag = "ok", status = "not-installed"] = (p.fields.get("Status") ?? "").split(" ");
  const w: Record<string, string> = { unknown: "u", install: "i", hold: "h", deinstall: "r", purge: "p" };
  const s: Record<string, string> = {
    "not-installed": "n",
    "config-files": "c",
    "half-installed": "H",
    unpacked: "U",
    "half-configured": "F",
    "triggers-awaited": "W",
    "triggers-pending": "t",
    installed: "i",
  };
  return `${w[want] ?? "u"}${s[status] ?? "n"}${eflag === "reinstreq" ? "R" : " "}`;
}
