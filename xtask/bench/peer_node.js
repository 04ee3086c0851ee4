#!/usr/bin/env node
// Benchmark driver for the official Node.js SDK, run by `cargo xtask bench`.
//
// Takes one JSON argument naming the task and prints one JSON line of figures. The SDK
// (tencentcloud-sdk-nodejs-common) is installed by the xtask into a scratch directory named
// by PEER_NODE_DIR; it is not part of this repository.
//
// Timing follows the xtask's recipe: double the calls until a round takes 60 ms, then run 15
// rounds and report the fastest round's time per call.
//
// Tasks:
//   sign      the SDK's TC3 signer (Sign.sign3) on the given inputs, the body passed as a
//             Buffer so it is hashed as given; sign3 returns the Authorization value;
//   decode    what the SDK does with a response body: JSON.parse of the text (node-fetch's
//             res.json()), then the Error check and taking "Response". The SDK has no model
//             classes at run time: its response types are TypeScript declarations only;
//   loopback  CommonClient.request("DescribeK8sApiAbnormalEventInfo") against the local
//             server with `concurrency` calls in flight on one client. The tcss client of the
//             full SDK is this same request method under another name.

"use strict";

const http = require("http");
const path = require("path");

const common = path.join(
  process.env.PEER_NODE_DIR,
  "node_modules",
  "tencentcloud-sdk-nodejs-common",
  "tencentcloud",
  "common",
);
const Sign = require(path.join(common, "sign")).default;
const { CommonClient } = require(path.join(common, "common_client"));

const ROUND_NS = 60_000_000n;
const ROUNDS = 15;

function timeCalls(operation, calls) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) {
    operation();
  }
  return process.hrtime.bigint() - started;
}

function nsPerOp(operation) {
  let calls = 1;
  while (timeCalls(operation, calls) < ROUND_NS) {
    calls *= 2;
  }
  let best = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    best = Math.min(best, Number(timeCalls(operation, calls)) / calls);
  }
  return best;
}

function sign(task) {
  const inputs = task.inputs;
  const body = Buffer.from(inputs.body, "utf8");
  const once = () =>
    Sign.sign3({
      method: "POST",
      url: `https://${inputs.host}/`,
      payload: body,
      timestamp: inputs.timestamp,
      service: inputs.service,
      secretId: inputs.secret_id,
      secretKey: inputs.secret_key,
      multipart: false,
      headers: { "Content-Type": "application/json" },
    });
  return { ns_per_op: nsPerOp(once), authorization: once() };
}

function decode(task) {
  const body = require("fs").readFileSync(task.seed_path);
  const once = () => {
    const data = JSON.parse(body.toString());
    if (data.Response.Error) {
      throw new Error(data.Response.Error.Message);
    }
    return data.Response;
  };
  return { ns_per_op: nsPerOp(once), request_id: once().RequestId };
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) {
    return 0;
  }
  const rank = Math.min(Math.max(Math.ceil(fraction * sorted.length), 1), sorted.length);
  return sorted[rank - 1];
}

async function loopback(task) {
  const host = task.url.split("://")[1].replace(/\/$/, "");
  // The SDK's default (no agent) makes node-fetch close every connection; a keep-alive
  // agent lets it pool connections as the other clients do.
  const agent = new http.Agent({ keepAlive: true, maxSockets: task.concurrency });
  const client = new CommonClient(host, "2020-11-01", {
    credential: { secretId: task.inputs.secret_id, secretKey: task.inputs.secret_key },
    region: "",
    profile: { httpProfile: { protocol: "http://", endpoint: host, agent } },
  });

  async function runLoop(deadline, latencies) {
    let errors = 0;
    while (process.hrtime.bigint() < deadline) {
      const started = process.hrtime.bigint();
      try {
        await client.request("DescribeK8sApiAbnormalEventInfo", { ID: 10 });
        latencies.push(Number(process.hrtime.bigint() - started));
      } catch (error) {
        errors += 1;
      }
    }
    return errors;
  }

  async function runAll(seconds, latencies) {
    const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
    const loops = [];
    for (let i = 0; i < task.concurrency; i++) {
      loops.push(runLoop(deadline, latencies));
    }
    return (await Promise.all(loops)).reduce((a, b) => a + b, 0);
  }

  await runAll(task.warm_up_s, []);
  const latencies = [];
  const started = process.hrtime.bigint();
  const errors = await runAll(task.measure_s, latencies);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  agent.destroy();
  return {
    calls: latencies.length,
    errors,
    seconds,
    p50_us: percentile(latencies, 0.5) / 1000,
    p99_us: percentile(latencies, 0.99) / 1000,
    peak_rss_kib: process.resourceUsage().maxRSS,
  };
}

async function main() {
  const task = JSON.parse(process.argv[2]);
  const handlers = { sign, decode, loopback };
  const result = await handlers[task.task](task);
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().catch((error) => {
  process.stderr.write(`peer_node: ${error.stack || error}\n`);
  process.exit(1);
});
