"""The scrutiny programme through the API: the QA Group drafts it and records each item's outcome, the
Executive endorses it. Everyone else gets 404; the same services and rules as the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from dcfp.lists import RememberedFilterBackend, record_search
from walkabouts import permissions, selectors, services
from walkabouts.api import serializers as s
from walkabouts.api._common import allowed, call
from walkabouts.filters import ScrutinyFilter
from walkabouts.models import ScrutinyItem, ScrutinyProgramme


class ScrutinyListApi(GenericAPIView):
    """Scrutiny programmes (the QA Group and the Executive), filtered as the page is
    (walkabouts.filters.ScrutinyFilter: 400 with its messages when a filter is not valid); drafting one
    (the QA Group)."""

    # The lists' own backend: 400 with the form's messages, and a filter named with no value refused.
    filter_backends = [RememberedFilterBackend]
    filterset_class = ScrutinyFilter
    pagination_class = None
    serializer_class = s.ScrutinyProgrammeOutputSerializer
    queryset = ScrutinyProgramme.objects.none()  # for the schema generator; rows come from the selector

    def get_queryset(self):
        return selectors.scrutiny_programmes(self.request.user)

    @extend_schema(responses=s.ScrutinyProgrammeOutputSerializer(many=True), operation_id="walkabouts_scrutiny_list")
    def get(self, request):
        if not permissions.can_view_scrutiny(request.user):
            raise exceptions.NotFound()
        programmes = list(self.filter_queryset(self.get_queryset()))
        record_search(actor=request.user, filterset=self.filterset, rows=len(programmes))  # type: ignore[attr-defined]
        return Response(s.ScrutinyProgrammeOutputSerializer(programmes, many=True).data)

    @extend_schema(
        request=s.ProgrammeInputSerializer,
        responses={201: s.ScrutinyProgrammeOutputSerializer},
        operation_id="walkabouts_scrutiny_create",
    )
    def post(self, request):
        if not permissions.can_view_scrutiny(request.user):
            raise exceptions.NotFound()
        allowed(permissions.can_draft_scrutiny, request.user)
        serializer = s.ProgrammeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        programme = call(services.scrutiny_programme_create, actor=request.user, year=serializer.validated_data["year"])
        return Response(s.ScrutinyProgrammeOutputSerializer(programme).data, status=status.HTTP_201_CREATED)


def _programme(user, pk: int) -> ScrutinyProgramme:
    if not permissions.can_view_scrutiny(user):
        raise exceptions.NotFound()
    programme = ScrutinyProgramme.objects.filter(pk=pk).first()
    if programme is None:
        raise exceptions.NotFound()
    return programme


class ScrutinyItemCreateApi(APIView):
    """Add an item to a draft programme."""

    @extend_schema(
        request=s.ScrutinyItemSerializer,
        responses={201: s.ScrutinyProgrammeOutputSerializer},
        operation_id="walkabouts_scrutiny_items_create",
    )
    def post(self, request, pk: int):
        programme = _programme(request.user, pk)
        allowed(permissions.can_edit_programme, request.user, programme)
        serializer = s.ScrutinyItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(services.scrutiny_item_add, programme=programme, actor=request.user, **serializer.validated_data)
        return Response(
            s.ScrutinyProgrammeOutputSerializer(_programme(request.user, pk)).data, status=status.HTTP_201_CREATED
        )


class ScrutinyEndorseApi(APIView):
    """An Executive member endorses a draft programme."""

    @extend_schema(
        request=None, responses=s.ScrutinyProgrammeOutputSerializer, operation_id="walkabouts_scrutiny_endorse"
    )
    def post(self, request, pk: int):
        programme = _programme(request.user, pk)
        allowed(permissions.can_endorse_programme, request.user, programme)
        programme = call(services.scrutiny_programme_endorse, programme=programme, actor=request.user)
        return Response(s.ScrutinyProgrammeOutputSerializer(programme).data)


class ScrutinyItemOutcomeApi(APIView):
    """Record an item's outcome once the programme is endorsed: its findings, the learning, and how the
    lessons were spread (the QA Group)."""

    @extend_schema(
        request=s.ScrutinyOutcomeInputSerializer,
        responses=s.ScrutinyProgrammeOutputSerializer,
        operation_id="walkabouts_scrutiny_items_outcome",
    )
    def put(self, request, pk: int, item_pk: int):
        programme = _programme(request.user, pk)
        allowed(permissions.can_record_item_outcome, request.user, programme)
        item = get_object_or_404(ScrutinyItem, pk=item_pk, programme=programme)
        serializer = s.ScrutinyOutcomeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(services.scrutiny_item_record_outcome, item=item, actor=request.user, **serializer.validated_data)
        return Response(s.ScrutinyProgrammeOutputSerializer(_programme(request.user, pk)).data)
