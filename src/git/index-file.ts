/**
 * The staging area (`.git/index`, versions 2–4): the path of each staged blob. A blob that was
 * `git add`ed but never committed is named by it (no commit's tree holds it).
 */

import { GitFormatError } from "./options.js";

/** Most entries read (an index of millions of paths stays bounded). */
const MAX_ENTRIES = 1_000_000;

/** Staged blobs: id → paths, from an index file. Throws GitFormatError on bytes git does not write. */
export function stagedPaths(buf: Buffer, hashLen: number): Map<string, string[]> {
  if (buf.length < 12 || buf.toString("latin1", 0, 4) !== "DIRC") throw new GitFormatError("index has no DIRC signature");
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) throw new GitFormatError(`index version ${version} is not supported`);
  const count = Math.min(buf.readUInt32BE(8), MAX_ENTRIES);
  const out = new Map<string, string[]>();
  let pos = 12;
  let prev = "";
  for (let i = 0; i < count; i++) {
    const start = pos;
    const fixed = 40 + hashLen + 2;
    if (pos + fixed > buf.length) throw new GitFormatError("index entry cut short");
    const mode = buf.readUInt32BE(pos + 24);
    const id = buf.toString("hex", pos + 40, pos + 40 + hashLen);
    const flags = buf.readUInt16BE(pos + 40 + hashLen);
    pos += fixed;
    if (flags & 0x4000) {
      if (version < 3) throw new GitFormatError("index entry has extended flags in version 2");
      pos += 2;
    }
    let name: string;
    if (version === 4) {
      // The name is the previous one minus N trailing bytes, plus a NUL-terminated suffix.
      let strip = 0;
      let shift = 0;
      for (;;) {
        if (pos >= buf.length || shift > 28) throw new GitFormatError("index entry name cut short");
        const b = buf[pos++]!;
        strip += (b & 0x7f) * 2 ** shift;
        shift += 7;
        if ((b & 0x80) === 0) break;
      }
      const nul = buf.indexOf(0, pos);
      if (nul < 0 || strip > prev.length) throw new GitFormatError("index entry name malformed");
      name = prev.slice(0, prev.length - strip) + buf.toString("latin1", pos, nul);
      pos = nul + 1;
    } else {
      const nul = buf.indexOf(0, pos);
      if (nul < 0) throw new GitFormatError("index entry name cut short");
      name = buf.toString("latin1", pos, nul);
      // Entries are padded with 1–8 NULs to a multiple of 8 bytes.
      pos = start + ((nul - start + 8) & ~7);
      if (pos > buf.length) throw new GitFormatError("index entry padding cut short");
    }
    prev = name;
    const type = mode & 0o170000;
    if (type !== 0o100000 && type !== 0o120000) continue;
    const utf8 = Buffer.from(name, "latin1").toString("utf8");
    const paths = out.get(id);
    if (paths) paths.push(utf8);
    else out.set(id, [utf8]);
  }
  return out;
}
