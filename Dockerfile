# One-node deployment: the server with the embedded SQLite store and the three front ends.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY host-console/package.json host-console/
COPY player-board/package.json player-board/
COPY big-screen/package.json big-screen/
COPY tests/package.json tests/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
COPY --from=build /app /app
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# the supervisor restarts the server if it dies (and gives up on a crash loop: then the container exits
# and compose's restart policy takes over); it passes SIGTERM on, so `docker stop` closes gracefully
CMD ["node", "scripts/supervisor.mjs", "--", "node", "--import", "tsx", "server/src/server.ts"]
