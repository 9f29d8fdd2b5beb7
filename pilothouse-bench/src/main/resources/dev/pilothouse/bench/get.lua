-- wrk script: GET one existing object over and over.
function init(args)
  token = args[1]
  path = args[2]
end
function request()
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end
