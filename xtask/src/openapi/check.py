"""Validates the OpenAPI document at sys.argv[1] (run by `cargo xtask openapi`).

1. openapi-spec-validator on the whole document: structure, references, unique operation
   ids, response and component schemas against the OpenAPI 3.1 schema dialect.
2. Each request body's schema against that dialect too: openapi-spec-validator does not
   look into request bodies.
3. For information only: how many of the pages' request and response examples are valid
   instances of their schemas (a page's example often disagrees with its own tables).
"""

import json
import sys
from urllib.parse import quote

from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def pointer(*parts):
    """A JSON pointer to parts, as a URI fragment."""
    escaped = "/".join(p.replace("~", "~0").replace("/", "~1") for p in ("",) + parts)
    return quote(escaped, safe="/~")


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    validate(doc)

    registry = Registry().with_resource(
        "urn:document", Resource.from_contents(doc, default_specification=DRAFT202012)
    )
    bodies = 0
    agree = {"request": [0, 0], "response": [0, 0]}
    for url, item in doc["paths"].items():
        for method, op in item.items():
            media = op["requestBody"]["content"][FORM]
            try:
                OAS31Validator.check_schema(media["schema"])
            except Exception as e:  # the error names the keyword and the place
                sys.exit(f"{path}: {url} {method} request body: {e}")
            bodies += 1
            for kind, where in (
                ("request", ("requestBody", "content", FORM)),
                ("response", ("responses", "200", "content", JSON)),
            ):
                media = op
                for key in where:
                    media = media[key]
                example = media.get("examples", {}).get("page")
                if example is None:
                    continue
                ref = "urn:document#" + pointer("paths", url, method, *where, "schema")
                valid = OAS31Validator({"$ref": ref}, registry=registry).is_valid(
                    example["value"]
                )
                agree[kind][0] += valid
                agree[kind][1] += 1

    print(
        f"{path}: valid OpenAPI {doc['openapi']}: {len(doc['paths'])} paths, "
        f"{len(doc['components']['schemas'])} component schemas, {bodies} request bodies"
    )
    for kind, (valid, total) in agree.items():
        print(f"  {valid} of {total} page {kind} examples are valid against their schema")


if __name__ == "__main__":
    main(sys.argv[1])
