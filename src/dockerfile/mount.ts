/**
 * `RUN --mount=<csv>` values, parsed as BuildKit does: one CSV record (Go
 * encoding/csv rules: a field may be wrapped in double quotes, `""` inside is
 * a quote, a quote inside an unquoted field is an error, no space trimming),
 * each field `key=value` or a bare boolean key. Keys are case-insensitive;
 * `src`/`source`, `dst`/`destination`/`target`, `ro`/`readonly`,
 * `rw`/`readwrite` are synonyms. Values are not expanded here.
 */

export type MountType = "bind" | "cache" | "tmpfs" | "secret" | "ssh";

export interface MountField {
  /** Lower-cased key. */
  key: string;
  /** Undefined for a bare key (`ro`, `required`). */
  value?: string;
}

export interface RunMount {
  type: MountType;
  /** Fields in order, as written (keys lower-cased). */
  fields: MountField[];
  from?: string;
  source?: string;
  /** Mount point; relative to WORKDIR, and the WORKDIR itself when absent. */
  target?: string;
  id?: string;
  readonly: boolean;
  required?: boolean;
  sharing?: string;
  size?: string;
  mode?: string;
  uid?: string;
  gid?: string;
  /** Secret exposed as this environment variable (`env=NAME`). */
  env?: string;
  /** Secret/ssh mounts: the id BuildKit looks up (`id`, else `source`, else the base name of `target`; ssh: "default"). */
  secretId?: string;
  /** Secret mounts: where the secret file appears (`target`, else `/run/secrets/<id>`); absent when only exposed through `env`. */
  secretPath?: string;
}

export interface ParsedMount {
  mount: RunMount;
  errors: string[];
}

const MOUNT_TYPES = new Set<string>(["bind", "cache", "tmpfs", "secret", "ssh"]);
const SHARING = new Set(["shared", "private", "locked"]);

/** Go's strconv.ParseBool. */
function parseBool(v: string): boolean | undefined {
  switch (v) {
    case "1":
    case "t":
    case "T":
    case "TRUE":
    case "true":
    case "True":
      return true;
    case "0":
    case "f":
    case "F":
    case "FALSE":
    case "false":
    case "False":
      return false;
    default:
      return undefined;
  }
}

/** Reads one CSV record (Go encoding/csv, no lazy quotes, no trimming). */
export function readCsvRecord(value: string): { fields: string[]; error?: string } {
  if (value === "") return { fields: [], error: "EOF" };
  const fields: string[] = [];
  let i = 0;
  const n = value.length;
  for (;;) {
    if (value.charCodeAt(i) === 0x22) {
      let f = "";
      i++;
      for (;;) {
        const q = value.indexOf('"', i);
        if (q < 0) return { fields, error: `extraneous or missing " in quoted-field` };
        f += value.slice(i, q);
        i = q + 1;
        if (value.charCodeAt(i) === 0x22) {
          f += '"';
          i++;
          continue;
        }
        break;
      }
      fields.push(f);
      if (i >= n) return { fields };
      if (value.charCodeAt(i) !== 0x2c) return { fields, error: `extraneous or missing " in quoted-field` };
      i++;
    } else {
      const c = value.indexOf(",", i);
      const f = c < 0 ? value.slice(i) : value.slice(i, c);
      if (f.includes('"')) return { fields, error: `bare " in non-quoted-field` };
      fields.push(f);
      if (c < 0) return { fields };
      i = c + 1;
    }
    if (i >= n) {
      fields.push("");
      return { fields };
    }
  }
}

function basename(p: string): string {
  const t = p.replace(/\/+$/, "");
  if (t === "") return p === "" ? "." : "/";
  const i = t.lastIndexOf("/");
  return i >= 0 ? t.slice(i + 1) : t;
}

