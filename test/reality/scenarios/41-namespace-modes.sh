# Sharing namespaces: --pid, --uts, --ipc with the host or another container.
#@ mask ^ *[0-9]+ 
docker run -d --name box busybox sleep 300 >/dev/null
docker run --rm --pid container:box busybox ps -o comm
docker run --rm --pid host busybox sh -c '[ $(ps -o pid | wc -l) -gt 5 ] && echo many'
docker run --rm --uts host busybox hostname | grep -c "$(hostname)"
docker run --rm --uts host -h foo busybox true; echo "exit=$?"
docker run --rm --ipc none busybox sh -c 'mount | grep -c shm'
docker run --rm --ipc container:box busybox true; echo "exit=$?"
docker run --rm --pid container:nosuch busybox true; echo "exit=$?"
docker run --rm --pid bogus busybox true; echo "exit=$?"
docker inspect -f '{{.HostConfig.PidMode}}|{{.HostConfig.UTSMode}}|{{.HostConfig.IpcMode}}' box
docker create --name joined --pid container:box --ipc host busybox >/dev/null
docker inspect -f '{{.HostConfig.PidMode}}|{{.HostConfig.IpcMode}}' joined
docker run -d --name data -v /data busybox sh -c 'echo kept > /data/f; sleep 300' >/dev/null
sleep 1
docker run --rm --volumes-from data busybox cat /data/f
docker run --rm --volumes-from data:ro busybox sh -c 'echo x > /data/g'; echo "exit=$?"
docker run --rm --volumes-from nosuch busybox true; echo "exit=$?"
docker rm -f box joined data >/dev/null
