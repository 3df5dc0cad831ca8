-- wrk script: POST /ratings with one rating per request, a distinct (user, movie) pair per
-- request so every request inserts a row (no no-op upserts): users from 10,000,000 on (beyond
-- MovieLens's and the synthetic sets' ids), movies 1–1682 (in both catalogues).
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  counter = 0
end

function request()
  counter = counter + 1
  local user = 10000000 + thread_id * 1000000 + math.floor(counter / 1682)
  local movie = (counter % 1682) + 1
  local body = string.format('{"user":%d,"movie":%d,"rating":4,"timestamp":%d}', user, movie, 1700000000 + counter)
  return wrk.format("POST", "/ratings", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
