# docker ps in its table form, with states side by side.
docker create --name made busybox echo made >/dev/null
docker run --name ran busybox sh -c 'exit 7'; echo "exit=$?"
docker run -d --name up busybox sleep 300 >/dev/null
docker ps
docker ps -a
docker ps -q | wc -l
docker ps -aq | wc -l
docker ps -a --filter status=exited --format '{{.Names}}'
docker ps -a --filter status=created --format '{{.Names}}'
docker ps -a --filter name=ra --format '{{.Names}}'
docker ps -a --filter exited=7 --format '{{.Names}}'
docker ps -l --format '{{.Names}}'
docker ps -n 2 --format '{{.Names}}'
docker rm -f made ran up >/dev/null
