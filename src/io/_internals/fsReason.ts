/**
 * Why a file operation failed, in words, from Node's error code.
 * @internal
 */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EISDIR":
      return "it is a directory";
    case "ENOTDIR":
    // mkdir's answer when a file stands where a directory of the path should be.
    case "EEXIST":
      return "a part of the path is not a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}
