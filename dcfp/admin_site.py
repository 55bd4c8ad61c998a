"""The admin site, answering only the methods its pages use.

Django's admin views answer a method they do not handle with their GET page. Here a page that only
shows something answers GET and HEAD, a form page GET, HEAD and POST, and any other method is refused
with 405, like the rest of the system. The method is
looked at before the site's own sign-in check, as the other pages look at it before their permission.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as BaseAdminConfig
from django.http import HttpResponseNotAllowed
from django.views.decorators.http import require_http_methods
from django.views.generic import RedirectView

ADMIN_METHODS = ["GET", "HEAD", "POST"]
READ_METHODS = ["GET", "HEAD"]

# The admin's pages that only show something, by their view's name (and the old-style object addresses,
# which redirect); every other admin page is a form.
READ_ONLY_VIEWS = {
    "index",
    "app_index",
    "history_view",
    "password_change_done",
    "autocomplete_view",
    "i18n_javascript",
    "shortcut",
    "config_view",
    "qrcode_view",
    "catch_all_view",
}


class AdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        read_only = (
            getattr(view, "__name__", "") in READ_ONLY_VIEWS or getattr(view, "view_class", None) is RedirectView
        )
        methods = READ_METHODS if read_only else ADMIN_METHODS
        return require_http_methods(methods)(super().admin_view(view, cacheable))

    def login(self, request, extra_context=None):
        if request.method not in ADMIN_METHODS:
            return HttpResponseNotAllowed(ADMIN_METHODS)
        return super().login(request, extra_context)


class AdminConfig(BaseAdminConfig):
    default_site = "dcfp.admin_site.AdminSite"
