/** `dredge fix`: rewrites a Dockerfile (and its .dockerignore) so that secrets never enter a layer, when the data flow proves it safe. */

export { fix, locateDockerfile, type FixOptions, type FixResult } from "./fix.js";
export { planFixText, type PlanOptions } from "./planner.js";
export { buildCommands, type BuildCommands } from "./commands.js";
export { formatFixJson, formatFixText, fixDiff, unifiedDiff } from "./report.js";
export { applySplices, type Splice } from "./editor.js";
export { outcomeOf, type FixKind, type FixOutcome, type FixPlan, type IgnoreChange, type PlannedChange, type Refusal, type SecretToSupply } from "./types.js";
