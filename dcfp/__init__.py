"""The partnership core: organisations, areas, people and roles; settings and shared services."""

from dcfp.celery import app as celery_app

__all__ = ["celery_app"]
