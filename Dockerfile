# syntax=docker/dockerfile:1
# Brigada for self-hosting. Targets:
#   app    the Next.js standalone server (node server.js), non-root, nothing but what it runs
#   tools  the source with all dependencies: migrations (npm run db:migrate), the scheduler
#          (scripts/scheduler.ts), backups (npm run db:backup / db:restore) and admin:create
# compose.yaml builds both. Nothing is downloaded at run time.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# `next build` touches no database and needs no secret; it writes .next/standalone (next.config.ts).
RUN npm run build && mkdir -p public

FROM deps AS tools
# pg_dump / pg_restore for the backup scripts (Debian 12's client is PostgreSQL 15, as compose.yaml's server).
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
COPY --chown=node:node . .
RUN mkdir -p /app/backups && chown node:node /app /app/backups
USER node
CMD ["npm", "run", "db:migrate"]

FROM ${NODE_IMAGE} AS app
WORKDIR /app
ENV NODE_ENV=production \
  NEXT_TELEMETRY_DISABLED=1 \
  PORT=3000 \
  HOSTNAME=0.0.0.0
# The standalone server with its traced node_modules (the PDF font, the migrations and PGlite's files included),
# then the static assets and public files it does not copy itself.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/public ./public
# The embedded database (only without DATABASE_URL) lives here; the node user must be able to write it.
RUN mkdir -p /app/.data && chown node:node /app /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server.js"]
