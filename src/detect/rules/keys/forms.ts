/**
 * The shapes a key file takes when people paste it somewhere else, for rule examples and tests:
 * each returns the text and the part of it a rule reports.
 */

/** A key block as a file holds it (without its final newline). */
export function asFile(block: string): { text: string; secret: string } {
  return { text: block, secret: block.trimEnd() };
}

/** A key in a JSON (or double-quoted YAML, .env, shell) string: newlines written as `\n`. */
export function asJsonString(block: string, before: string, after = '"'): { text: string; secret: string } {
  const secret = block.trimEnd().replace(/\n/g, "\\n");
  return { text: `${before}${secret}\\n${after}`, secret };
}

/** A key in an indented YAML `|` block under `key:`. */
export function asYamlBlock(block: string, key: string, pad = "  "): { text: string; secret: string } {
  const secret = block.trimEnd().replace(/\n/g, `\n${pad}`);
  return { text: `${key}: |\n${pad}${secret}\n`, secret };
}

/** A key in source code as concatenated string literals, one line each (`"…\n" +`). */
export function asConcatenation(block: string, before: string): { text: string; secret: string } {
  const lines = block.trimEnd().split("\n");
  const joined = lines.map((l) => `"${l}\\n"`).join(" +\n    ");
  return { text: `${before}${joined};\n`, secret: joined.slice(1, joined.length - 3) };
}
