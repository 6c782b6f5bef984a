"""Schema post-processing: document the caching and throttling headers every public read
carries (set by ``ConditionalReadMixin`` and the throttle), once instead of per view; and
make nullable references nullable under OAS 3.0."""

CACHE_HEADERS = {
    "ETag": {
        "description": "A hash of the body; send it in If-None-Match to get 304.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "When the data could last have changed; for If-Modified-Since.",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "public, max-age=… on public reads.",
        "schema": {"type": "string"},
    },
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds until the next request without a key is allowed.",
        "schema": {"type": "integer"},
    }
}


def document_http_headers(result, generator, request, public):
    for operations in result.get("paths", {}).values():
        operation = operations.get("get")
        if operation is None:
            continue
        responses = operation.get("responses", {})
        staff_only = "403" in responses
        if "200" in responses and not staff_only:
            responses["200"].setdefault("headers", {}).update(CACHE_HEADERS)
        if "429" in responses:
            responses["429"].setdefault("headers", {}).update(RETRY_AFTER)
    return result


# OAS 3.0: "nullable" only adds null to the "type" of the same schema object, so the
# {"allOf": [{"$ref": …}], "nullable": true} drf-spectacular writes for a nested serializer
# with allow_null still forbids null (strict validators say so). A oneOf with an explicit
# null alternative says what the API returns.
NULL_ALTERNATIVE = {"type": "object", "nullable": True, "enum": [None]}


def nullable_references(result, generator, request, public):
    _nullable_references(result.get("components", {}))
    _nullable_references(result.get("paths", {}))
    return result


def _nullable_references(node) -> None:
    if isinstance(node, list):
        for item in node:
            _nullable_references(item)
        return
    if not isinstance(node, dict):
        return
    one_of = node.get("oneOf")
    if one_of and any(option.get("maxLength") == 0 for option in one_of):
        # A blank-or-valid field (URLField(blank=True)): "" matches both alternatives,
        # which "oneOf" forbids; "anyOf" is what is meant.
        node["anyOf"] = node.pop("oneOf")
    all_of = node.get("allOf")
    if node.get("nullable") and "type" not in node and all_of and len(all_of) == 1:
        del node["allOf"], node["nullable"]
        node["oneOf"] = [all_of[0], dict(NULL_ALTERNATIVE)]
    for value in node.values():
        _nullable_references(value)
