# The mount table inside a container (overlay root, proc, sysfs, cgroup, the /etc files).
#@ mask [A-Z0-9]{26}
docker run --rm busybox cat /proc/mounts
docker run --rm busybox df -h / | head -1
