#!/usr/bin/env python3
"""Benchmark driver for the official Python SDK, run by `cargo xtask bench`.

Takes one JSON argument naming the task and prints one JSON line of figures. The SDK
(tencentcloud-sdk-python-common and tencentcloud-sdk-python-tcss) is installed by the
xtask into a scratch virtual environment; it is not part of this repository.

Timing follows the xtask's recipe: double the calls until a round takes 60 ms, then run 15
rounds and report the fastest round's time per call.

Tasks:
  sign      the SDK's TC3 signer (AbstractClient._get_tc3_signature) on the given inputs,
            plus the UTC date and the Authorization value as the SDK assembles them;
  decode    json.loads of the seed body, then the tcss model's _deserialize of "Response",
            which is what TcssClient.DescribeK8sApiAbnormalEventInfo does with a body;
  loopback  TcssClient.DescribeK8sApiAbnormalEventInfo against the local server, from
            `concurrency` threads with one client each.
"""

import datetime
import json
import math
import resource
import sys
import threading
import time
import warnings

from tencentcloud.common import abstract_client, credential
from tencentcloud.common.http.request import RequestInternal
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile
from tencentcloud.tcss.v20201101 import models, tcss_client

ROUND_NS = 60_000_000
ROUNDS = 15


def ns_per_op(operation):
    calls = 1
    while True:
        if time_calls(operation, calls) >= ROUND_NS:
            break
        calls *= 2
    return min(time_calls(operation, calls) / calls for _ in range(ROUNDS))


def time_calls(operation, calls):
    started = time.perf_counter_ns()
    for _ in range(calls):
        operation()
    return time.perf_counter_ns() - started


def sign(task):
    inputs = task["inputs"]
    request = RequestInternal(
        host=inputs["host"],
        method="POST",
        uri="/",
        header={
            "Content-Type": "application/json",
            "Host": inputs["host"],
            "X-TC-Timestamp": str(inputs["timestamp"]),
        },
        data=inputs["body"],
    )
    timestamp = inputs["timestamp"]
    service = inputs["service"]
    secret_id = inputs["secret_id"]
    secret_key = inputs["secret_key"]

    def once():
        date = datetime.datetime.utcfromtimestamp(timestamp).strftime("%Y-%m-%d")
        signature = abstract_client.AbstractClient._get_tc3_signature(
            None, {}, request, date, service, secret_key
        )
        return (
            "TC3-HMAC-SHA256 Credential=%s/%s/%s/tc3_request, "
            "SignedHeaders=content-type;host, Signature=%s"
            % (secret_id, date, service, signature)
        )

    return {"ns_per_op": ns_per_op(once), "authorization": once()}


def decode(task):
    with open(task["seed_path"], "rb") as seed:
        body = seed.read()

    def once():
        response = json.loads(body)
        model = models.DescribeK8sApiAbnormalEventInfoResponse()
        model._deserialize(response["Response"])
        return model

    return {"ns_per_op": ns_per_op(once), "request_id": once().RequestId}


def make_client(host):
    http_profile = HttpProfile()
    http_profile.endpoint = host
    http_profile.scheme = "http"
    profile = ClientProfile(httpProfile=http_profile)
    secret = credential.Credential(task_inputs["secret_id"], task_inputs["secret_key"])
    return tcss_client.TcssClient(secret, "", profile)


def loopback(task):
    host = task["url"].split("://", 1)[1].rstrip("/")
    concurrency = task["concurrency"]
    results = [None] * concurrency

    def run_loop(index, period_s, keep):
        client = make_client(host)
        latencies = []
        errors = 0
        deadline = time.perf_counter() + period_s
        while time.perf_counter() < deadline:
            request = models.DescribeK8sApiAbnormalEventInfoRequest()
            request.ID = 10
            started = time.perf_counter_ns()
            try:
                client.DescribeK8sApiAbnormalEventInfo(request)
                latencies.append(time.perf_counter_ns() - started)
            except Exception:  # noqa: BLE001 - any failure only counts as an error
                errors += 1
        if keep:
            results[index] = (latencies, errors)

    def run_all(period_s, keep):
        threads = [
            threading.Thread(target=run_loop, args=(index, period_s, keep))
            for index in range(concurrency)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    run_all(task["warm_up_s"], False)
    started = time.perf_counter()
    run_all(task["measure_s"], True)
    seconds = time.perf_counter() - started

    latencies = sorted(value for lat, _ in results for value in lat)
    errors = sum(err for _, err in results)
    return {
        "calls": len(latencies),
        "errors": errors,
        "seconds": seconds,
        "p50_us": percentile(latencies, 0.50) / 1000.0,
        "p99_us": percentile(latencies, 0.99) / 1000.0,
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0
    rank = min(max(math.ceil(fraction * len(sorted_values)), 1), len(sorted_values))
    return sorted_values[rank - 1]


task_inputs = {}

if __name__ == "__main__":
    warnings.simplefilter("ignore")
    task = json.loads(sys.argv[1])
    task_inputs = task.get("inputs", {})
    handler = {"sign": sign, "decode": decode, "loopback": loopback}[task["task"]]
    print(json.dumps(handler(task)))
