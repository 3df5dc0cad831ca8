-- A request mix for the soak: reads across every endpoint and one new rating in ten.
-- Each wrk connection walks the mix in turn; ratings come from users above MovieLens's
-- ids so they never collide with the dataset.
local counter = 0
local reads = {
  "/predict?user=196&movie=242",
  "/predict?user=186&movie=302&model=mf",
  "/recommendations/22?k=10",
  "/similar/50?k=10",
  "/predict?user=99999&movie=377",
  "/recommendations/99999?k=10",
  "/health",
  "/predict?user=1&movie=999999",
  "/similar/172?k=5",
}

request = function()
  counter = counter + 1
  if counter % 10 == 0 then
    local user = 100000 + (counter % 5000)
    local movie = 1 + (counter % 1682)
    local body = string.format('{"user":%d,"movie":%d,"rating":%d}', user, movie, 1 + counter % 5)
    return wrk.format("POST", "/ratings", {["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", reads[(counter % #reads) + 1])
end
