import type { SecretRule } from "../../types.js";
import { accept } from "./shared.js";

/** Cloudinary API secrets: in a `cloudinary://key:secret@cloud` URL or next to their usual names. */
export const cloudinaryApiSecret: SecretRule = {
  id: "cloudinary-api-secret",
  kind: "cloudinary-api-secret",
  title: "Cloudinary API secret",
  severity: "high",
  confidence: "high",
  keywords: ["cloudinary"],
  pattern:
    /(?:cloudinary:\/\/[0-9]{10,20}:|(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,20}?cloudinary_?(?:api_?)?secret)\\?["']?(?:[ \t]*(?:=>|:=|=|:)[ \t]*|[ \t]+)\\?["']?)(?<secret>[A-Za-z0-9_-]{27})(?![A-Za-z0-9_*-])/i,
  priority: 10,
  check: accept({ shape: /^[A-Za-z0-9_-]{27}$/, entropy: 3.5 }),
  remediation: "Create a new API key pair in the Cloudinary console (Settings → API Keys), move the apps to it, then deactivate and delete the old pair.",
  docs: "https://cloudinary.com/documentation/how_to_integrate_cloudinary",
  examples: {
    match: [
      { text: "CLOUDINARY_URL=cloudinary://575500310063467:l6aRV377kmyEOIF9vZoOR-x4dkt@shop-media", secret: "l6aRV377kmyEOIF9vZoOR-x4dkt" },
      { text: "CLOUDINARY_API_SECRET=kUWBZI35S1_Eli_LOvBHW09p9eB", secret: "kUWBZI35S1_Eli_LOvBHW09p9eB" },
      { text: "cloudinary:\n  cloudinary_secret: 'bKRQf83K4z0I_eTtUigWEVy_gl_'\n", secret: "bKRQf83K4z0I_eTtUigWEVy_gl_" },
      { text: 'config.url = "cloudinary://433955546260900:g17fcnga4mYDPieMDFG3I2g2Nhb@demo-cloud";', secret: "g17fcnga4mYDPieMDFG3I2g2Nhb" },
      { text: '{"CloudinaryApiSecret": "1gHPxR5xpB6BinJoEZjOq7DmCsw"}', secret: "1gHPxR5xpB6BinJoEZjOq7DmCsw" },
    ],
    noMatch: [
      { text: "CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>", why: "placeholder" },
      { text: "CLOUDINARY_URL=cloudinary://123456789012345:abcdefghijklmnopqrstuvwxyza@my-cloud", why: "documentation-style sequence" },
      { text: "CLOUDINARY_API_SECRET=YCtzECfw_504drMWvZvrbcrJfz", why: "one character short" },
      { text: "CLOUDINARY_API_SECRET=***************************", why: "mask" },
      { text: "CLOUDINARY_API_SECRET=${CLOUDINARY_API_SECRET}", why: "reference" },
    ],
  },
};
