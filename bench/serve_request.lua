-- wrk script for `bench/run serve`: every request a different single row (never the same row
-- twice in a row), seeded so runs compare. SONIC_BENCH_MODEL = mood | session; for mood,
-- SONIC_MOOD_FEATURES lists the model's features (comma-separated). done() prints one JSON line.
local model = os.getenv("SONIC_BENCH_MODEL") or "mood"
local features = {}
for name in string.gmatch(os.getenv("SONIC_MOOD_FEATURES") or "", "[^,]+") do table.insert(features, name) end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  math.randomseed(1000 + (id or 0))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.path = "/models/" .. model .. "/invocations"
end

local function mood_value(name)
  local x = math.random()
  if name == "tempo" then return 60 + 120 * x end
  if name == "loudness" then return -30 + 28 * x end
  if name == "key" then return math.random(0, 11) end
  if name == "mode" then return math.random(0, 1) end
  return x
end

function request()
  local body
  if model == "mood" then
    local cells = {}
    for _, name in ipairs(features) do
      table.insert(cells, string.format('"%s":%.6f', name, mood_value(name)))
    end
    body = '{"dataframe_records":[{' .. table.concat(cells, ",") .. '}]}'
  else
    body = string.format('{"instances":[{"at":"2030-%02d-%02dT%02d:%02d:00Z","hours":24}]}',
      math.random(1, 12), math.random(1, 28), math.random(0, 23), math.random(0, 59))
  end
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rate":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors))
end
