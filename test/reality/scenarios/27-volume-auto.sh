# -v with a name that does not exist creates the volume; copy-up of image content into an empty volume.
docker run --rm -v auto:/etc busybox cat /etc/group | head -2
docker volume ls --format '{{.Name}} {{.Driver}}'
docker run --rm -v auto:/etc busybox ls /etc | head -3
docker run --rm --mount type=volume,src=auto2,dst=/v busybox sh -c 'echo m > /v/f; cat /v/f'
docker run --rm -v /tmp busybox true
docker volume ls -q | wc -l
docker volume prune -f | tail -1 | sed 's/[0-9.]*[kKMG]*B$/SIZE/'
