-- wrk script for the serving benchmark: POST /ratings, one new rating per request, a distinct
-- (user, movie) pair each time, users from 10,000,000 on (beyond MovieLens and the synthetic
-- sets' ids) and movies 1–1682 (in both catalogues).
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function request()
  counter = counter + 1
  local user = 10000000 + thread_id * 1000000 + math.floor(counter / 1682)
  local movie = (counter % 1682) + 1
  local body = string.format('{"user":%d,"movie":%d,"rating":4,"timestamp":%d}', user, movie, 1700000000 + counter)
  return wrk.format("POST", "/ratings", {["Content-Type"] = "application/json"}, body)
end
