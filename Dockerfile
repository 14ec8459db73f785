# syntax=docker/dockerfile:1
# The newsroom as one image: build once, run the same image as every instance (several
# instances must run the same build: server action ids and their encryption key are part of
# it). Untested by a build here: the development machines have no Docker. The steps are the
# ones `.ci/run` performs (npm ci, next build) on the same Node major.
#
#   docker build --build-arg NEXT_SERVER_ACTIONS_ENCRYPTION_KEY="$(openssl rand -base64 32)" -t newsroom .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e AUTH_SECRET=… \
#     -e SITE_URL=https://news.example.com -v newsroom-uploads:/var/lib/newsroom newsroom

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Fixes the key that encrypts server actions' bound arguments (and salts their ids), so that
# rebuilding the image does not break pages already open in browsers. Optional.
ARG NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
RUN NEXT_SERVER_ACTIONS_ENCRYPTION_KEY="${NEXT_SERVER_ACTIONS_ENCRYPTION_KEY}" npm run build \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS run
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    DATA_DIR=/var/lib/newsroom \
    UPLOAD_DIR=/var/lib/newsroom/uploads
RUN groupadd --system newsroom \
  && useradd --system --gid newsroom --home-dir /app --shell /usr/sbin/nologin newsroom \
  && mkdir -p /var/lib/newsroom/uploads \
  && chown -R newsroom:newsroom /var/lib/newsroom
WORKDIR /app
# The built app with production dependencies only; the server reads db/migrations and
# app/globals.css from its working directory at run time. Owned by root: read-only to the app.
COPY --from=build /app /app
USER newsroom
VOLUME ["/var/lib/newsroom"]
EXPOSE 3000
# No npm in between: SIGTERM reaches the server, which closes the database cleanly.
# scripts/serve.mjs is `next start` with the page-cache hit path in front (README, "Caching").
CMD ["node", "scripts/serve.mjs", "-H", "0.0.0.0"]
