-- wrk: GET $TEMPLATE with "{user}" replaced by users 1…943 in turn (every ML-100k user), so
-- each request reads another user's ratings rather than one cached history.
local user = 0
local template = os.getenv("TEMPLATE") or "/recommendations/{user}"
request = function()
    user = user % 943 + 1
    local path = template:gsub("{user}", tostring(user))
    return wrk.format("GET", path)
end
