# --pids-limit caps the tasks in the container's cgroup: fork fails past it.
docker run --rm --pids-limit 5 busybox sh -c 'for i in 1 2 3 4 5 6 7 8; do sleep 30 & done; echo started; kill $(jobs -p) 2>/dev/null; true'; echo "exit=$?"
docker run --rm --pids-limit 5 busybox sh -c 'n=0; for i in 1 2 3 4 5 6 7 8; do sleep 30 & n=$((n+1)); done; echo $n'; echo "exit=$?"
docker run -d --name limited --pids-limit 10 busybox sleep 300 >/dev/null
docker inspect -f '{{.HostConfig.PidsLimit}}' limited
docker rm -f limited >/dev/null
