# commit turns a container's changes into an image.
docker run --name base busybox sh -c 'echo baked > /baked'
docker commit base baked:v1 | sed 's/^sha256:[0-9a-f]*$/SHA/'
docker run --rm baked:v1 cat /baked
docker images --format '{{.Repository}}:{{.Tag}}'
docker history -q baked:v1 | wc -l
docker commit -c 'CMD ["cat","/baked"]' base baked:v2 >/dev/null
docker run --rm baked:v2
docker rm base >/dev/null
docker rmi baked:v1 baked:v2 | sed 's/[0-9a-f]\{64\}/ID/' | sort
