"""The partner REST API's shared machinery: API keys, throttling, conditional GET, CSV,
errors, pagination and the "API for partners" page. Each app's endpoints live in
``<app>/api/``; the router is ``almen/api_router.py``."""
