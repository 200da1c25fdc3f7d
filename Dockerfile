# Production image: migrations, then uvicorn workers. Configure with DATABASE_URL and SECRET_KEY.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ENV=production WEB_CONCURRENCY=2
WORKDIR /srv/mekong

RUN useradd --create-home --uid 10001 mekong

# Dependencies first, so code changes don't reinstall them.
COPY pyproject.toml README.md ./
COPY app/__init__.py app/__init__.py
RUN pip install -e . && rm -rf /root/.cache

COPY alembic.ini ./
COPY migrations migrations
COPY app app
COPY templates templates
COPY static static
COPY translations translations
RUN pybabel compile -d translations

USER mekong
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"
CMD ["sh", "-c", "alembic upgrade head && python -m app seed reference && exec uvicorn --factory app.main:create_app --host 0.0.0.0 --port 8000 --proxy-headers --forwarded-allow-ips='*' --workers ${WEB_CONCURRENCY}"]
