# rtolab's CLI in a container: Node 20 slim, the compiled CLI (dist/), the shipped scenarios,
# traces and budgets, and a font for PNG charts (fonts-dejavu-core). The working folder is the
# package root, so `rtolab run scenarios/...` works as in a checkout and results go to
# /opt/rtolab/results (mount a volume there, or pass --out).
#
#   docker build -t rtolab:0.1.0 .
#   docker run --rm rtolab:0.1.0 --version
#   docker run --rm -v "$PWD/results:/opt/rtolab/results" rtolab:0.1.0 run scenarios/validation/mm1.yaml
#
# The base is a build argument, node:20-slim from Docker Hub by default. Without Docker Hub (or
# any registry), build an equivalent base from Debian packages and npm's registry, then pass it:
#
#   scripts/docker-base.sh        # -> rtolab-base:node20 (Debian 13, nodejs 20, npm 10, DejaVu)
#   docker build --network host --build-arg NODE_IMAGE=rtolab-base:node20 -t rtolab:0.1.0 .
#
# `npm ci` in the build needs registry.npmjs.org; `--network host` gives the build the host's
# network where the daemon has no bridge. CI (.ci/docker-image, run by .ci/run) builds it that
# way and checks that the image's `rtolab --version` prints package.json's version.

ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /build
COPY package.json package-lock.json ./
# No scripts: `prepare` (the build) needs the sources, copied next. No optional packages: the
# build runs only tsc, and they are platform binaries (deno's alone is ~90 MB).
RUN npm ci --ignore-scripts --omit=optional --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE}
# DejaVu Sans, the charts' font: installed unless the base has it (rtolab-base:node20 does).
RUN if [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then echo "fonts-dejavu-core: in the base image"; \
  else apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*; fi
WORKDIR /opt/rtolab
COPY package.json package-lock.json ./
# Runtime dependencies only, as the lock file pins them; no scripts (`prepare` would build).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /build/dist ./dist
COPY bin ./bin
COPY scenarios ./scenarios
COPY traces ./traces
COPY budgets ./budgets
# No src/ in the image: bin/rtolab.js runs the compiled dist/cli/main.js.
RUN ln -s /opt/rtolab/bin/rtolab.js /usr/local/bin/rtolab
ENTRYPOINT ["rtolab"]
CMD ["--help"]
