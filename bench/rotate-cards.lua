-- wrk script for bench/run.sh: each request asks for the social card of the next of many
-- verdicts (the paths run.sh saved in card-paths.lua), so every answer is a card drawn
-- afresh, what the first share of each verdict costs. The server keeps what it drew, and
-- the warm-up would leave the measured run only kept cards if both began at the first
-- path: the position reached is saved in card-paths.next, where the next run starts.
dofile("bench/report.lua")
local paths = dofile("target/bench/card-paths.lua")
local position_file = "target/bench/card-paths.next"
local threads = {}

setup = function(thread)
    local saved = io.open(position_file)
    local start = 0
    if saved then
        start = tonumber(saved:read("*l")) or 0
        saved:close()
    end
    thread:set("next_path", start)
    table.insert(threads, thread)
end

-- `next_path` is the thread's global, set by setup above.
request = function()
    next_path = next_path % #paths + 1
    return wrk.format("GET", paths[next_path])
end

local report = done
done = function(summary, latency, requests)
    local saved = io.open(position_file, "w")
    saved:write(tostring(threads[1]:get("next_path")), "\n")
    saved:close()
    report(summary, latency, requests)
end
