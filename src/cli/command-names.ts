/** dredge's commands (main.ts loads each by name; the launcher keeps a code cache per command). */
export const COMMAND_NAMES = ["scan", "context", "lint", "host", "fix", "schema", "cache", "install-docker-plugin"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];
