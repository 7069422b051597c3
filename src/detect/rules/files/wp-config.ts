import type { SecretRule } from "../../types.js";
import { fileValue } from "./values.js";

const NAMES = "DB_PASSWORD|AUTH_KEY|SECURE_AUTH_KEY|LOGGED_IN_KEY|NONCE_KEY|AUTH_SALT|SECURE_AUTH_SALT|LOGGED_IN_SALT|NONCE_SALT";

/** WordPress's database password and authentication keys/salts, `define('DB_PASSWORD', '…')` in `wp-config.php`. */
export const wordpressConfigSecret: SecretRule = {
  id: "wordpress-config-secret",
  kind: "wordpress-config-secret",
  title: "Database password or auth salt in wp-config.php",
  severity: "high",
  confidence: "high",
  keywords: [],
  paths: /(?:^|\/)wp-config(?:-[^/]*)?\.php$/,
  pattern: new RegExp(String.raw`define\(\s*(?<q1>['"])(?<name>${NAMES})\k<q1>\s*,\s*(?<q>['"])(?<secret>(?:(?!\k<q>)[^\\\r\n]|\\.){1,512})\k<q>\s*\)`),
  priority: 20,
  check: (hit) => fileValue(hit),
  remediation: "Change the database password and regenerate the keys and salts (https://api.wordpress.org/secret-key/1.1/salt/), and read them from the environment or a mounted secret.",
  docs: "https://developer.wordpress.org/apis/wp-config-php/#security-keys",
  examples: {
    match: [
      { text: "define( 'DB_PASSWORD', 'Xq7vR2pLm9tK4wZ8' );", secret: "Xq7vR2pLm9tK4wZ8", path: "/var/www/html/wp-config.php" },
      { text: "define('AUTH_KEY',         '6(P|;Wz8-v@x]kJ+N3yq0%Lr<TfG!m2s~Hd5*Ua:Ec1oZb?Yw4ViR7}OnQp9>Bj');", secret: "6(P|;Wz8-v@x]kJ+N3yq0%Lr<TfG!m2s~Hd5*Ua:Ec1oZb?Yw4ViR7}OnQp9>Bj", path: "/var/www/wp-config.php" },
      { text: 'define("NONCE_SALT", "Kq0x1GHbTNHPp9/ydCR0nYlvqtq2k+Fw7uB1VvLz");', secret: "Kq0x1GHbTNHPp9/ydCR0nYlvqtq2k+Fw7uB1VvLz", path: "/srv/site/wp-config.php" },
      { text: "define( 'DB_PASSWORD', 'it\\'s-S3cret' );", secret: "it\\'s-S3cret", path: "/var/www/html/wp-config-production.php" },
      { text: "define('SECURE_AUTH_SALT', 'hunter2hunter2');", secret: "hunter2hunter2", path: "/app/wp-config.php" },
    ],
    noMatch: [
      { text: "define( 'DB_PASSWORD', 'password_here' );", why: "wp-config-sample.php placeholder", path: "/var/www/html/wp-config.php" },
      { text: "define( 'AUTH_KEY',         'put your unique phrase here' );", why: "wp-config-sample.php placeholder", path: "/var/www/html/wp-config.php" },
      { text: "define( 'DB_PASSWORD', getenv_docker('WORDPRESS_DB_PASSWORD', 'example password') );", why: "read from the environment (the official image's wp-config-docker.php)", path: "/var/www/html/wp-config.php" },
      { text: "define( 'DB_USER', 'wordpress' );", why: "not a secret", path: "/var/www/html/wp-config.php" },
      { text: "define( 'DB_PASSWORD', 'Xq7vR2pLm9tK4wZ8' );", why: "not wp-config.php", path: "/var/www/html/readme.html" },
    ],
  },
};
