# The production image: web (gunicorn), worker and beat all run from it (see docker-compose.yml).

# Front end: GOV.UK Frontend and the other npm packages, and the compiled stylesheet.
FROM node:20-bookworm-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ frontend/
RUN npm run build

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=dcfp.settings.production \
    DCFP_VAR_DIR=/var/lib/dcfp

# WeasyPrint's system libraries (Pango with FreeType, HarfBuzz subsetting) for the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Python packages first, pinned by the lock, so this layer is rebuilt only when a pin changes.
COPY pyproject.toml README.md ./
COPY requirements/constraints.txt requirements/constraints.txt
RUN mkdir -p dcfp && touch dcfp/__init__.py \
    && pip install -c requirements/constraints.txt -e . \
    && rm -rf dcfp dcfp_safeguarding.egg-info

COPY . .
RUN pip install --no-deps -c requirements/constraints.txt -e .
COPY --from=frontend /app/node_modules node_modules
COPY --from=frontend /app/static_build static_build

# Static files are collected at build time (the settings for static files are the same in every mode).
RUN DJANGO_SETTINGS_MODULE=dcfp.settings.base DCFP_VAR_DIR=/tmp/dcfp-build \
    python manage.py collectstatic --noinput --verbosity 0 \
    && rm -rf /tmp/dcfp-build

RUN useradd --system --create-home --home-dir /home/dcfp dcfp \
    && mkdir -p /var/lib/dcfp \
    && chown dcfp /var/lib/dcfp
USER dcfp
VOLUME /var/lib/dcfp
EXPOSE 8000
CMD ["gunicorn", "dcfp.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
