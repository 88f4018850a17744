/** POSIX errors by name, with the numbers and strerror() texts of Linux/glibc. */
export const ERRNO = {
  EPERM: [1, "Operation not permitted"],
  ENOENT: [2, "No such file or directory"],
  ESRCH: [3, "No such process"],
  EINTR: [4, "Interrupted system call"],
  EIO: [5, "I/O error"],
  ENXIO: [6, "No such device or address"],
  E2BIG: [7, "Argument list too long"],
  ENOEXEC: [8, "Exec format error"],
  EBADF: [9, "Bad file descriptor"],
  ECHILD: [10, "No child processes"],
  EAGAIN: [11, "Resource temporarily unavailable"],
  ENOMEM: [12, "Cannot allocate memory"],
  EACCES: [13, "Permission denied"],
  EFAULT: [14, "Bad address"],
  ENOTBLK: [15, "Block device required"],
  EBUSY: [16, "Device or resource busy"],
  EEXIST: [17, "File exists"],
  EXDEV: [18, "Invalid cross-device link"],
  ENODEV: [19, "No such device"],
  ENOTDIR: [20, "Not a directory"],
  EISDIR: [21, "Is a directory"],
  EINVAL: [22, "Invalid argument"],
  ENFILE: [23, "Too many open files in system"],
  EMFILE: [24, "Too many open files"],
  ENOTTY: [25, "Inappropriate ioctl for device"],
  ETXTBSY: [26, "Text file busy"],
  EFBIG: [27, "File too large"],
  ENOSPC: [28, "No space left on device"],
  ESPIPE: [29, "Illegal seek"],
  EROFS: [30, "Read-only file system"],
  EMLINK: [31, "Too many links"],
  EPIPE: [32, "Broken pipe"],
  ERANGE: [34, "Numerical result out of range"],
  ENAMETOOLONG: [36, "File name too long"],
  ENOSYS: [38, "Function not implemented"],
  ENOTEMPTY: [39, "Directory not empty"],
  ELOOP: [40, "Too many levels of symbolic links"],
  ENODATA: [61, "No data available"],
  EOPNOTSUPP: [95, "Operation not supported"],
  ENOTSOCK: [88, "Socket operation on non-socket"],
  EADDRINUSE: [98, "Address in use"],
  EADDRNOTAVAIL: [99, "Address not available"],
  ENETUNREACH: [101, "Network unreachable"],
  ECONNRESET: [104, "Connection reset by peer"],
  ENOTCONN: [107, "Transport endpoint is not connected"],
  ETIMEDOUT: [110, "Connection timed out"],
  ECONNREFUSED: [111, "Connection refused"],
  EHOSTUNREACH: [113, "No route to host"],
} as const;

export type ErrnoCode = keyof typeof ERRNO;

type StackLimited = { stackTraceLimit?: number };

/**
 * A failed system call. `message` is strerror(errno), as perror() would print it. Lookups fail with
 * ENOENT all the time, so no stack trace is captured (it was the engine's largest cost).
 */
export class Errno extends Error {
  readonly errno: number;
  readonly code: ErrnoCode;
  readonly syscall: string;
  constructor(code: ErrnoCode, syscall = "") {
    const ctor = Error as StackLimited;
    const limit = ctor.stackTraceLimit;
    ctor.stackTraceLimit = 0;
    super(ERRNO[code][1]);
    ctor.stackTraceLimit = limit;
    this.name = "Errno";
    this.code = code;
    this.syscall = syscall;
    this.errno = ERRNO[code][0];
  }
}

export function strerror(code: ErrnoCode): string {
  return ERRNO[code][1];
}

export function isErrno(e: unknown, code?: ErrnoCode): e is Errno {
  return e instanceof Errno && (code === undefined || e.code === code);
}
