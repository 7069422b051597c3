/** What a version-2 binary macaroon says about itself (its signature is not checked). */
export interface MacaroonV2 {
  /** Location hint (`pypi.org`), or "" when the field is absent. */
  location: string;
  identifier: Buffer;
  /** Number of caveats (restrictions) the macaroon carries. */
  caveats: number;
}

const EOS = 0;
const LOCATION = 1;
const IDENTIFIER = 2;
const VID = 4;
const SIGNATURE = 6;

/**
 * Parses a version-2 binary macaroon (the libmacaroons format PyPI tokens use): the byte 0x02,
 * then fields of (type varint, length varint, bytes): `[location] identifier EOS`, any number of
 * caveats `[location] identifier [verification id] EOS`, an EOS, and a 32-byte signature. The
 * input is untrusted: anything else, including trailing bytes, gives undefined; it never throws.
 */
export function parseMacaroonV2(bytes: Uint8Array): MacaroonV2 | undefined {
  let pos = 0;
  const varint = (): number | undefined => {
    let n = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= bytes.length) return undefined;
      const b = bytes[pos++]!;
      n += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return n;
    }
    return undefined;
  };
  /** Reads one field; `type` is EOS (with no data) or a typed field with its data. */
  const field = (): { type: number; data: Uint8Array } | undefined => {
    const type = varint();
    if (type === undefined) return undefined;
    if (type === EOS) return { type, data: new Uint8Array(0) };
    const len = varint();
    if (len === undefined || pos + len > bytes.length) return undefined;
    const data = bytes.subarray(pos, pos + len);
    pos += len;
    return { type, data };
  };
  /** A section: optional location, required identifier, optional vid (caveats only), then EOS. */
  const section = (allowVid: boolean): { location: string; identifier: Uint8Array } | undefined => {
    let f = field();
    let location = "";
    if (f?.type === LOCATION) {
      location = Buffer.from(f.data).toString("latin1");
      f = field();
    }
    if (f?.type !== IDENTIFIER || f.data.length === 0) return undefined;
    const identifier = f.data;
    f = field();
    if (allowVid && f?.type === VID) f = field();
    return f?.type === EOS ? { location, identifier } : undefined;
  };

  if (bytes[pos++] !== 2) return undefined;
  const head = section(false);
  if (!head) return undefined;
  let caveats = 0;
  for (;;) {
    if (pos >= bytes.length) return undefined;
    if (bytes[pos] === EOS) {
      pos++;
      break;
    }
    if (!section(true)) return undefined;
    caveats++;
  }
  const sig = field();
  if (sig?.type !== SIGNATURE || sig.data.length !== 32 || pos !== bytes.length) return undefined;
  return { location: head.location, identifier: Buffer.from(head.identifier), caveats };
}
