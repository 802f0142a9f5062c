# syntax=docker/dockerfile:1
# The careers FAQ bot as one image: docker build -t careers-faq-bot . (see docs/deployment.md).

# ---- build: compile TypeScript, install dependencies, keep only the production ones ----
FROM node:20-bookworm-slim AS build
# better-sqlite3 (and restify's optional dtrace-provider) are native addons: node-gyp compiles them
# when no prebuilt binary can be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The manifests alone first, so this slow layer is reused until the dependencies change.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY dialogs ./dialogs
RUN npm run build
# Prune only removes packages (and puts back the nested copies botbuilder-dialogs' postinstall
# deleted, as the lockfile lists them), so no install script needs to run; --ignore-scripts keeps
# that postinstall's `npx rimraf` from running once rimraf, a dev dependency, is gone. The compiled
# better-sqlite3 binding is left as it is.
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime: what `node dist/src/index.js` reads, nothing else ----
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978 STATE_DIR=/data/state
WORKDIR /app
# package.json marks the root from which the code finds knowledge/ and resources/ (src/lib/paths.ts).
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY knowledge ./knowledge
COPY resources ./resources
# The code stays root-owned (read-only for the bot); the bot writes only under /data. data/ is a
# link to it so an empty STATE_DIR (which means the default, data/state) lands on the volume too.
RUN mkdir -p /data/state && chown -R node:node /data && ln -s /data /app/data
VOLUME /data
USER node
EXPOSE 3978
# Liveness with node itself: slim images have no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node directly, not npm start: npm would rebuild, and it does not pass SIGTERM on reliably; the
# bot handles SIGTERM itself (finishes requests for up to 5 s, closes its stores).
CMD ["node", "dist/src/index.js"]
