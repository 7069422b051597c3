/** An error dredge expects and explains: bad input, unreadable image, bad usage. Never carries a secret. */
export class DredgeError extends Error {
  /** Stable short code for tests and JSON (`tar-truncated`, `digest-mismatch`, …). */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DredgeError";
    this.code = code;
  }
}

/** Bad command-line usage: exit 2. */
export class UsageError extends DredgeError {
  constructor(message: string) {
    super("usage", message);
    this.name = "UsageError";
  }
}

/** A message for any thrown value, safe to print (stack traces stay out of user output). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
