import type { SecretRule } from "../../types.js";
import { classifyPem, decodeCanonicalBase64 } from "../keys/pem.js";
import { EC_KEY, ENCRYPTED_PKCS8_KEY, PKCS8_KEY } from "../keys/samples.js";
import { fileValue } from "./values.js";

/** kubeconfig files: `~/.kube/config`, `*.kubeconfig`, kubeadm's `/etc/kubernetes/*.conf`, k3s's `k3s.yaml`. */
export const KUBECONFIG_PATH = /(?:^|\/)(?:\.kube\/config|kubeconfig(?:\.ya?ml)?|[^/]+\.kubeconfig|etc\/kubernetes\/[^/]+\.conf|etc\/rancher\/k3s\/k3s\.yaml)$/;

const REMEDIATION = "Revoke the credential in the cluster (delete the service-account token secret, rotate the client certificate or the user's password), and mount kubeconfig at run time instead of baking it in.";
const DOCS = "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/";

/** True when base64 text decodes to a PEM private key that is a real key structure. */
function isBase64PemKey(value: string): boolean {
  const text = decodeCanonicalBase64(value)?.toString("latin1");
  const m = text && /-----BEGIN ((?:[A-Z]+ )?PRIVATE KEY)-----([\s\S]{40,16384}?)-----END \1-----/.exec(text);
  return !!m && classifyPem(m[1]!, m[2]!) !== undefined;
}

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** A client's private key in a kubeconfig: `client-key-data`, base64 of a PEM key (decoded and checked). */
export const kubeconfigClientKey: SecretRule = {
  id: "kubeconfig-client-key",
  kind: "kubeconfig-client-key",
  title: "Client private key in a kubeconfig",
  severity: "critical",
  confidence: "high",
  keywords: ["client-key-data"],
  pattern: /(?<name>client-key-data)["']?\s*:\s*["']?(?<secret>[A-Za-z0-9+/]{40,32000}={0,2})/,
  reach: 32100,
  priority: 10,
  check: (hit) => (isBase64PemKey(hit.secret) ? hit : undefined),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: `users:\n- name: admin\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJU\n    client-key-data: ${b64(EC_KEY)}\n`, secret: b64(EC_KEY) },
      { text: `{"users":[{"name":"ci","user":{"client-key-data":"${b64(PKCS8_KEY)}"}}]}`, secret: b64(PKCS8_KEY) },
      { text: `    client-key-data: "${b64(EC_KEY)}"`, secret: b64(EC_KEY), path: "/etc/kubernetes/admin.conf" },
      { text: `RUN echo 'client-key-data: ${b64(PKCS8_KEY)}' >> /root/.kube/config`, secret: b64(PKCS8_KEY) },
      { text: `client-key-data: ${b64(ENCRYPTED_PKCS8_KEY)}\n`, secret: b64(ENCRYPTED_PKCS8_KEY) },
    ],
    noMatch: [
      { text: "    client-key-data: REDACTED\n", why: "redacted (kubectl config view)" },
      { text: "    client-key-data: DATA+OMITTED\n", why: "kubectl's omitted marker" },
      { text: `    client-key-data: ${b64("-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n")}\n`, why: "base64 of an elided key" },
      { text: `    client-key-data: ${b64("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ7Hum1QICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEELH7\n-----END CERTIFICATE-----\n")}\n`, why: "a certificate, not a key" },
      { text: "    client-key-data: ${CLIENT_KEY_DATA}\n", why: "reference" },
    ],
  },
};

