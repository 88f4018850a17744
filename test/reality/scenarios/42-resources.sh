# Resource flags as the container sees them.
#@ mask [A-Z][a-z]{2} +[0-9]+ [0-9]{2}:[0-9]{2}
docker run --rm --ulimit nofile=1024:2048 busybox sh -c 'ulimit -n; ulimit -Hn'
docker run --rm --shm-size 128m busybox df -k /dev/shm
docker run --rm --sysctl net.ipv4.ip_forward=1 busybox cat /proc/sys/net/ipv4/ip_forward
docker run --rm --sysctl kernel.shmmax=1 busybox true; echo "exit=$?"
docker run --rm --sysctl vm.swappiness=1 busybox true; echo "exit=$?"
docker run --rm --group-add 10 --group-add daemon busybox id
docker run --rm --group-add nosuchgroup busybox true; echo "exit=$?"
docker run --rm --oom-score-adj 500 busybox cat /proc/self/oom_score_adj
docker run --rm --cpuset-cpus 0 busybox grep Cpus_allowed_list /proc/self/status
docker run --rm --cpuset-cpus 0-63 busybox true; echo "exit=$?"
docker run --rm --memory-reservation 1k busybox true; echo "exit=$?"
docker run --rm --device /dev/null:/dev/mynull busybox ls -l /dev/mynull
docker run --rm --log-driver none busybox echo hi
docker run -d --name quiet --log-driver none busybox echo hi >/dev/null
sleep 1
docker logs quiet; echo "exit=$?"
docker inspect -f '{{.HostConfig.LogConfig.Type}} {{.HostConfig.ShmSize}} {{.HostConfig.OomScoreAdj}}' quiet
docker rm quiet >/dev/null
docker run --rm --runtime nosuch busybox true; echo "exit=$?"
printf 'a=1\nb=2\n' > labels.txt
docker inspect -f '{{.Config.Labels}}' $(docker create --label-file labels.txt busybox)
docker container prune -f >/dev/null
