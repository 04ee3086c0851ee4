#!/usr/bin/env python3
"""Writes signing_vectors.json: TC3-HMAC-SHA256 signatures computed by the official Python SDK.

The Rust signer is checked against these vectors by tests/signing_vectors.rs. Only the SDK's
own signing function produces the expected values; this script merely chooses inputs.

Run with the SDK installed (it is not part of this repository):

    python3 -m venv /tmp/tcvenv
    /tmp/tcvenv/bin/pip install tencentcloud-sdk-python-common
    /tmp/tcvenv/bin/python crates/runtime/tests/vectors/make_signing_vectors.py

The inputs come from a seeded generator, so the output is the same on every run.
"""

import datetime
import json
import pathlib
import random

from tencentcloud.common import abstract_client
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.sign import Sign

SEED = 20201101
OUTPUT = pathlib.Path(__file__).with_name("signing_vectors.json")

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"

SERVICES = [
    ("tcss", "tcss.tencentcloudapi.com", "DescribeK8sApiAbnormalEventInfo"),
    ("tcss", "tcss.intl.tencentcloudapi.com", "DescribeAssetSummary"),
    ("tcss", "tcss.ap-guangzhou.tencentcloudapi.com", "DescribeK8sApiAbnormalEventList"),
    ("cvm", "cvm.tencentcloudapi.com", "DescribeInstances"),
    ("cvm", "cvm.ap-shanghai.tencentcloudapi.com", "RunInstances"),
    ("cbs", "cbs.intl.tencentcloudapi.com", "DescribeDisks"),
    ("vpc", "vpc.tencentcloudapi.com", "DescribeVpcs"),
    ("sts", "sts.tencentcloudapi.com", "AssumeRole"),
    ("emulator", "127.0.0.1:8080", "DescribeThings"),
    ("emulator", "localhost:39217", "DescribeThings"),
]

# Fixed bodies that exercise encodings; random JSON bodies are added below.
BODIES = [
    "",
    "{}",
    '{"Id": 1}',
    '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    '{"Name": "未命名", "Note": "日本語のテキスト"}',
    '{"Emoji": "🦀 crab 🚀", "Accents": "café naïve"}',
    '{"Text": "line\\nbreak\\ttab \\"quoted\\" back\\\\slash"}',
    '{"Big": 18446744073709551615, "Neg": -9223372036854775808, "Float": 1.5e-7}',
    "not json at all, the signer does not care",
    " \n\t ",
]

# Seconds either side of UTC midnight, and other edges of the calendar.
MIDNIGHTS = [
    datetime.datetime(2019, 2, 26, tzinfo=datetime.timezone.utc),
    datetime.datetime(2024, 3, 1, tzinfo=datetime.timezone.utc),
    datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc),
    datetime.datetime(2000, 3, 1, tzinfo=datetime.timezone.utc),
]
FIXED_TIMESTAMPS = [0, 1551113065, 1709164800, 2147483647, 4107542399]

KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def random_key(rng, length):
    return "".join(rng.choice(KEY_ALPHABET) for _ in range(length))


def random_body(rng):
    words = ["alpha", "béta", "гамма", "δέλτα", "测试", "テスト", "🙂", "x" * rng.randint(1, 40)]
    body = {
        "Id": rng.randint(0, 2**63),
        "Name": rng.choice(words),
        "Tags": [rng.choice(words) for _ in range(rng.randint(0, 4))],
        "Enabled": rng.choice([True, False]),
    }
    return json.dumps(body, ensure_ascii=rng.choice([True, False]))


def timestamps(rng):
    values = list(FIXED_TIMESTAMPS)
    for midnight in MIDNIGHTS:
        at = int(midnight.timestamp())
        values += [at - 1, at, at + 1]
    values += [rng.randint(1_500_000_000, 1_900_000_000) for _ in range(45)]
    return values


def sdk_signature(method, path, query, content_type, host, payload, timestamp, service, key):
    """Calls the SDK's TC3 signer and returns (date, hashed canonical request, signature)."""

    date = datetime.datetime.fromtimestamp(timestamp, datetime.timezone.utc).strftime("%Y-%m-%d")
    data = query if method == "GET" else payload
    request = RequestInternal(
        host=host,
        method=method,
        uri=path,
        header={"Content-Type": content_type, "Host": host, "X-TC-Timestamp": str(timestamp)},
        data=data,
    )

    # The SDK passes the hashed canonical request to Sign.sign_tc3 inside the string to
    # sign; record it on the way through.
    seen = {}
    original = Sign.sign_tc3

    def recording(secret_key, sign_date, sign_service, string_to_sign):
        seen["string_to_sign"] = string_to_sign
        return original(secret_key, sign_date, sign_service, string_to_sign)

    Sign.sign_tc3 = staticmethod(recording)
    try:
        signature = abstract_client.AbstractClient._get_tc3_signature(
            None, {}, request, date, service, key
        )
    finally:
        Sign.sign_tc3 = staticmethod(original)

    return date, seen["string_to_sign"], signature


def main():
    rng = random.Random(SEED)
    bodies = BODIES + [random_body(rng) for _ in range(10)]
    key_lengths = [1, 8, 32, 32, 40, 64, 128, 500]
    vectors = []

    for index, timestamp in enumerate(timestamps(rng)):
        service, host, action = SERVICES[index % len(SERVICES)]
        method = "GET" if index % 9 == 4 else "POST"
        if method == "GET":
            content_type = FORM
            query = "Action=%s&Limit=%d&Name=%%E6%%B5%%8B" % (action, rng.randint(1, 100))
            payload = ""
        else:
            content_type = JSON
            query = ""
            payload = bodies[index % len(bodies)]
        secret_id = "AKID" + random_key(rng, 32)
        secret_key = random_key(rng, key_lengths[index % len(key_lengths)])
        path = "/" if index % 7 else "/api/v3/"

        date, string_to_sign, signature = sdk_signature(
            method, path, query, content_type, host, payload, timestamp, service, secret_key
        )
        vectors.append(
            {
                "method": method,
                "path": path,
                "query": query,
                "content_type": content_type,
                "host": host,
                "action": action,
                "payload": payload,
                "timestamp": timestamp,
                "service": service,
                "secret_id": secret_id,
                "secret_key": secret_key,
                "date": date,
                "credential_scope": "%s/%s/tc3_request" % (date, service),
                "canonical_request_hash": string_to_sign.rsplit("\n", 1)[1],
                "string_to_sign": string_to_sign,
                "signature": signature,
            }
        )

    document = {
        "generator": "tests/vectors/make_signing_vectors.py with tencentcloud-sdk-python-common",
        "signed_headers": "content-type;host",
        "vectors": vectors,
    }
    OUTPUT.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("wrote %d vectors to %s" % (len(vectors), OUTPUT))


if __name__ == "__main__":
    main()
