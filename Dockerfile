# The greengraph API. Neo4j runs in its own container (see docker-compose.yml)
# or anywhere NEO4J_URI points to.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/client/package.json ./packages/client/
# Scripts wait until the sources are there (npm's prepare step builds the SDK).
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY packages ./packages
COPY src ./src
COPY schema ./schema
COPY seed ./seed
COPY web ./web
RUN npm run build && npm run web:build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY package.json package-lock.json ./
# The SDK's workspace is part of the lockfile; the server does not use it.
COPY packages/client/package.json ./packages/client/
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY schema ./schema
COPY seed ./seed
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:4000/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/src/main.js"]
