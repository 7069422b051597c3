// Worker thread: scans the layers it is sent with the built-in rules, the config's rules and the image's known values.
import { parentPort } from "node:worker_threads";
import type { UserRuleSpec } from "../config/types.js";
import { compileUserRule } from "../config/user-rules.js";
import { Detector } from "../detect/engine.js";
import { BUILTIN_RULES } from "../detect/rules/index.js";
import type { KnownValue } from "./config-scan.js";
import { knownValueRules } from "./known-values.js";
import { layerOf, scanLayer, type LayerJob, type LayerScanOptions } from "./layer-job.js";
import { fromWire, type KnownValueWire } from "./layer-pool.js";

export interface WorkerRequest {
  id: number;
  job: LayerJob;
  known: KnownValueWire[];
  /** Changes when the known values change (one image to the next), so the detector is rebuilt only then. */
  knownKey: string;
  /** The same for every request of a pool. */
  userRules: UserRuleSpec[];
  options: LayerScanOptions;
}

let cached: { key: string; detector: Detector } | undefined;

function detectorFor(key: string, known: KnownValue[], userRules: UserRuleSpec[]): Detector {
  if (cached?.key !== key) cached = { key, detector: new Detector([...BUILTIN_RULES, ...userRules.map(compileUserRule), ...knownValueRules(known)]) };
  return cached.detector;
}

parentPort?.on("message", (req: WorkerRequest) => {
  const detector = detectorFor(req.knownKey, req.known.map(fromWire), req.userRules);
  void scanLayer(layerOf(req.job), detector, req.options).then((result) => parentPort!.postMessage({ id: req.id, result }));
});
