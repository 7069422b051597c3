/** HTML escaping for the HTML report: every string that is not the report's own markup goes through here. */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text safe in element content and in a double- or single-quoted attribute value. NUL and the
 * other C0/C1 controls (but tab and newline) are shown as U+FFFD: an HTML parser would drop or
 * rewrite them, and a person reading the report is better told something odd was there.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => ENTITIES[c] ?? "\ufffd");
}

/** An `href` value for a link a person may click: only http(s) URLs, anything else is no link at all. */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\/[^\s"'<>`]+$/i.test(url) ? escapeHtml(url) : undefined;
}
