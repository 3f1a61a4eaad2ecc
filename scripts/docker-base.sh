#!/usr/bin/env bash
# Builds the Dockerfile's base image without any container registry, from Debian packages only:
# Debian 13 (trixie) minbase with nodejs 20.x, ca-certificates and fonts-dejavu-core (mmdebstrap,
# from deb.debian.org), npm 10 from registry.npmjs.org (`npm pack`, laid out as the node:20 images
# have it: /usr/local/lib/node_modules/npm), imported with `docker import`. Then:
#
#   scripts/docker-base.sh                         # -> rtolab-base:node20
#   docker build --network host --build-arg NODE_IMAGE=rtolab-base:node20 -t rtolab:0.1.0 .
#
# The host's own CA certificates (/usr/local/share/ca-certificates, where a TLS-inspecting proxy's
# is installed) are added to the image's trust store, so that `npm ci` in the build reaches the
# registry as the host does (Debian's nodejs trusts the system store); HOST_CAS=0 leaves them out.
#
# Usage: scripts/docker-base.sh [TAG]   (default rtolab-base:node20)
# Needs: root (or user namespaces for mmdebstrap), mmdebstrap (apt-get install mmdebstrap), npm,
# a Docker daemon. DEBIAN_MIRROR overrides http://deb.debian.org/debian. The image is tagged only
# when every step succeeded. About 2.5 minutes on a loaded 2-core machine, most of it dpkg.
set -euo pipefail
tag="${1:-rtolab-base:node20}"
suite=trixie            # Debian 13: nodejs 20.19 (bookworm has 18)
npm_version=10.8.2      # the npm that Node 20's own builds (node:20-slim) ship
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

for tool in mmdebstrap npm docker; do
  command -v "$tool" >/dev/null || { echo "docker-base: $tool is not installed" >&2; exit 1; }
done
work="$(mktemp -d "${TMPDIR:-/tmp}/rtolab-base-XXXXXX")"
trap 'rm -rf "$work"' EXIT

npm_tgz="$(cd "$work" && npm pack --silent "npm@$npm_version" | tail -1)"
host_cas=/usr/local/share/ca-certificates
if [ "${HOST_CAS:-1}" != 0 ] && [ -n "$(ls -A "$host_cas" 2>/dev/null)" ]; then
  echo "docker-base: adding the host's CA certificates to the image: $(cd "$host_cas" && echo *)"
  cas_hook="cp -a '$host_cas/.' \"\$1$host_cas/\" && chroot \"\$1\" update-ca-certificates >/dev/null 2>&1"
else
  cas_hook=true
fi

# The customize hook runs on the host with the root file system as $1; the dpkg option is
# docker's own for images (no fsync per file), kept in the image for later apt-get runs.
mmdebstrap --quiet --variant=minbase --include=nodejs,ca-certificates,fonts-dejavu-core \
  --dpkgopt=force-unsafe-io --aptopt='Acquire::Retries "3"' \
  --customize-hook="mkdir -p \"\$1/usr/local/lib/node_modules/npm\" \
    && tar -xzf '$work/$npm_tgz' -C \"\$1/usr/local/lib/node_modules/npm\" --strip-components=1 \
    && ln -s ../lib/node_modules/npm/bin/npm-cli.js \"\$1/usr/local/bin/npm\" \
    && ln -s ../lib/node_modules/npm/bin/npx-cli.js \"\$1/usr/local/bin/npx\"" \
  --customize-hook="$cas_hook" \
  "$suite" "$work/rootfs.tar" "$mirror"

docker import --change 'ENV LANG=C.UTF-8' --change 'CMD ["node"]' \
  --message "rtolab scripts/docker-base.sh: Debian $suite minbase, nodejs, npm $npm_version, fonts-dejavu-core" \
  "$work/rootfs.tar" "$tag" >/dev/null
echo "docker-base: $tag: node $(docker run --rm --network none "$tag" node --version)," \
  "npm $(docker run --rm --network none "$tag" npm --version)"
