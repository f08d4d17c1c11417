-- wrk script: POST /v1/claims with a fresh Idempotency-Key per request (each
-- thread its own prefix). The body is the file named by BODY; after the first
-- acceptance, the same trainees are rejected (DL-E5), still one recorded claim each.
local f = assert(io.open(os.getenv("BODY"), "rb"))
local body = f:read("*a")
f:close()
local counter = 0
local prefix = tostring(math.random(1, 1e9))
request = function()
  counter = counter + 1
  return wrk.format("POST", "/v1/claims", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
    ["Idempotency-Key"] = prefix .. "-" .. counter,
  }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
