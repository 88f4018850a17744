# Logs of a finished container: both streams, --tail, -n, timestamps.
docker run -d --name talker busybox sh -c 'echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three; echo four' >/dev/null
docker wait talker
# (one stream at a time, and pauses around the stderr line: docker copies stdout and stderr in
# separate goroutines, so their order on one pipe, and even in the log file, is not deterministic)
docker logs talker 2>/dev/null; echo "exit=$?"
docker logs talker 2>&1 >/dev/null
docker logs --tail 2 talker
docker logs -n 1 talker
docker logs -t talker 2>/dev/null
docker logs nosuch; echo "exit=$?"
docker rm talker
