"""Nothing typed is lost when a session times out.

When a form is posted on a session that has run out (or the timeout warning runs out in the browser),
the middleware keeps what was typed as a `Draft` for that person and page, then sends them to sign in
and back to the page. A form view restores the draft on GET in one of two ways:

    # a FormView / CreateView / UpdateView
    class NoteView(DraftRestoreMixin, FormView): ...

    # a function view's initial answers (notifications.views.actions)
    form = form_class(initial=drafts.restore_initial(request, form_class))

    # formsets, or anything else that needs the raw submitted data (a QueryDict), to bind it as the
    # incident's question pages do (notifications.views.sections):
    elif (kept := drafts.restore(request)) is not None:
        form, formset, adjusting = _forms.bound_forms(kept, form_class)

Restoring deletes the draft and tells the person, with a message, that what they typed was put back.
Files cannot be kept; passwords, one-time codes and CSRF tokens are never kept.
"""

import re
from datetime import timedelta

from django.contrib import messages
from django.http import QueryDict
from django.utils import timezone

from dcfp.accounts.models import Draft

# Never kept: credentials, one-time codes, CSRF tokens and the timeout marker itself.
_SECRET = re.compile(r"password|passwd|secret|token|csrf|otp|^code$|_dcfp_timeout", re.IGNORECASE)
DRAFT_LIFETIME = timedelta(days=7)
RESTORED_MESSAGE = "We put back what you had typed before you were signed out. Check it, then save it."


def _keepable(post: QueryDict) -> dict[str, list[str]]:
    return {key: post.getlist(key) for key in post if not _SECRET.search(key)}


def keep(request) -> bool:
    """Keep the fields posted in `request` as the signed-in person's draft of this page.

    Returns False (and keeps nothing) when nothing worth keeping was posted.
    """
    user = request.user
    if not user.is_authenticated or request.method != "POST":
        return False
    data = _keepable(request.POST)
    if not any(v.strip() for values in data.values() for v in values):
        return False
    # Drafts may name children: none outlives its lifetime, whoever it belongs to.
    Draft.objects.filter(saved_at__lt=timezone.now() - DRAFT_LIFETIME).delete()
    Draft.objects.update_or_create(
        user=user, path=request.path_info, defaults={"data": data, "saved_at": timezone.now()}
    )
    return True


def restore(request, *, announce: bool = True) -> QueryDict | None:
    """Take the person's draft of this page, if there is one, as a QueryDict; tell them it was restored."""
    user = request.user
    if not user.is_authenticated:
        return None
    draft = Draft.objects.filter(
        user=user, path=request.path_info, saved_at__gte=timezone.now() - DRAFT_LIFETIME
    ).first()
    if draft is None:
        return None
    Draft.objects.filter(pk=draft.pk).delete()
    data = QueryDict(mutable=True)
    for key, values in draft.data.items():
        data.setlist(key, values)
    if announce:
        messages.info(request, RESTORED_MESSAGE)
    return data


def initial_from(form_class, data: QueryDict, prefix: str | None = None) -> dict:
    """Turn submitted data into `initial` for an unbound form, field by field, through each widget,
    so multi-value fields (checkboxes, split dates) come back as the widget reads them."""
    initial = {}
    for name, field in form_class.base_fields.items():
        key = f"{prefix}-{name}" if prefix else name
        value = field.widget.value_from_datadict(data, {}, key)
        if value is not None and value != [] and not _SECRET.search(name):
            initial[name] = value
    return initial


def restore_initial(request, form_class, prefix: str | None = None) -> dict:
    """`initial` for `form_class` from the person's draft of this page ({} when there is none)."""
    data = restore(request)
    return initial_from(form_class, data, prefix) if data is not None else {}


class DraftRestoreMixin:
    """For Django's generic form views: on GET, a kept draft of this page becomes the form's initial data."""

    def get_initial(self):
        initial = super().get_initial()
        if self.request.method == "GET":
            initial.update(restore_initial(self.request, self.get_form_class(), self.get_prefix()))
        return initial
