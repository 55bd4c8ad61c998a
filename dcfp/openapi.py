"""The API schema tells the truth about errors: every operation declares the error answers it can give.

All error bodies are DRF's: `{"detail": "..."}` for 401, 403, 404, 409 and 429, and for 400 an object of
messages by field name (a nested serializer's messages nest the same way).
"""

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import Direction

_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
_MESSAGES = {
    "type": "object",
    "description": "Messages by field name; `non_field_errors` for the request as a whole.",
    "additionalProperties": {},
}
_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _answer(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with the error answers of each operation declared beside its success,
    and the shared lists' rule that a filter given must have a value."""

    def _get_filter_parameters(self) -> list[dict[str, Any]]:
        from dcfp.lists import RememberedFilterBackend

        parameters = super()._get_filter_parameters()
        # The lists' backend refuses a filter named with no value (FilteredListApi and the views using it).
        if RememberedFilterBackend in getattr(self.view, "filter_backends", ()):
            for parameter in parameters:
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
                    schema["minLength"] = 1
        return parameters

    def _get_response_bodies(self, direction: Direction = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        takes_input = self.method in _WRITES or bool(
            self._get_filter_parameters() or self._get_pagination_parameters() or self.get_override_parameters()
        )
        names_a_record = "{" in self.path
        errors = {
            "400": ("What was sent is not valid; the messages say why.", _MESSAGES) if takes_input else None,
            "401": ("Not signed in: send an API token.", _DETAIL),
            "403": ("Signed in, but not allowed to do this to a record they may see; the reason is given.", _DETAIL),
            "404": ("No such record, or not one this person may see (never 403 for those).", _DETAIL),
            "409": (
                ("The record changed meanwhile, or is not in a state that allows this.", _DETAIL)
                if self.method in _WRITES and names_a_record
                else None
            ),
            "429": ("Too many requests: wait and try again.", _DETAIL),
        }
        for code, declared in errors.items():
            if declared is not None:
                responses.setdefault(code, _answer(*declared))
        return responses
