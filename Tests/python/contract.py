"""Calling the live server and checking each answer against openapi.yaml: shared by the
end-to-end tests."""
import json
import pathlib
import urllib.error
import urllib.request

import yaml
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_PATH = pathlib.Path(__file__).resolve().parents[2] / "openapi.yaml"
SPEC = yaml.safe_load(SPEC_PATH.read_text())
REGISTRY = Registry().with_resource("urn:movierec", Resource.from_contents(SPEC, default_specification=DRAFT4))


def request(base, method, path, body=None, content_type="application/json"):
    data = None if body is None else body.encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def call(url, method="GET", body=None):
    """(status, body bytes) of a request to `url` with `body` sent as JSON."""
    status, _, raw = request(url, method, "", None if body is None else json.dumps(body))
    return status, raw


def escape(token):
    """A JSON-pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def operation(path_template, method):
    return SPEC["paths"][path_template][method.lower()]


def check(path_template, method, status, headers, body):
    """The response is documented for this operation and its body matches the schema."""
    responses = operation(path_template, method)["responses"]
    assert str(status) in responses, f"{method} {path_template} answered undocumented {status}: {body[:200]!r}"
    documented = responses[str(status)]
    pointer = "/paths/" + escape(path_template) + "/" + method.lower() + "/responses/" + str(status)
    if "$ref" in documented:
        pointer = documented["$ref"][1:]
        documented = SPEC["components"]["responses"][pointer.split("/")[-1]]
    content = documented.get("content", {})
    media = headers.get("Content-Type", "").split(";")[0]
    assert media in content, f"{method} {path_template} {status} answered {media}, documented {list(content)}"
    if media == "application/json":
        # Validated in place, so that references inside an inline schema resolve too.
        schema = {"$ref": "urn:movierec#" + pointer + "/content/" + escape(media) + "/schema"}
        OAS30Validator(schema, registry=REGISTRY).validate(json.loads(body))
    return json.loads(body) if media == "application/json" else body.decode()
