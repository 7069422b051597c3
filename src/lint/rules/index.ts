import type { LintRuleMeta } from "../types.js";
import { literalSecret } from "./literal-secret.js";
import { rmLaterLayer } from "./rm-later-layer.js";
import { secretArgName } from "./secret-arg-name.js";
import { secretArgValue } from "./secret-arg-value.js";
import { secretEnv } from "./secret-env.js";
import { secretFileWrite } from "./secret-file-write.js";
import { secretLabel } from "./secret-label.js";
import { secretMountMissing } from "./secret-mount-missing.js";
import { secretMountOptional } from "./secret-mount-optional.js";
import { secretMountTilde } from "./secret-mount-tilde.js";
import { secretNotPassed } from "./secret-not-passed.js";
import { secretPrinted } from "./secret-printed.js";
import { sensitiveFileCopy } from "./sensitive-file-copy.js";

/** Every lint rule, in one explicit list. */
export const LINT_RULES: readonly LintRuleMeta[] = [
  secretArgName,
  secretArgValue,
  secretEnv,
  secretLabel,
  literalSecret,
  secretFileWrite,
  sensitiveFileCopy,
  rmLaterLayer,
  secretMountMissing,
  secretMountTilde,
  secretMountOptional,
  secretNotPassed,
  secretPrinted,
];

export {
  literalSecret,
  rmLaterLayer,
  secretArgName,
  secretArgValue,
  secretEnv,
  secretFileWrite,
  secretLabel,
  secretMountMissing,
  secretMountOptional,
  secretMountTilde,
  secretNotPassed,
  secretPrinted,
  sensitiveFileCopy,
};
