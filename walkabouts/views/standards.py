"""The Section 11 standards, every version, for the QA Group and agency leads."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from walkabouts import permissions
from walkabouts.models import StandardVersion


@login_required
def standards(request):
    if not permissions.can_list_assessments(request.user):
        raise Http404
    versions = StandardVersion.objects.prefetch_related("standards").order_by("-number")
    return render(request, "walkabouts/standards.html", {"versions": versions})
