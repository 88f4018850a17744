# Two containers on the default bridge reach each other by IP (not by name).
#@ mask time=[0-9.]+ ms
#@ mask = [0-9.]+/[0-9.]+/[0-9.]+ ms
docker run -d --name pingee busybox sleep 300 >/dev/null
ip=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' pingee); echo "ip=$ip"
docker run --rm busybox ping -c 2 -W 1 "$ip"; echo "exit=$?"
docker run --rm busybox ping -c 1 -W 1 pingee; echo "exit=$?"
docker run --rm busybox ping -c 1 -W 1 172.17.0.1 | tail -2 | head -1
docker rm -f pingee >/dev/null
