"""The API's OpenAPI 3.1 document, assembled from what each endpoint, view and filter declares
about itself (`openapi_paths`, `openapi_operation`, `openapi_parameters`), with schemas
generated from the page models' `api_fields` and their StreamField blocks, so it cannot drift
from what the API serves."""
