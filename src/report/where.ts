/** How reports name a place in words: shared by the text, SARIF and baseline writers. */

import type { FileLocation, Location } from "../findings/types.js";

/** One line of at most `max` characters (whitespace folded). */
export function shortText(text: string, max = 100): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? one.slice(0, max - 1) + "…" : one;
}

/** `/srv/app.war!WEB-INF/lib/app.jar!BOOT-INF/classes/application.properties`: a file inside archives. */
export function innerText(path: string, inner: readonly string[]): string {
  return [path, ...inner].join("!");
}

/** `/app/.git@3f2a9c1:config/settings.json`: a file in a `.git` store, at the first commit that has it. */
export function gitText(path: string, git: NonNullable<FileLocation["git"]>): string {
  const commit = git.commits[0] ? `@${git.commits[0].slice(0, 7)}` : "";
  return `${path}${commit}:${git.path}`;
}

/** A file location's path with what is inside it (archive members, `.git` path). */
export function filePlace(l: FileLocation): string {
  return l.git ? gitText(l.path, l.git) : l.inner?.length ? innerText(l.path, l.inner) : l.path;
}

/**
 * A place in a few words, never with a secret in it: `layer 2 /etc/app.env (deleted in layer 3)`,
 * `history #4`, `config Env.STRIPE_KEY`, `Dockerfile:3:1 RUN`, `context conf/.env`.
 */
export function placeText(l: Location): string {
  switch (l.status) {
    case "history":
      return `history #${l.history.index}`;
    case "config":
      return `config ${l.config.field}${l.config.key ? `.${l.config.key}` : ""}`;
    case "dockerfile":
      return `${l.dockerfile.file}:${l.dockerfile.line}${l.dockerfile.column ? `:${l.dockerfile.column}` : ""}${l.instruction ? ` ${l.instruction}` : ""}`;
    case "context":
      return `context ${l.git ? gitText(l.path, l.git) : l.path}`;
    default: {
      const removed = l.status === "present" ? "" : ` (${l.status}${l.removedBy ? ` in layer ${l.removedBy.index}` : ""})`;
      return `layer ${l.layer.index} ${filePlace(l)}${removed}`;
    }
  }
}
