# A named volume outlives the container that wrote it.
docker volume create data; echo "exit=$?"
docker run --rm -v data:/data busybox sh -c 'echo saved > /data/note'
docker run --rm -v data:/data busybox cat /data/note
docker volume ls
docker volume inspect -f '{{.Name}} {{.Driver}} {{.Mountpoint}} {{.Scope}}' data
docker volume inspect data
docker run -d --name holder -v data:/data busybox sleep 300 >/dev/null
docker volume rm data; echo "exit=$?"
docker rm -f holder >/dev/null
docker volume rm data; echo "exit=$?"
docker volume rm data; echo "exit=$?"
docker volume ls -q | wc -l
