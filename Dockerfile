# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with tsc (type-graphql needs emitted decorator metadata).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# The image compiles src/ only (tsconfig.image.json): `npm run build` also compiles bench/, which
# imports test helpers the image has no use for. build-web.mjs bundles the browser pages into dist/web.
COPY tsconfig.json tsconfig.image.json ./
COPY src ./src
COPY scripts/build-web.mjs ./scripts/build-web.mjs
RUN npm run build:image
RUN npm prune --omit=dev

# Runtime stage: production dependencies and compiled output only, as a non-root user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data PORT=4000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY src/schema/schema.graphql ./src/schema/schema.graphql
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/cli/main.js", "serve"]
