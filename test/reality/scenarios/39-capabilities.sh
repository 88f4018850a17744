# Docker's default capability set, and what dropping or adding one changes inside.
# (Streams a program writes to both are merged inside the container: the daemon carries stdout
# and stderr apart, and their order would differ from run to run.)
docker run --rm busybox grep -E '^(Cap|NoNewPrivs|Seccomp)' /proc/self/status
docker run --rm --cap-drop ALL busybox grep -E '^Cap(Prm|Eff|Bnd)' /proc/self/status
docker run --rm --cap-add NET_ADMIN --cap-drop chown busybox grep CapEff /proc/self/status
docker run --rm busybox hostname foo; echo "exit=$?"
docker run --rm --cap-add SYS_ADMIN busybox sh -c 'hostname foo && hostname'; echo "exit=$?"
docker run --rm --cap-drop CHOWN busybox chown 1 /tmp; echo "exit=$?"
docker run --rm busybox chown 1 /tmp; echo "exit=$?"
docker run --rm --cap-drop NET_RAW busybox sh -c 'ping -c1 127.0.0.1 2>&1'; echo "exit=$?"
docker run --rm busybox ip link set lo down; echo "exit=$?"
docker run --rm --cap-add NET_ADMIN busybox ip link set lo down; echo "exit=$?"
docker run --rm busybox mount -t tmpfs none /mnt; echo "exit=$?"
docker run --rm --cap-add FOO busybox true; echo "exit=$?"
docker run --rm --security-opt no-new-privileges busybox grep NoNewPrivs /proc/self/status
docker run --rm --security-opt seccomp=unconfined busybox grep '^Seccomp:' /proc/self/status
docker run --rm --security-opt bogus busybox true; echo "exit=$?"
docker run --rm -u 1000 busybox grep -E '^Cap(Prm|Eff)' /proc/self/status
docker create --name capped --cap-add NET_ADMIN --cap-drop chown busybox >/dev/null
docker inspect -f '{{.HostConfig.CapAdd}} {{.HostConfig.CapDrop}} {{.HostConfig.Privileged}} {{.HostConfig.SecurityOpt}}' capped
docker rm capped >/dev/null
