# /etc/hostname, /etc/hosts, /etc/resolv.conf are written by docker for each container.
docker run --rm -h web busybox cat /etc/hostname
docker run --rm -h web busybox cat /etc/hosts
docker run --rm --add-host db:10.0.0.5 busybox tail -1 /etc/hosts
docker run --rm --dns 1.1.1.1 busybox cat /etc/resolv.conf
docker run --rm busybox sh -c 'hostname | wc -c'
