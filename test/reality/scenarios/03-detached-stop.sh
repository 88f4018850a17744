# A sleep as PID 1 has no TERM handler and the kernel protects init: docker stop waits, then kills (137).
docker run -d --name sleeper busybox sleep 300 >/dev/null; echo "exit=$?"
docker ps --format '{{.Names}} {{.Image}} {{.Command}} {{.Status}}'
docker stop sleeper; echo "exit=$?"
docker ps --format '{{.Names}}'
docker ps -a --format '{{.Names}} {{.Status}}'
docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.Running}} {{.State.OOMKilled}}' sleeper
docker rm sleeper; echo "exit=$?"
docker ps -a --format '{{.Names}}'
