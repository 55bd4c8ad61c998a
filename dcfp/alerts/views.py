"""The message centre and the list of emails sent to me. Each person sees only their own: another
person's message answers 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from dcfp.alerts import selectors, services

PAGE_SIZE = 50


@login_required
@require_safe
def message_list(request):
    """The person's messages, newest first, a page at a time (keyset paging: "Older messages" carries
    the last row's id, so no page counts the mailbox or skips rows with OFFSET)."""
    page = selectors.message_page(request.user, before=request.GET.get("before"), size=PAGE_SIZE)
    return render(
        request,
        "alerts/message_list.html",
        {
            "page": page,
            "unread": [m for m in page.rows if not m.is_read],
            "read": [m for m in page.rows if m.is_read],
        },
    )


@login_required
@require_safe
def message_detail(request, pk: int):
    message = get_object_or_404(selectors.messages_for(request.user), pk=pk)
    was_unread = not message.is_read
    services.message_mark_read(message=message)
    return render(request, "alerts/message_detail.html", {"message": message, "was_unread": was_unread})


@login_required
@require_safe
def email_list(request):
    """The emails sent to the person, newest first, paged like the message centre (keyset: "Older emails"
    carries the last row's id, so no page counts them)."""
    page = selectors.email_page(request.user, before=request.GET.get("before"), size=PAGE_SIZE)
    return render(request, "alerts/email_list.html", {"page": page})
