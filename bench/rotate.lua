-- wrk script for bench/run.sh: each request asks for the next of many verdict pages (the
-- paths run.sh saved from the sitemap), so none is answered from the server's kept copies
-- and every one is read from the database and rendered.
dofile("bench/report.lua")
local paths = dofile("target/bench/verdict-paths.lua")
local next_path = 0
request = function()
    next_path = next_path % #paths + 1
    return wrk.format("GET", paths[next_path])
end
