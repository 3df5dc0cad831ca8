-- wrk script: GET /predict for MovieLens users and movies, a different pair per request.
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function request()
  counter = counter + 1
  local user = 1 + (counter * 7 + thread_id * 389) % 943
  local movie = 1 + (counter * 13 + thread_id * 577) % 1682
  return wrk.format("GET", string.format("/predict?user=%d&movie=%d", user, movie))
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
