from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the requested language.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid input: each field (filter) with its messages.",
    )


BAD_REQUEST = OpenApiResponse(
    ErrorSerializer,
    description="A filter or query value is invalid; `errors` names the field.",
    examples=[
        OpenApiExample(
            "Unknown region",
            value={
                "detail": "Invalid value for: region.",
                "errors": {
                    "region": ["Select a valid choice. That choice is not one of the available."]
                },
            },
            status_codes=["400"],
        )
    ],
)
NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="No such object (or page).",
    examples=[OpenApiExample("Not found", value={"detail": "Not found."}, status_codes=["404"])],
)
UNAUTHORIZED = OpenApiResponse(
    ErrorSerializer,
    description="The API key is wrong or revoked, or the endpoint needs a staff key.",
    examples=[
        OpenApiExample(
            "Wrong key",
            value={"detail": "The API key is not valid or was revoked."},
            status_codes=["401"],
        )
    ],
)
FORBIDDEN = OpenApiResponse(
    ErrorSerializer,
    description="The key is valid but not a staff key.",
    examples=[
        OpenApiExample(
            "Partner key",
            value={"detail": "You do not have permission to perform this action."},
            status_codes=["403"],
        )
    ],
)
THROTTLED = OpenApiResponse(
    ErrorSerializer,
    description="Too many requests without a key; see the `Retry-After` header.",
    examples=[
        OpenApiExample(
            "Throttled",
            value={"detail": "Too many requests without an API key. Try again in 42 seconds."},
            status_codes=["429"],
        )
    ],
)


def page_example(item: dict) -> dict:
    """A documented list response's item: drf-spectacular puts it in a page
    (``ApiPagination.get_paginated_response_schema``), so it is not wrapped here."""
    return item


LIST_ERRORS = {400: BAD_REQUEST, 401: UNAUTHORIZED, 404: NOT_FOUND, 429: THROTTLED}
DETAIL_ERRORS = {401: UNAUTHORIZED, 404: NOT_FOUND, 429: THROTTLED}
STAFF_ERRORS = {401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND, 429: THROTTLED}
