# --rm removes the container when it ends; its exit status still comes back.
docker run --rm busybox echo gone; echo "exit=$?"
docker run --rm busybox sh -c 'exit 9'; echo "exit=$?"
docker run --rm --name temp busybox true; echo "exit=$?"
docker ps -a --format '{{.Names}}' | wc -l
docker run -d --rm --name tempd busybox sleep 300 >/dev/null
docker stop -t 0 tempd; echo "exit=$?"
sleep 1
docker ps -a --format '{{.Names}}' | wc -l
docker run --rm -d busybox true | wc -c
