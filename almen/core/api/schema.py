"""Schema post-processing: document the caching and throttling headers every public read
carries (set by ``ConditionalReadMixin`` and the throttle), once instead of per view."""

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
