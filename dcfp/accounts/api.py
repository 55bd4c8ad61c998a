"""The API's view of the person calling it."""

from csp.decorators import csp_update
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from dcfp.roles import roles_of


class MeApi(APIView):
    """Who is calling: their name, email, organisation and roles. Only ever the caller themselves."""

    class OutputSerializer(serializers.Serializer):
        full_name = serializers.CharField()
        email = serializers.EmailField()
        organisation = serializers.CharField(source="organisation.name")
        roles = serializers.ListField(child=serializers.CharField())

    serializer_class = OutputSerializer

    def get(self, request):
        user = request.user
        data = {"full_name": user.full_name, "email": user.email, "organisation": user.organisation, "roles": []}
        data["roles"] = sorted(roles_of(user))
        return Response(self.OutputSerializer(data).data)


# Swagger UI, served from our own static files. Its stylesheet draws its icons as data: SVG images, so
# this one page also allows data: images; scripts and styles stay our own files only.
api_docs = csp_update({"img-src": ["data:"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="accounts/swagger_ui.html")
)
