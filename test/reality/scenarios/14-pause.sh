# pause freezes the container's processes; exec and stop treat it specially.
docker run -d --name frozen busybox sleep 300 >/dev/null
docker pause frozen; echo "exit=$?"
docker ps --format '{{.Names}} {{.Status}} {{.State}}'
docker inspect -f '{{.State.Status}} {{.State.Paused}} {{.State.Running}}' frozen
docker exec frozen true; echo "exit=$?"
docker pause frozen; echo "exit=$?"
docker unpause frozen; echo "exit=$?"
docker unpause frozen; echo "exit=$?"
docker ps --format '{{.Names}} {{.State}}'
docker rm frozen; echo "exit=$?"
docker rm -f frozen; echo "exit=$?"
