"""Copying documents to the Executive, giving earlier copies to people who join it, and opening a copy."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Model
from django.db.models.functions import Coalesce
from django.utils import timezone

from dcfp.audit.services import access, record_many
from dcfp.copies import permissions
from dcfp.copies.models import CopiedDocument, Copy
from dcfp.copies.registry import kind_of
from dcfp.roles import Role


def executive_members():
    from dcfp.models import User

    return User.objects.filter(groups__name=Role.EXECUTIVE, is_active=True).distinct().order_by("pk")


@transaction.atomic
def copy_to_executive(*, obj: Model, subject: str, body: str, link: str) -> CopiedDocument:
    """Copy a record to every active Executive member: each gets their own Copy (which is their read
    access), a message and an email with `subject`, `body` and `link`, and their own watermarked PDF when
    they open it. Each copy is recorded in the audit trail.

    Idempotent per member: copying the same record again makes copies only for members who have none,
    and, when the message changed (a later conclusion), tells every member again with the new message.
    People who join the Executive later get the copy too (`copies_give_to_new_member`)."""
    from dcfp.alerts.services import notify

    kind_of(type(obj))  # only registered documents are copied: their PDF and access rule exist
    content_type = ContentType.objects.get_for_model(obj)
    now = timezone.now()
    document, created = CopiedDocument.objects.select_for_update().get_or_create(
        content_type=content_type,
        object_id=obj.pk,
        defaults={"reference": str(obj)[:100], "subject": subject, "body": body, "link": link, "copied_at": now},
    )
    changed = not created and (document.subject, document.body) != (subject, body)
    if changed:
        document.subject, document.body, document.link, document.updated_at = subject, body, link, now
        document.save(update_fields=["subject", "body", "link", "updated_at"])
    members = list(executive_members())
    have = set(Copy.objects.filter(document=document).values_list("member_id", flat=True))
    new = [m for m in members if m.pk not in have]
    Copy.objects.bulk_create(
        [Copy(document=document, member=m, content_type=content_type, object_id=obj.pk, made_at=now) for m in new]
    )
    record_many(
        [
            {
                "actor": None,
                "actor_label": "system",
                "action": f"{obj._meta.app_label}.executive_copy.create",
                "target": obj,
                "detail": {"member": m.pk},
            }
            for m in new
        ]
    )
    told = members if changed else new
    if told:
        notify(recipients=told, subject=subject, body=body, link=link)
    return document


@transaction.atomic
def copies_give_to_new_member(*, member) -> list[Copy]:
    """Someone has just gained the executive role: give them a copy of every document copied to the
    Executive before they joined, marked as such, without a message for each (their copies page lists
    them). Copies they already hold (from an earlier time in the role) stay as they are."""
    have = set(Copy.objects.filter(member=member).values_list("document_id", flat=True))
    now = timezone.now()
    fresh = [
        Copy(
            document_id=document_id,
            member=member,
            content_type_id=content_type_id,
            object_id=object_id,
            made_at=now,
            before_joining=True,
        )
        for document_id, content_type_id, object_id in CopiedDocument.objects.values_list(
            "id", "content_type_id", "object_id"
        ).iterator(chunk_size=2000)
        if document_id not in have
    ]
    made = Copy.objects.bulk_create(fresh, batch_size=2000)
    if made:
        record_many(
            [
                {
                    "actor": None,
                    "actor_label": "system",
                    "action": "copies.copy.give_on_joining",
                    "target": member,
                    "detail": {"copies": len(made)},
                }
            ]
        )
    return made


@transaction.atomic
def copy_open(*, obj: Model, reader) -> Copy:
    """An Executive member opens their copy (its record page or their PDF): count the opening, keep the
    first and last time, and record the read in the audit trail."""
    permissions.can_open_copy.require(reader, obj)
    now = timezone.now()
    copies = Copy.objects.filter(member=reader, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    copies.update(
        open_count=F("open_count") + 1, last_opened_at=now, first_opened_at=Coalesce(F("first_opened_at"), now)
    )
    access(actor=reader, action=f"{obj._meta.app_label}.executive_copy.open", target=obj)
    return copies.get()
