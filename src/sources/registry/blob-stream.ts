import { createHash, type Hash } from "node:crypto";
import { Readable } from "node:stream";
import { DredgeError, errorMessage } from "../../util/errors.js";
import { parseDigest } from "../blob-store.js";
import { discard, headerOf, type HttpResponse } from "./http.js";
import { sleep } from "./retry.js";

/** Starts a GET of a blob from byte `offset` (a Range request when it is not 0); throws for an error status. */
export type BlobFetch = (offset: number) => Promise<HttpResponse>;

export interface BlobStreamOptions {
  /** How many times a dropped connection is taken up again (default 5). */
  maxResumes?: number;
  /** Delay before taking up a dropped connection, by resume number (from 0). */
  backoff?: (attempt: number) => number;
}

/**
 * Network chunks (≤ 64 KiB) are handed on in pieces of this size, as a file is read: fewer pushes
 * and socket pauses while the scanner catches up. Measured on the bench image (CPU of the whole
 * scan, 3 runs): 1 MiB pieces and a 1 MiB buffer 6.3–6.5 s; each chunk passed on 6.7–7.4 s; a
 * 4 MiB buffer 7.2–8.4 s (more garbage collection); the same image from its OCI layout 6.5–7.1 s.
 */
const CHUNK = 1 << 20;

/** `bytes 100-199/200` → 100. */
function rangeStart(contentRange: string | undefined): number | undefined {
  const m = /^bytes\s+(\d+)-\d+\/(?:\d+|\*)$/i.exec(contentRange?.trim() ?? "");
  return m ? Number(m[1]) : undefined;
}

/**
 * A registry blob's stored bytes as a stream, fetched lazily on first read, hashed as they pass and
 * checked against the digest at the end (a mismatch ends the stream with an error naming both
 * digests). A connection that drops mid-blob is taken up again with a Range request from the byte
 * it stopped at; when the registry does not serve ranges, it is started over only if no byte was
 * handed on yet, else the stream fails with a clear error. Never more than the descriptor's size.
 */
export class VerifiedBlobStream extends Readable {
  private hash: Hash;
  /** Bytes read from the network (hashed), and of those, bytes handed on to the reader. */
  private received = 0;
  private handed = 0;
  /** Network chunks gathered into one push (see CHUNK). */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private response: HttpResponse | undefined;
  private connecting = false;
  private resumes = 0;
  private rangesRefused = false;
  private finished = false;

  constructor(
    private readonly digest: string,
    private readonly size: number | undefined,
    /** The blob for messages: `blob sha256:…`. */
    private readonly what: string,
    private readonly fetch: BlobFetch,
    private readonly options: BlobStreamOptions = {},
  ) {
    super({ highWaterMark: 1 << 20 });
    this.hash = createHash(parseDigest(digest).alg);
  }

  /** Forgets what was read, to start the blob over (only while nothing was handed on). */
  private restart(): void {
    this.hash = createHash(parseDigest(this.digest).alg);
    this.received = 0;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Hands the gathered bytes on; pauses the network when the reader has enough buffered. */
  private flush(): void {
    if (this.pendingBytes === 0) return;
    const chunk = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.handed += chunk.length;
    if (!this.push(chunk)) this.response?.body.pause();
  }

  override _read(): void {
    if (this.response) this.response.body.resume();
    else if (!this.connecting && !this.finished) void this.connect();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.finished = true;
    if (this.response) {
      this.response.body.removeAllListeners("data");
      this.response.body.on("error", () => {});
      this.response.body.destroy();
      this.response = undefined;
    }
    callback(err);
  }

  private fail(message: string, code = "blob-read"): void {
    if (this.destroyed) return;
    this.destroy(new DredgeError(code, `${this.what}: ${message}`));
  }

  private async connect(): Promise<void> {
    this.connecting = true;
    let res: HttpResponse;
    try {
      res = await this.fetch(this.received);
    } catch (err) {
      this.connecting = false;
      if (!this.destroyed) this.destroy(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    this.connecting = false;
    if (this.destroyed) {
      discard(res);
      return;
    }
    if (this.received > 0 && res.status === 200 && this.handed === 0) {
      // The registry ignored the Range, but nothing was handed on yet: start over with this response.
      this.restart();
    } else if (this.received > 0) {
      const start = res.status === 206 ? rangeStart(headerOf(res, "content-range")) : undefined;
      if (start !== this.received) {
        discard(res);
        this.fail(`the connection dropped after ${this.received} of ${this.size ?? "?"} bytes and the registry would not resume it from there (answered ${res.status} to a Range request); the layer was scanned only in part`);
        return;
      }
    } else if (res.status === 206 && rangeStart(headerOf(res, "content-range")) !== 0) {
      discard(res);
      this.fail(`the registry answered a whole-blob request with a partial one`);
      return;
    }
    if (/^none$/i.test(headerOf(res, "accept-ranges") ?? "")) this.rangesRefused = true;
    this.response = res;
    res.body.on("data", (chunk: Buffer) => this.onData(chunk));
    res.body.on("end", () => this.onEnd(res));
    res.body.on("error", (err) => this.onDrop(res, err));
    res.body.on("aborted", () => this.onDrop(res, new Error("connection aborted")));
  }

  private onData(chunk: Buffer): void {
    if (this.destroyed) return;
    this.received += chunk.length;
    if (this.size !== undefined && this.received > this.size) {
      this.fail(`the registry sent more than the ${this.size} bytes the manifest gives this blob`, "blob-too-large");
      return;
    }
    this.hash.update(chunk);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= CHUNK) this.flush();
  }

  private onEnd(res: HttpResponse): void {
    if (this.response !== res || this.destroyed) return;
    if (this.size !== undefined && this.received < this.size) {
      this.onDrop(res, new Error(`the response ended after ${this.received} of ${this.size} bytes`));
      return;
    }
    this.flush();
    this.response = undefined;
    this.finished = true;
    const actual = `${parseDigest(this.digest).alg}:${this.hash.digest("hex")}`;
    if (actual !== this.digest) {
      this.fail(`the registry sent content that hashes to ${actual}, but the manifest names ${this.digest}; the layer's findings come from unverified bytes`, "digest-mismatch");
      return;
    }
    this.push(null);
  }

  private onDrop(res: HttpResponse, err: Error): void {
    if (this.response !== res || this.destroyed) return;
    this.response = undefined;
    res.body.removeAllListeners("data");
    res.body.on("error", () => {});
    res.body.destroy();
    const max = this.options.maxResumes ?? 5;
    if (this.resumes >= max) {
      this.fail(`the connection dropped ${this.resumes + 1} times, the last after ${this.received} bytes (${errorMessage(err)})`);
      return;
    }
    if (this.rangesRefused && this.handed > 0) {
      this.fail(`the connection dropped after ${this.received} of ${this.size ?? "?"} bytes (${errorMessage(err)}) and the registry does not serve byte ranges, so it cannot be resumed; the layer was scanned only in part`);
      return;
    }
    if (this.rangesRefused) this.restart();
    const attempt = this.resumes++;
    this.connecting = true;
    void sleep(this.options.backoff?.(attempt) ?? 0).then(() => {
      this.connecting = false;
      if (!this.destroyed) void this.connect();
    });
  }
}
