# syntax=docker/dockerfile:1.7
# Koers: API + built web app. Multi-stage: build the SPA with Node, the Python env with uv, run as non-root.

FROM node:20-bookworm-slim AS web
WORKDIR /app/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY openapi/ /app/openapi/
RUN npm run build

FROM python:3.11-slim-bookworm AS build
COPY --from=ghcr.io/astral-sh/uv:0.9 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY backend/ backend/
RUN uv sync --frozen --no-dev

FROM python:3.11-slim-bookworm AS runtime
RUN groupadd --system --gid 10001 koers \
    && useradd --system --uid 10001 --gid koers --home-dir /app --shell /usr/sbin/nologin koers
WORKDIR /app
COPY --from=build --chown=koers:koers /app/.venv /app/.venv
COPY --from=build --chown=koers:koers /app/backend /app/backend
COPY --chown=koers:koers alembic.ini ./
COPY --chown=koers:koers migrations/ migrations/
COPY --from=web --chown=koers:koers /app/frontend/dist /app/frontend/dist
ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    KOERS_ENV=production \
    DATA_DIR=/app/data \
    FRONTEND_DIST=/app/frontend/dist
RUN mkdir -p /app/data && chown koers:koers /app/data
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=2).status == 200 else 1)"]
# Migrations first, then uvicorn (SECRET_KEY, DATA_ENCRYPTION_KEYS and DATABASE_URL come from the environment).
CMD ["sh", "-c", "koers migrate && exec uvicorn koers.main:app --host 0.0.0.0 --port 8000 --workers ${WEB_CONCURRENCY:-2} --proxy-headers --no-access-log"]
