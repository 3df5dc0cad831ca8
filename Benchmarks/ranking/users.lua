-- wrk: GET /recommendations/{user}$QUERY for users 1…943 in turn (every ML-100k user; QUERY
-- such as "?model=ials" from the environment), so the
-- load reads each user's ratings rather than one cached history.
local user = 0
request = function()
    user = user % 943 + 1
    return wrk.format("GET", "/recommendations/" .. user .. (os.getenv("QUERY") or ""))
end
