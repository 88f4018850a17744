/** Filesystem magic numbers (statfs f_type) by the names the kernel mounts them as, and busybox's names for them. */

const MAGIC: Record<string, number> = {
  ext2: 0xef53,
  ext3: 0xef53,
  ext4: 0xef53,
  overlay: 0x794c7630,
  tmpfs: 0x01021994,
  devtmpfs: 0x01021994,
  proc: 0x9fa0,
  sysfs: 0x62656572,
  cgroup2: 0x63677270,
  cgroup: 0x27e0eb,
  devpts: 0x1cd1,
  mqueue: 0x19800202,
  xfs: 0x58465342,
  btrfs: 0x9123683e,
  squashfs: 0x73717368,
  nfs: 0x6969,
  vfat: 0x4d44,
  securityfs: 0x73636673,
  debugfs: 0x64626720,
  bpf: 0xcafe4a11,
  nsfs: 0x6e736673,
};

export function fsMagic(type: string): number {
  return MAGIC[type] ?? 0;
}

/** busybox stat's human_fstype(): only the types it knows, "UNKNOWN" otherwise. */
const HUMAN: [number, string][] = [
  [0xadff, "affs"],
  [0x1cd1, "devpts"],
  [0x137d, "ext"],
  [0xef51, "ext2"],
  [0xef53, "ext2/ext3"],
  [0x3153464a, "jfs"],
  [0x58465342, "xfs"],
  [0xf995e849, "hpfs"],
  [0x9660, "isofs"],
  [0x4000, "isofs"],
  [0x4004, "isofs"],
  [0x137f, "minix"],
  [0x138f, "minix (30 char.)"],
  [0x2468, "minix v2"],
  [0x2478, "minix v2 (30 char.)"],
  [0x4d44, "msdos"],
  [0x4006, "fat"],
  [0x564c, "novell"],
  [0x6969, "nfs"],
  [0x9fa0, "proc"],
  [0x517b, "smb"],
  [0x012ff7b4, "xenix"],
  [0x012ff7b5, "sysv4"],
  [0x012ff7b6, "sysv2"],
  [0x012ff7b7, "coh"],
  [0x00011954, "ufs"],
  [0x012fd16d, "xia"],
  [0x5346544e, "ntfs"],
  [0x1021994, "tmpfs"],
  [0x52654973, "reiserfs"],
  [0x28cd3d45, "cramfs"],
  [0x7275, "romfs"],
  [0x858458f6, "romfs"],
  [0x73717368, "squashfs"],
  [0x62656572, "sysfs"],
];

export function fsTypeName(magic: number): string {
  return HUMAN.find(([m]) => m === magic)?.[1] ?? "UNKNOWN";
}
