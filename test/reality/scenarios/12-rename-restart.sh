# rename keeps the container; restart stops and starts the same one.
# (the PID of an exec'd ps depends on how many PIDs runc used first: masked)
#@ mask ^ +[0-9]+(?= root +ps$)
docker run -d --name before busybox sleep 300 >/dev/null
docker rename before after; echo "exit=$?"
docker ps --format '{{.Names}}'
docker inspect -f '{{.Name}}' after
docker rename after after; echo "exit=$?"
docker rename nosuch other; echo "exit=$?"
docker restart -t 0 after; echo "exit=$?"
docker inspect -f '{{.State.Status}} {{.RestartCount}}' after
docker exec after ps
docker rm -f after
