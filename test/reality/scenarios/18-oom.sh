# A process that keeps growing in a 16 MiB container is killed by the OOM killer: 137, OOMKilled.
# The shell doubles a variable up to 40 MiB; busybox tail keeps all of /dev/zero (no newline) in memory.
docker run --name hog --memory 16m busybox sh -c 'x=0123456789; i=0; while [ $i -lt 22 ]; do x=$x$x; i=$((i+1)); done; echo ${#x}'; echo "exit=$?"
docker inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}} {{.HostConfig.Memory}}' hog
docker run --name tailhog --memory 16m busybox tail /dev/zero; echo "exit=$?"
docker inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}}' tailhog
docker run --name small --memory 16m busybox echo fits; echo "exit=$?"
docker inspect -f '{{.State.OOMKilled}} {{.State.ExitCode}}' small
docker rm hog tailhog small >/dev/null
