# The limits as the container sees them in /sys/fs/cgroup (cgroup v2 names).
docker run --rm --memory 64m busybox cat /sys/fs/cgroup/memory.max; echo "exit=$?"
docker run --rm --cpus 0.5 busybox cat /sys/fs/cgroup/cpu.max; echo "exit=$?"
docker run --rm --pids-limit 42 busybox cat /sys/fs/cgroup/pids.max; echo "exit=$?"
docker run --rm busybox cat /sys/fs/cgroup/memory.max; echo "exit=$?"
docker run --rm busybox cat /proc/self/cgroup; echo "exit=$?"
docker run --rm --memory 64m busybox cat /sys/fs/cgroup/memory/memory.limit_in_bytes; echo "exit=$?"
