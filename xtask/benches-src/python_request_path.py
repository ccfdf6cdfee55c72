"""The request path of UCloud's official Python SDK (ucloud-sdk-python3), on the inputs the
Rust bench used: `cargo xtask bench` runs this in target/bench/venv after the Rust bench.

Times, per operation (median and fastest of 7 timeit repeats, nanoseconds):
- encode: CreateUHostInstanceRequestSchema().dumps + encoder.encode (the request flattening
  the client does in _build_http_request), with Action, Region and ProjectId as the client adds;
- sign: Credential.verify_ac over the flattened parameters;
- encode_sign: both;
- decode: json.loads of the body + DescribeUHostInstanceResponseSchema().loads;
- schema_loads: the schema step alone.
Checks that the flattened, signed parameters equal the ones the Rust SDK sends.

usage: python python_request_path.py INPUTS_DIR  (prints one JSON object)
"""

import json
import os
import statistics
import sys
import timeit
from importlib import metadata

from ucloud.core import auth
from ucloud.core.typesystem import encoder
from ucloud.services.uhost.schemas import apis


def main():
    inputs = sys.argv[1]

    def load(name):
        with open(os.path.join(inputs, name), "rb") as f:
            return f.read()

    request = json.loads(load("create_uhost_instance.json"))
    rust_params = json.loads(load("create_uhost_instance.params.json"))
    keys = json.loads(load("keys.json"))
    body = load("describe_uhost_instance.json")
    credential = auth.Credential(keys["public_key"], keys["private_key"])

    def encode():
        d = apis.CreateUHostInstanceRequestSchema().dumps(request)
        d["Action"] = "CreateUHostInstance"
        return encoder.encode(d)

    payload = encode()

    def sign():
        return credential.verify_ac(dict(payload))

    def encode_sign():
        p = encode()
        p["Signature"] = credential.verify_ac(p)
        return p

    def decode():
        return apis.DescribeUHostInstanceResponseSchema().loads(json.loads(body))

    parsed = json.loads(body)

    def schema_loads():
        return apis.DescribeUHostInstanceResponseSchema().loads(parsed)

    signed = encode_sign()
    same = signed == rust_params
    differences = sorted(
        k
        for k in set(signed) | set(rust_params)
        if signed.get(k) != rust_params.get(k)
    )
    decoded = decode()
    assert len(decoded["UHostSet"]) == 100, "the response has 100 instances"

    def timings_ns(fn):
        """(median, fastest) of 7 repeats, per call."""
        timer = timeit.Timer(fn)
        number, _ = timer.autorange()  # enough calls for 0.2 s
        runs = timer.repeat(repeat=7, number=number)
        return statistics.median(runs) / number * 1e9, min(runs) / number * 1e9

    ops = {
        "encode": encode,
        "sign": sign,
        "encode_sign": encode_sign,
        "decode": decode,
        "schema_loads": schema_loads,
    }
    timings = {name: timings_ns(fn) for name, fn in ops.items()}

    result = {
        "sdk": "ucloud-sdk-python3 " + metadata.version("ucloud-sdk-python3"),
        "python": sys.version.split()[0],
        "ns": {name: t[0] for name, t in timings.items()},
        "best_ns": {name: t[1] for name, t in timings.items()},
        "params": len(signed),
        "same_params_as_rust": same,
        "differences": differences,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