/** Bearer tokens in a kubeconfig's users (`token`, and the OIDC auth-provider's `id-token`/`refresh-token`). */
export const kubeconfigToken: SecretRule = {
  id: "kubeconfig-token",
  kind: "kubeconfig-token",
  title: "Bearer token in a kubeconfig",
  severity: "critical",
  confidence: "high",
  keywords: [],
  paths: KUBECONFIG_PATH,
  pattern: /^[ \t]*(?<name>token|id-token|refresh-token)[ \t]*:[ \t]*(?<secret>"[^"\r\n]{8,8192}"|'[^'\r\n]{8,8192}'|[^\s"'#][^\s#]{7,8191})/m,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "users:\n- name: deployer\n  user:\n    token: kXq7vR2pLm9tK4wZ8dNfPq3sYtGhJkLa\n", secret: "kXq7vR2pLm9tK4wZ8dNfPq3sYtGhJkLa", path: "/root/.kube/config" },
      { text: "  user:\n    token: \"abcdef.0123456789abcdef\"\n", secret: "abcdef.0123456789abcdef", path: "/etc/kubernetes/bootstrap-kubelet.conf" },
      { text: "    auth-provider:\n      config:\n        id-token: eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl\n        refresh-token: Cg9yZWZyZXNoLXRva2VuLTk5\n", secret: "Cg9yZWZyZXNoLXRva2VuLTk5", path: "/home/u/.kube/config" },
      { text: "- name: k3s\n  user:\n    token: K10f2a9b8c7d6e5f4a3b2c1d0::server:9f8e7d6c5b4a\n", secret: "K10f2a9b8c7d6e5f4a3b2c1d0::server:9f8e7d6c5b4a", path: "/etc/rancher/k3s/k3s.yaml" },
      { text: "    token: 'sha256~Zq9wE3rT5yU7iO1pA2sDfGhJkL'\n", secret: "sha256~Zq9wE3rT5yU7iO1pA2sDfGhJkL", path: "/app/prod.kubeconfig" },
    ],
    noMatch: [
      { text: "    token: <service-account-token>\n", why: "placeholder", path: "/root/.kube/config" },
      { text: "    token: ${K8S_TOKEN}\n", why: "reference", path: "/root/.kube/config" },
      { text: "    tokenFile: /var/run/secrets/token\n", why: "a path to a token", path: "/root/.kube/config" },
      { text: "    token: kXq7vR2pLm9tK4wZ8dNfPq3sYtGhJkLa\n", why: "not a kubeconfig (reported as generic-credential)", path: "/app/config/settings.yaml" },
      { text: "    token: REDACTED\n", why: "redacted", path: "/root/.kube/config" },
    ],
  },
};

/** Basic-auth passwords in a kubeconfig's users. */
export const kubeconfigPassword: SecretRule = {
  id: "kubeconfig-password",
  kind: "kubeconfig-password",
  title: "Password in a kubeconfig",
  severity: "critical",
  confidence: "high",
  keywords: [],
  paths: KUBECONFIG_PATH,
  pattern: /^[ \t]*(?<name>password)[ \t]*:[ \t]*(?<secret>"[^"\r\n]{1,1024}"|'[^'\r\n]{1,1024}'|[^\s"'#][^\s#]{0,1023})/m,
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "users:\n- name: admin\n  user:\n    username: admin\n    password: Xq7vR2pLm9tK4wZ8\n", secret: "Xq7vR2pLm9tK4wZ8", path: "/root/.kube/config" },
      { text: "    password: \"p@ss w0rd\"\n", secret: "p@ss w0rd", path: "/etc/kubernetes/admin.conf" },
      { text: "    password: hunter2\n", secret: "hunter2", path: "/home/u/.kube/config" },
      { text: "    password: 'S3cr3t!'\n", secret: "S3cr3t!", path: "/srv/cluster.kubeconfig" },
      { text: "  user:\n    password: kube-admin-42\n    username: kube\n", secret: "kube-admin-42", path: "/root/kubeconfig" },
    ],
    noMatch: [
      { text: "    password: <password>\n", why: "placeholder", path: "/root/.kube/config" },
      { text: "    password: changeme\n", why: "placeholder", path: "/root/.kube/config" },
      { text: "    password: ${KUBE_PASSWORD}\n", why: "reference", path: "/root/.kube/config" },
      { text: "    password: Xq7vR2pLm9tK4wZ8\n", why: "not a kubeconfig (reported as generic-password)", path: "/app/values.yaml" },
      { text: "    # password: Xq7vR2pLm9tK4wZ8\n", why: "comment (reported as generic-password)", path: "/root/.kube/config" },
    ],
  },
};
