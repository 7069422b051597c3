import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/** A member for `makeTar`: a file (data), directory, symlink, hard link, or raw typeflag. */
export interface TarSpec {
  name: string;
  data?: Buffer | string;
  type?: "file" | "dir" | "symlink" | "hardlink" | string;
  linkname?: string;
  mode?: number;
  /** Write the name through a PAX header (for names over 100 bytes or non-ASCII). */
  pax?: Record<string, string>;
  /** Write the name through a GNU long-name member. */
  gnuLongName?: boolean;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, typeflag: string, linkname = "", mode = 0o644, gnu = false): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 100), 0, "utf8");
  h.write(octal(mode, 8), 100, "latin1");
  h.write(octal(0, 8), 108, "latin1");
  h.write(octal(0, 8), 116, "latin1");
  h.write(octal(size, 12), 124, "latin1");
  h.write(octal(0, 12), 136, "latin1");
  h.write("        ", 148, "latin1");
  h.write(typeflag, 156, "latin1");
  h.write(linkname.slice(0, 100), 157, "utf8");
  if (gnu) h.write("ustar  \0", 257, "latin1");
  else h.write("ustar\x0000", 257, "latin1");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + " ", 148, "latin1");
  return h;
}

function pad(buf: Buffer): Buffer {
  const rem = buf.length % 512;
  return rem ? Buffer.concat([buf, Buffer.alloc(512 - rem)]) : buf;
}

function paxRecords(records: Record<string, string>): Buffer {
  let out = "";
  for (const [k, v] of Object.entries(records)) {
    const body = ` ${k}=${v}\n`;
    let len = Buffer.byteLength(body) + 1;
    while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
    out += `${len}${body}`;
  }
  return Buffer.from(out, "utf8");
}

const TYPEFLAGS: Record<string, string> = { file: "0", dir: "5", symlink: "2", hardlink: "1" };

/** Builds a tar archive in memory (ustar, with PAX or GNU long names on request). */
export function makeTar(specs: TarSpec[], { end = true }: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const s of specs) {
    const data = s.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(s.data) ? s.data : Buffer.from(s.data, "utf8");
    const typeflag = TYPEFLAGS[s.type ?? "file"] ?? s.type!;
    if (s.pax) {
      const body = paxRecords(s.pax);
      parts.push(header("PaxHeaders/x", body.length, "x"), pad(body));
    }
    if (s.gnuLongName) {
      const body = Buffer.from(s.name + "\0", "utf8");
      parts.push(header("././@LongLink", body.length, "L", "", 0o644, true), pad(body));
    }
    const size = typeflag === "0" || typeflag === "7" ? data.length : 0;
    parts.push(header(s.name, size, typeflag, s.linkname ?? "", s.mode ?? (typeflag === "5" ? 0o755 : 0o644), Boolean(s.gnuLongName)));
    if (size) parts.push(pad(data));
  }
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function sha256(buf: Buffer | string): string {
  return "sha256:" + createHash("sha256").update(buf).digest("hex");
}

export function gzip(buf: Buffer): Buffer {
  return gzipSync(buf);
}
