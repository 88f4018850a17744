# kill -s delivers any signal; a trap in the container answers; wait reports the exit status.
docker run -d --name trapper busybox sh -c 'trap "echo got USR1; exit 5" USR1; while true; do sleep 1; done' >/dev/null
sleep 1
docker kill -s USR1 trapper; echo "exit=$?"
docker wait trapper
docker logs trapper
docker run -d --name victim busybox sleep 300 >/dev/null
docker kill -s TERM victim >/dev/null; echo "exit=$?"
sleep 1
docker inspect -f '{{.State.Status}}' victim
docker kill victim; echo "exit=$?"
docker wait victim
docker kill victim; echo "exit=$?"
docker kill -s NOPE trapper; echo "exit=$?"
docker rm trapper victim >/dev/null
