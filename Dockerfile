# rtolab's CLI in a container: Node 20 slim, the compiled CLI (dist/), the shipped scenarios,
# traces and budgets, and a font for PNG charts (fonts-dejavu-core). The working folder is the
# package root, so `rtolab run scenarios/...` works as in a checkout and results go to
# /opt/rtolab/results (mount a volume there, or pass --out).
#
#   docker build -t rtolab:0.1.0 .
#   docker run --rm rtolab:0.1.0 --version
#   docker run --rm -v "$PWD/results:/opt/rtolab/results" rtolab:0.1.0 run scenarios/validation/mm1.yaml
#
# CI (.ci/run) builds this image and runs `rtolab --version` in it when a Docker daemon answers.

FROM node:20-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
# No scripts: `prepare` (the build) needs the sources, copied next.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
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
