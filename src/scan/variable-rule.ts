import { isSecretName } from "../detect/names.js";
import { isPlaceholder } from "../detect/placeholders.js";
import { isFakeValue, isPointerValue } from "../detect/values.js";
import type { Confidence, Severity } from "../detect/types.js";

/** The rule that makes a value secret because of its name (`MY_SECRET=foo`), whatever it looks like. */
export const SECRET_VARIABLE = {
  id: "secret-variable",
  kind: "generic-secret",
  title: "Value of a secret-named variable",
  severity: "high" as Severity,
  confidence: "medium" as Confidence,
  priority: 40,
  remediation: "Rotate the value; pass build-time secrets with a secret mount (RUN --mount=type=secret) and runtime secrets from the orchestrator, never as ARG/ENV/LABEL.",
};

/** True when `name=value` is a secret by its name: a secret-shaped name with a real (non-placeholder) value. */
export function isSecretAssignment(name: string, value: string): boolean {
  if (!isSecretName(name)) return false;
  const v = value.trim();
  if (v === "" || isPlaceholder(v)) return false;
  // A path to a mounted secret or a boolean switch is not the secret itself.
  if (/^\/(?:run|var\/run)\/secrets\//.test(v) || /^(?:true|false|yes|no|on|off|0|1)$/i.test(v)) return false;
  // Nor is a path, a URL without credentials, a key's fingerprint, or a value that says it is fake.
  return !isPointerValue(name, v) && !isFakeValue(v);
}
