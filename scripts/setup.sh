#!/usr/bin/env bash
# Installs what the tests need and is idempotent: the Debian packages the e2e harness uses to build the
# seed scenarios (dockerd, buildah, skopeo, busybox-static, …), then the npm dependencies.
# Used by CI as: bash scripts/setup.sh && npm test
set -euo pipefail
cd "$(dirname "$0")/.."

# package -> a command (or file) it provides, checked when dpkg cannot be asked
declare -A provides=(
  [docker.io]=dockerd [buildah]=buildah [skopeo]=skopeo [docker-registry]=docker-registry
  [busybox-static]=/bin/busybox [openssl]=openssl [openssh-client]=ssh-keygen [git]=git [zstd]=zstd
  [debootstrap]=debootstrap [default-jre-headless]=keytool [libbcprov-java]=/usr/share/java/bcprov.jar
  [chromium]=/usr/bin/chromium
  [apache2-utils]=htpasswd
  [podman]=podman
  [zip]=zip [unzip]=unzip [bzip2]=bzip2 [xz-utils]=xz [default-jdk-headless]=jar [python3]=python3
)

installed() {
  # any JDK gives keytool, whichever package brought it
  if [ "$1" = default-jre-headless ] && command -v keytool >/dev/null 2>&1; then return 0; fi
  # any JDK gives jar (the archive tests build jars and wars with it)
  if [ "$1" = default-jdk-headless ] && command -v jar >/dev/null 2>&1; then return 0; fi
  if command -v dpkg-query >/dev/null 2>&1; then
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
  else
    command -v "${provides[$1]}" >/dev/null 2>&1 || [ -e "${provides[$1]}" ]
  fi
}

missing=()
for pkg in docker.io buildah skopeo docker-registry busybox-static openssl openssh-client git zstd debootstrap default-jre-headless libbcprov-java chromium apache2-utils podman zip unzip bzip2 xz-utils default-jdk-headless python3; do
  installed "$pkg" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: system packages present"
else
  command -v apt-get >/dev/null 2>&1 || { echo "setup: missing ${missing[*]} and no apt-get: install them by hand" >&2; exit 1; }
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "setup: installing ${missing[*]}"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

if [ -f package-lock.json ]; then
  echo "setup: npm ci"
  npm ci
else
  echo "setup: npm install (no package-lock.json)"
  npm install
fi
echo "setup: done"
