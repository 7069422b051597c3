/**
 * The credentials a registry session holds (passwords, identity and bearer tokens, Basic header
 * values), so that any text that may echo them (a server's error body, a helper's stderr) is
 * scrubbed before it reaches a message. Messages are built without credentials to begin with;
 * this is the second line.
 */
export class CredentialScrubber {
  private readonly values = new Set<string>();

  /** Remembers a credential value (and its forms that travel in headers). */
  add(value: string | undefined): void {
    // Very short values would blank out ordinary words; nothing that short is a real credential.
    if (!value || value.length < 4) return;
    this.values.add(value);
    this.values.add(encodeURIComponent(value));
  }

  /** Remembers a username/password pair and its Basic header value. */
  addBasic(username: string, password: string): void {
    this.add(password);
    this.add(Buffer.from(`${username}:${password}`).toString("base64"));
  }

  /** The text with every remembered credential replaced by `••••`. */
  scrub(text: string): string {
    let out = text;
    // Longest first, so a value containing another is removed whole.
    for (const v of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(v).join("••••");
    return out;
  }
}
