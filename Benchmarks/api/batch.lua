-- wrk: POST /predict with $PAIRS (100) pairs of one user, users 1…943 in turn.
local user = 0
local pairs = tonumber(os.getenv("PAIRS") or "100")
request = function()
    user = user % 943 + 1
    local items = {}
    for movie = 1, pairs do
        items[#items + 1] = string.format('{"user":%d,"movie":%d}', user, movie * 7 % 1682 + 1)
    end
    return wrk.format("POST", "/predict", {["Content-Type"] = "application/json"}, "[" .. table.concat(items, ",") .. "]")
end
