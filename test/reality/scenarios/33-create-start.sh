# create then start: the container waits in Created until started.
docker create --name later busybox echo started later | wc -c
docker ps -a --format '{{.Names}} {{.Status}}'
docker start later; echo "exit=$?"
docker wait later
docker logs later
docker start -a later; echo "exit=$?"
docker logs later
docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' later
docker rm later
