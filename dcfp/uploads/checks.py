"""Uploads must never be reachable as static files: MEDIA_ROOT may not sit inside the static folders."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def media_root_outside_web_root(app_configs=None, **kwargs):
    media = Path(settings.MEDIA_ROOT).resolve()
    served = [Path(settings.STATIC_ROOT).resolve()] if settings.STATIC_ROOT else []
    for root in served:
        if media == root or root in media.parents:
            return [
                Error(
                    "MEDIA_ROOT is inside STATIC_ROOT, so uploads could be served without a permission check.",
                    hint="Set MEDIA_ROOT to a folder outside the static files.",
                    id="dcfp.uploads.E001",
                )
            ]
    return []
