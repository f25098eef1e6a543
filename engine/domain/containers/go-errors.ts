// Go's *os.PathError text ("open /x: no such file or directory"), which docker prints for file errors.
const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory', EACCES: 'permission denied', ENOTDIR: 'not a directory', EISDIR: 'is a directory',
  EEXIST: 'file exists', ENOTEMPTY: 'directory not empty', EROFS: 'read-only file system', ELOOP: 'too many levels of symbolic links',
  EXDEV: 'invalid cross-device link', EPERM: 'operation not permitted', ENOSPC: 'no space left on device', EBUSY: 'device or resource busy',
  EINVAL: 'invalid argument', ENAMETOOLONG: 'file name too long',
};

/** syscall.Errno's text for a Node errno code. */
export const errnoText = (code: string | undefined, fallback = 'unknown error') => (code && ERRNO_TEXT[code]) || fallback;

/** `${op} ${path}: ${errno text}` from a Node fs error. */
export function goPathError(op: string, path: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return `${op} ${path}: ${errnoText(err.code, err.message)}`;
}

export const isErrno = (e: unknown, code: string) => (e as NodeJS.ErrnoException)?.code === code;
