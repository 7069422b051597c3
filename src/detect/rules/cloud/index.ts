import type { SecretRule } from "../../types.js";
import { awsAccessKeyId, awsSecretAccessKey } from "./aws.js";

/** Cloud providers: AWS, GCP, Azure, DigitalOcean, Alibaba, IBM, Oracle… */
export const CLOUD_RULES: readonly SecretRule[] = [awsAccessKeyId, awsSecretAccessKey];
