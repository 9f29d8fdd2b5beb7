-- wrk script: POST a new ConfigMap with a unique name on every request.
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  token = args[1]
  namespace = args[2]
end
function request()
  counter = counter + 1
  local name = "bench-" .. id .. "-" .. counter
  local body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"' .. name ..
      '","labels":{"app":"bench"}},"data":{"k":"v"}}'
  return wrk.format("POST", "/apis/core/v1/namespaces/" .. namespace .. "/configmaps",
      {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
