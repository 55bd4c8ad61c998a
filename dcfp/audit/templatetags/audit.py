from django import template
from django.db.models import Model
from django.urls import reverse

from dcfp.audit.permissions import can_view_record_trail as _can_view_record_trail
from dcfp.permissions import Person

register = template.Library()


@register.filter
def can_view_record_trail(user: Person) -> bool:
    return _can_view_record_trail(user)


@register.simple_tag
def record_trail_url(obj: Model) -> str:
    """The audit page of a record: /audit/records/<app_label.model>/<pk>/."""
    return reverse("audit:record_trail", kwargs={"target_type": obj._meta.label_lower, "target_id": obj.pk})
