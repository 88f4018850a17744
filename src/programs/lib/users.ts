/**
 * User and group names from /etc/passwd and /etc/group, read through the process's own view of the
 * filesystem (so a container sees its image's accounts), as getpwuid/getgrgid/getpwnam/getgrnam do.
 */
import type { Sys } from "../../kernel/api";

export interface Account {
  name: string;
  id: number;
  /** Primary group (passwd only). */
  gid: number;
  home: string;
  shell: string;
  /** Member user names (group only). */
  members: string[];
}

function readTable(sys: Sys, path: string): string[][] {
  let text: string;
  try {
    text = sys.readFile(path);
  } catch {
    // A missing or unreadable database just means no names, as with glibc.
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split(":"));
}

export function passwdEntries(sys: Sys): Account[] {
  return readTable(sys, "/etc/passwd")
    .filter((f) => f.length >= 4 && /^\d+$/.test(f[2]))
    .map((f) => ({ name: f[0], id: Number(f[2]), gid: Number(f[3]), home: f[5] ?? "", shell: f[6] ?? "", members: [] }));
}

export function groupEntries(sys: Sys): Account[] {
  return readTable(sys, "/etc/group")
    .filter((f) => f.length >= 3 && /^\d+$/.test(f[2]))
    .map((f) => ({
      name: f[0],
      id: Number(f[2]),
      gid: Number(f[2]),
      home: "",
      shell: "",
      members: (f[3] ?? "").split(",").filter((m) => m !== ""),
    }));
}

/** Caches one process's lookups, the way a long listing asks for the same ids again and again. */
export class AccountNames {
  private users?: Account[];
  private groups?: Account[];
  constructor(private readonly sys: Sys) {}

  private userList(): Account[] {
    this.users ??= passwdEntries(this.sys);
    return this.users;
  }
  private groupList(): Account[] {
    this.groups ??= groupEntries(this.sys);
    return this.groups;
  }
  /** Name of a uid, or undefined. */
  user(uid: number): string | undefined {
    return this.userList().find((a) => a.id === uid)?.name;
  }
  group(gid: number): string | undefined {
    return this.groupList().find((a) => a.id === gid)?.name;
  }
  userByName(name: string): Account | undefined {
    return this.userList().find((a) => a.name === name);
  }
  groupByName(name: string): Account | undefined {
    return this.groupList().find((a) => a.name === name);
  }
}
