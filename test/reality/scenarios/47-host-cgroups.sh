# A container's cgroup seen from the host, with limits.
docker info -f '{{.CgroupDriver}} {{.CgroupVersion}}'
stat -fc %T /sys/fs/cgroup
docker run -d --name lim --memory 64m --cpus 0.5 --pids-limit 100 busybox sleep 1000 >/dev/null
ID=$(docker inspect -f '{{.Id}}' lim)
P=$(docker inspect -f '{{.State.Pid}}' lim)
cat /proc/$P/cgroup
G=/sys/fs/cgroup/system.slice/docker-$ID.scope
cat $G/memory.max
cat $G/pids.max
cat $G/cpu.max
cat $G/cgroup.procs | wc -l
grep -c "^$P$" $G/cgroup.procs
docker exec -d lim sleep 2000
cat $G/pids.current
docker update --memory 128m --memory-swap 256m lim >/dev/null
cat $G/memory.max
docker rm -f lim >/dev/null
ls -d $G; echo "exit=$?"