/** Parses the value of one `--mount` flag. */
export function parseMount(value: string): ParsedMount {
  const errors: string[] = [];
  const mount: RunMount = { type: "bind", fields: [], readonly: true };
  const csv = readCsvRecord(value);
  if (csv.error !== undefined) errors.push(`failed to parse csv mounts: ${csv.error}`);
  let roAuto = true;
  let sharingSet = false;
  for (const field of csv.fields) {
    const eq = field.indexOf("=");
    const key = (eq >= 0 ? field.slice(0, eq) : field).toLowerCase();
    if (eq < 0) {
      mount.fields.push({ key });
      switch (key) {
        case "readonly":
        case "ro":
          mount.readonly = true;
          roAuto = false;
          break;
        case "readwrite":
        case "rw":
          mount.readonly = false;
          roAuto = false;
          break;
        case "required":
          if (mount.type === "secret" || mount.type === "ssh") mount.required = true;
          else errors.push(`unexpected key '${key}' for mount type '${mount.type}'`);
          break;
        default:
          errors.push(`unexpected key '${key}' in '${field}'`);
      }
      continue;
    }
    const v = field.slice(eq + 1);
    mount.fields.push({ key, value: v });
    switch (key) {
      case "type": {
        const t = v.toLowerCase();
        if (MOUNT_TYPES.has(t)) mount.type = t as MountType;
        else errors.push(`unsupported mount type "${v}"`);
        break;
      }
      case "from":
        mount.from = v;
        break;
      case "source":
      case "src":
        mount.source = v;
        break;
      case "target":
      case "dst":
      case "destination":
        mount.target = v;
        break;
      case "readonly":
      case "ro":
      case "readwrite":
      case "rw": {
        const b = parseBool(v);
        if (b === undefined) errors.push(`invalid value for ${key}: ${v}`);
        else mount.readonly = key === "readonly" || key === "ro" ? b : !b;
        roAuto = false;
        break;
      }
      case "required": {
        if (mount.type === "secret" || mount.type === "ssh") {
          const b = parseBool(v);
          if (b === undefined) errors.push(`invalid value for ${key}: ${v}`);
          else mount.required = b;
        } else errors.push(`unexpected key '${key}' for mount type '${mount.type}'`);
        break;
      }
      case "sharing":
        if (v !== "" && !SHARING.has(v.toLowerCase())) errors.push(`unsupported sharing value "${v}"`);
        mount.sharing = v.toLowerCase();
        sharingSet = true;
        break;
      case "id":
        mount.id = v;
        break;
      case "size":
        mount.size = v;
        break;
      case "mode":
        if (!/^[0-7]+$/.test(v)) errors.push(`invalid value ${v} for mode`);
        mount.mode = v;
        break;
      case "uid":
        if (!/^[0-9]+$/.test(v)) errors.push(`invalid value ${v} for uid`);
        mount.uid = v;
        break;
      case "gid":
        if (!/^[0-9]+$/.test(v)) errors.push(`invalid value ${v} for gid`);
        mount.gid = v;
        break;
      case "env":
        mount.env = v;
        break;
      default:
        errors.push(`unexpected key '${key}' in '${field}'`);
    }
  }
  const t = mount.type;
  if (t !== "secret" && t !== "ssh" && t !== "cache") {
    if (mount.mode !== undefined) errors.push(`mode not allowed for "${t}" type mounts`);
    if (mount.uid !== undefined) errors.push(`uid not allowed for "${t}" type mounts`);
    if (mount.gid !== undefined) errors.push(`gid not allowed for "${t}" type mounts`);
  }
  if (roAuto) mount.readonly = !(t === "cache" || t === "tmpfs");
  if (sharingSet && t !== "cache") errors.push(`invalid cache sharing set for ${t} mount`);
  if (t === "secret") {
    if (mount.from !== undefined && mount.from !== "") errors.push("secret mount should not have a from");
    if (mount.source === undefined && mount.target === undefined && mount.id === undefined && mount.env === undefined) {
      errors.push("invalid secret mount. one of source, target required");
    }
    if (mount.source && mount.id) errors.push("both source and id can't be set");
  }
  if (t === "secret" || t === "ssh") {
    let id = mount.source || mount.id || "";
    if (id === "" && t === "secret" && mount.target) id = basename(mount.target);
    if (id === "" && t === "ssh") id = "default";
    if (id !== "") mount.secretId = id;
    if (t === "secret") {
      if (mount.target) mount.secretPath = mount.target;
      else if (mount.env === undefined && id !== "") mount.secretPath = "/run/secrets/" + basename(id);
    }
  }
  return { mount, errors };
}
