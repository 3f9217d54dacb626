-- wrk script: POST the file named by $BODY with Content-Type $TYPE, for scripts/load-test/run.sh.
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = os.getenv("TYPE")
