"""What the walkabout pages share: putting a service's messages on a form, what was typed before a session
timed out put back on it, and the generic form page."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse

from dcfp.accounts import drafts


def apply_errors(error: ValidationError, form) -> None:
    """A service's messages on the form: a named field's next to it, the rest at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def kept_initial(request, form_class, initial: dict | None = None) -> dict:
    """On GET, `initial` overlaid with what the person typed before their session timed out
    (dcfp.accounts.drafts); files are never kept, so an upload is chosen again."""
    initial = dict(initial or {})
    if request.method == "GET":
        initial.update(drafts.restore_initial(request, form_class))
    return initial


def form_page(
    request,
    form,
    *,
    title: str,
    caption: str = "",
    button: str = "Save",
    cancel: str = "",
    intro: str = "",
    multipart: bool = False,
    status: int = 200,
):
    if cancel and not cancel.startswith("/"):
        cancel = reverse(cancel)
    return render(
        request,
        "walkabouts/form.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "button": button,
            "cancel": cancel,
            "intro": intro,
            "multipart": multipart,
        },
        status=status,
    )
