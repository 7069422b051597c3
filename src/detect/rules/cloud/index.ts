import type { SecretRule } from "../../types.js";
import { akamaiEdgegridClientSecret, akamaiEdgegridToken } from "./akamai.js";
import { alibabaAccessKeyId, alibabaAccessKeySecret } from "./alibaba.js";
import { amazonMwsAuthToken } from "./amazon-mws.js";
import { awsAccessKeyId, awsSecretAccessKey } from "./aws.js";
import { awsBedrockApiKey, awsBedrockShortTermApiKey } from "./aws-bedrock.js";
import { awsSessionToken } from "./aws-session.js";
import { azureAppConfigurationConnectionString } from "./azure-app-config.js";
import { azureDevopsPat } from "./azure-devops.js";
import { azureEntraClientSecret } from "./azure-entra.js";
import { azureSharedAccessKey } from "./azure-messaging.js";
import { azureCosmosDbKey, azureSasToken, azureStorageAccountKey } from "./azure-storage.js";
import { backblazeB2ApplicationKey, backblazeB2ApplicationKeyId } from "./backblaze.js";
import { cloudinaryApiSecret } from "./cloudinary.js";
import {
  digitaloceanOauthToken,
  digitaloceanPersonalAccessToken,
  digitaloceanRefreshToken,
  digitaloceanSpacesAccessKey,
  digitaloceanSpacesSecretKey,
} from "./digitalocean.js";
import { fastlyApiToken } from "./fastly.js";
import { gcpApiKey, gcpOauthAccessToken, gcpOauthClientSecret, gcpOauthRefreshToken } from "./gcp.js";
import { gcpServiceAccountKey } from "./gcp-service-account.js";
import { hetznerCloudApiToken } from "./hetzner.js";
import { huaweiCloudAccessKeyId, huaweiCloudSecretAccessKey } from "./huawei.js";
import { ibmCloudApiKey, ibmCosHmacSecret } from "./ibm.js";
import { linodeApiToken } from "./linode.js";
import { oracleOciKeyPassphrase } from "./oracle.js";
import { ovhApplicationSecret, ovhConsumerKey } from "./ovh.js";
import { scalewayAccessKey, scalewaySecretKey } from "./scaleway.js";
import { tencentCloudSecretId, tencentCloudSecretKey } from "./tencent.js";
import { vultrApiKey } from "./vultr.js";

/** Cloud providers: AWS, GCP, Azure, DigitalOcean, Alibaba, Tencent, Huawei, IBM, Oracle, hosting and CDN clouds. */
export const CLOUD_RULES: readonly SecretRule[] = [
  awsAccessKeyId,
  awsSecretAccessKey,
  awsSessionToken,
  awsBedrockApiKey,
  awsBedrockShortTermApiKey,
  amazonMwsAuthToken,
  gcpServiceAccountKey,
  gcpApiKey,
  gcpOauthClientSecret,
  gcpOauthRefreshToken,
  gcpOauthAccessToken,
  azureStorageAccountKey,
  azureCosmosDbKey,
  azureSasToken,
  azureEntraClientSecret,
  azureSharedAccessKey,
  azureDevopsPat,
  azureAppConfigurationConnectionString,
  digitaloceanPersonalAccessToken,
  digitaloceanOauthToken,
  digitaloceanRefreshToken,
  digitaloceanSpacesAccessKey,
  digitaloceanSpacesSecretKey,
  alibabaAccessKeyId,
  alibabaAccessKeySecret,
  tencentCloudSecretId,
  tencentCloudSecretKey,
  huaweiCloudAccessKeyId,
  huaweiCloudSecretAccessKey,
  ibmCloudApiKey,
  ibmCosHmacSecret,
  oracleOciKeyPassphrase,
  linodeApiToken,
  vultrApiKey,
  hetznerCloudApiToken,
  scalewayAccessKey,
  scalewaySecretKey,
  ovhApplicationSecret,
  ovhConsumerKey,
  backblazeB2ApplicationKey,
  backblazeB2ApplicationKeyId,
  cloudinaryApiSecret,
  akamaiEdgegridClientSecret,
  akamaiEdgegridToken,
  fastlyApiToken,
];
