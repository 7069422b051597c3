import { closeSync, fstatSync, openSync, readFileSync, type Stats } from "node:fs";

/**
 * Whether a file is one only this user could have written: a regular file of this user, not
 * writable by group or others. What dredge reads back from a cache it trusts (compiled code
 * V8 will run, layer results that say what a layer holds) must be, or another user sharing the
 * cache dir could run code as this user or hide a secret from a scan.
 */
function isOwnPrivateFile(s: Pick<Stats, "isFile" | "uid" | "mode">): boolean {
  const uid = process.getuid?.();
  return s.isFile() && (uid === undefined || s.uid === uid) && (s.mode & 0o022) === 0;
}

/** The file's bytes if it is `isOwnPrivateFile` (checked on the open file: a swap after the check changes nothing), else undefined. */
export function readOwnFileSync(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    return isOwnPrivateFile(fstatSync(fd)) ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
