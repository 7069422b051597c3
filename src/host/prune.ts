import { isObject } from "../util/json.js";
import { errorMessage } from "../util/errors.js";
import { refPath, type EngineClient } from "../sources/engine/client.js";
import type { CleanupStep } from "./cleanup.js";

/** What running one cleanup step did. */
export interface PruneOutcome {
  command: string;
  /** IDs removed (build cache: the records the engine deleted). */
  removed: string[];
  failed: { id: string; error: string }[];
  /** Bytes the engine says it reclaimed (build cache only). */
  reclaimed?: number;
}

/**
 * Runs the cleanup through the Engine API, step by step and ID by ID in the planned order
 * (`DELETE /containers/{id}`, `DELETE /images/{id}?noprune=1`, `POST /build/prune?all=1`): one
 * failure is reported and the rest goes on.
 */
export async function runCleanup(client: EngineClient, steps: readonly CleanupStep[]): Promise<PruneOutcome[]> {
  const outcomes: PruneOutcome[] = [];
  for (const step of steps) {
    const o: PruneOutcome = { command: step.command, removed: [], failed: [] };
    const a = step.action;
    if (a.kind === "prune-build-cache") {
      try {
        const answer = await client.json("POST", "/build/prune", { all: "1" });
        if (isObject(answer)) {
          if (Array.isArray(answer.CachesDeleted)) o.removed = answer.CachesDeleted.filter((x): x is string => typeof x === "string");
          if (typeof answer.SpaceReclaimed === "number") o.reclaimed = answer.SpaceReclaimed;
        }
      } catch (err) {
        o.failed.push({ id: "build cache", error: errorMessage(err) });
      }
    } else {
      for (const id of a.ids) {
        try {
          if (a.kind === "remove-containers") await client.json("DELETE", `/containers/${refPath(id)}`);
          else await client.json("DELETE", `/images/${refPath(id)}`, { noprune: "1" });
          o.removed.push(id);
        } catch (err) {
          o.failed.push({ id, error: errorMessage(err) });
        }
      }
    }
    outcomes.push(o);
  }
  return outcomes;
}
