#!/bin/bash
# Starts (once) a private real dockerd for the reality suite, in its own pid, network and mount
# namespaces, with its own data root and socket: a machine as fresh as the sandbox's (no other
# containers, images, networks, processes; docker0 at 172.17.0.1) that the suite may wipe between
# scenarios without touching the shared daemon other engineers use. As on Debian, containerd runs
# beside dockerd (dockerd --containerd=/run/containerd/containerd.sock), so shims and their command
# lines are a Debian host's. busybox:latest is copied from the shared daemon (made by
# ../shared/tools/real-docker.sh). Prints the DOCKER_HOST to use; scenarios enter the namespaces
# with `nsenter -t $(cat /run/reality-docker/init.pid) -p -n -m` (real-side.ts).
# Usage: bash isolated-dockerd.sh [start|restart|stop]
set -u
DIR=/run/reality-docker
SOCK=unix://$DIR/docker.sock
DATA=/var/lib/docker-reality
LOG=/tmp/reality-dockerd.log
alive() { docker -H "$SOCK" info >/dev/null 2>&1; }

# The namespaces' first process, as this (outer) pid namespace numbers it.
init_pid() { cat $DIR/init.pid 2>/dev/null; }

stop() {
  # dockerd first, so that it stops its containers and unmounts their layers; then the namespace's
  # init, whose death ends every process left in the pid namespace (containerd, shims, containers).
  local init d
  init=$(init_pid) || return 0
  kill -0 "$init" 2>/dev/null || { rm -f $DIR/init.pid; return 0; }
  d=$(pgrep -P "$init" -x dockerd)
  [ -n "$d" ] && kill "$d" 2>/dev/null
  for _ in $(seq 150); do [ -n "$d" ] && kill -0 "$d" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$init" 2>/dev/null
  for _ in $(seq 100); do kill -0 "$init" 2>/dev/null || break; sleep 0.1; done
  rm -f $DIR/init.pid
}
case "${1:-start}" in
  stop) stop; exit 0 ;;
  # restart: new namespaces too, so process ids, interface indexes, address pools and the rest of
  # the daemon's memory start over as on a freshly booted machine.
  restart) stop ;;
esac
[ "$(id -u)" = 0 ] || { echo "not root: cannot start a private dockerd" >&2; exit 1; }
command -v dockerd >/dev/null && command -v containerd >/dev/null && command -v unshare >/dev/null ||
  { echo "dockerd, containerd or unshare missing" >&2; exit 1; }
if ! alive; then
  stop
  mkdir -p $DIR/exec $DIR/containerd-run $DIR/containerd-lib $DATA /var/lib/docker /run/docker /run/containerd /var/lib/containerd
  # In its mount namespace the daemons' own directories sit at the usual places, so the paths a
  # student sees (/var/lib/docker/..., /run/docker/..., /run/containerd/...) are the usual ones;
  # the shared daemon's layer and netns mounts, inherited from the host, are dropped first. lo up:
  # a new network namespace starts with loopback down. The init (sh, waiting) reaps orphans.
  cat >$DIR/init <<INIT
# A host's init sits at the root of every cgroup hierarchy (dockerd calls itself "containerized"
# when pid 1 does not), whatever cgroup the starter runs in.
for f in /sys/fs/cgroup/cgroup.procs /sys/fs/cgroup/*/cgroup.procs; do echo \$\$ >\$f; done 2>/dev/null
for m in \$(awk '\$2 ~ "^/(var/lib|run)/docker/" {print \$2}' /proc/self/mounts | sort -r); do umount -l \$m; done
mount --bind $DATA /var/lib/docker && mount --bind $DIR/exec /run/docker &&
  mount --bind $DIR/containerd-run /run/containerd && mount --bind $DIR/containerd-lib /var/lib/containerd &&
  ip link set lo up || exit 1
# A host's own network card comes before docker0 (lo 1, eth0 2, docker0 3, veths next), as in the
# sandbox. This kernel has no dummy driver and a veth would take netnsid 0: a bridge of that name.
# No default route: nothing leaves the machine.
ip link add eth0 type bridge && ip addr add 10.0.2.15/24 dev eth0 && ip link set eth0 up || exit 1
/usr/bin/containerd &
/usr/sbin/dockerd -H $SOCK --containerd=/run/containerd/containerd.sock --storage-driver=overlay2 &
wait
INIT
  # The init reads its script from stdin, so that its command line is a host's "/sbin/init".
  setsid unshare --pid --fork --mount-proc --net --mount --propagation private \
    bash -c "exec -a /sbin/init /bin/sh <$DIR/init" >>$LOG 2>&1 </dev/null &
  launcher=$!
  [ "$(stat -c %s $LOG 2>/dev/null || echo 0)" -gt 5000000 ] && : >$LOG
  echo "=== start $(date)" >>$LOG
  for _ in $(seq 50); do init=$(pgrep -P $launcher) && break; sleep 0.1; done
  [ -n "${init:-}" ] || { echo "private namespaces did not start; see $LOG" >&2; exit 1; }
  echo "$init" >$DIR/init.pid
  for _ in $(seq 60); do alive && break; sleep 0.5; done
  alive || { echo "private dockerd did not start; see $LOG" >&2; exit 1; }
fi
if ! docker -H "$SOCK" image inspect busybox:latest >/dev/null 2>&1; then
  docker -H unix:///var/run/docker.sock image inspect busybox:latest >/dev/null 2>&1 ||
    { echo "the shared dockerd has no busybox:latest (run ../shared/tools/real-docker.sh)" >&2; exit 1; }
  docker -H unix:///var/run/docker.sock save busybox:latest | docker -H "$SOCK" load >/dev/null ||
    { echo "could not copy busybox:latest into the private dockerd" >&2; exit 1; }
fi
echo "$SOCK"
