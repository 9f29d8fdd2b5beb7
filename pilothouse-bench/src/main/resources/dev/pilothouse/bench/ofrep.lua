-- wrk script: one OFREP single-flag evaluation per request, with a context.
function init(args)
  token = args[1]
  path = args[2]
  body = args[3]
end
function request()
  return wrk.format("POST", path,
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
