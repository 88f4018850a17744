# docker cp between the host and a container, either way.
echo 'from host' > hostfile
docker run -d --name box busybox sleep 300 >/dev/null
docker cp hostfile box:/tmp/hostfile; echo "exit=$?"
docker exec box cat /tmp/hostfile
docker exec box sh -c 'echo from container > /tmp/out'
docker cp box:/tmp/out ./out; echo "exit=$?"
cat out
docker cp box:/nosuch ./x; echo "exit=$?"
docker cp hostfile box:/nosuchdir/x; echo "exit=$?"
docker diff box | sort
docker rm -f box >/dev/null
