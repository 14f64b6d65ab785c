# syntax=docker/dockerfile:1
# The campaign worker. Sources run through tsx (a runtime dependency), so there is no build
# stage: the image holds the TypeScript as committed. Used by docker-compose.yml.
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first, so editing sources does not reinstall them.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

COPY . .

# Set after the install: npm would otherwise skip devDependencies.
ENV NODE_ENV=production

# Sources stay owned by root, so the process cannot rewrite its own code.
USER node

CMD ["node", "bin/campaign.js", "worker"]
