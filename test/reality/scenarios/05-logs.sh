# Logs of a finished container: both streams, --tail, -n, timestamps.
docker run -d --name talker busybox sh -c 'echo one; echo two >&2; echo three; echo four' >/dev/null
docker wait talker
# (one stream at a time: the CLI writes stdout and stderr from separate goroutines, so their
# interleaving on one pipe is not deterministic)
docker logs talker 2>/dev/null; echo "exit=$?"
docker logs talker 2>&1 >/dev/null
docker logs --tail 2 talker
docker logs -n 1 talker
docker logs -t talker 2>/dev/null
docker logs nosuch; echo "exit=$?"
docker rm talker
