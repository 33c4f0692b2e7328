-- wrk reporter for bench/run.sh: after a run, one JSON object that bench/report.py records.
-- No request or response hooks: those run Lua per request and would make wrk, not the
-- server, the bottleneck. wrk counts a response as a status error when it is 400 or above;
-- run.sh checks each address answers 200 before it is measured, so redirects cannot hide.
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "BENCH_RESULT {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, \"rps\": %.1f, \"p50_us\": %.0f, \"p95_us\": %.0f, \"p99_us\": %.0f, \"max_us\": %.0f, \"connect\": %d, \"read\": %d, \"write\": %d, \"timeout\": %d, \"status\": %d}\n",
        summary.requests, summary.duration, summary.bytes,
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
        e.connect, e.read, e.write, e.timeout, e.status))
end
