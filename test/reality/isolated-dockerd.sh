#!/bin/bash
# Starts (once) a private real dockerd for the reality suite, in its own network and mount
# namespaces, with its own data root and socket: a machine as fresh as the sandbox's (no other
# containers, images, networks; docker0 at 172.17.0.1) that the suite may wipe between scenarios
# without touching the shared daemon other engineers use. busybox:latest is copied from the
# shared daemon (made by ../shared/tools/real-docker.sh). Prints the DOCKER_HOST to use.
# Usage: bash isolated-dockerd.sh [start|restart|stop]
set -u
DIR=/run/reality-docker
SOCK=unix://$DIR/docker.sock
DATA=/var/lib/docker-reality
LOG=/tmp/reality-dockerd.log
alive() { docker -H "$SOCK" info >/dev/null 2>&1; }

stop() {
  # Ends the daemon and everything left in its network namespace (containerd, shims, containers):
  # all of them are this suite's own, and none of the shared daemon's lives there.
  local pid netns p
  pid=$(cat $DIR/dockerd.pid 2>/dev/null) || return 0
  netns=$(readlink /proc/"$pid"/ns/net 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  for p in /proc/[0-9]*; do
    [ "$(readlink $p/ns/net 2>/dev/null)" = "$netns" ] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  for _ in $(seq 50); do
    local left=0
    for p in /proc/[0-9]*; do [ "$(readlink $p/ns/net 2>/dev/null)" = "$netns" ] && left=1 && break; done
    [ $left = 0 ] && break
    sleep 0.1
  done
  rm -f $DIR/dockerd.pid
}
case "${1:-start}" in
  stop) stop; exit 0 ;;
  # restart: a new network namespace too, so interface indexes, address pools and the rest of
  # the daemon's memory start over as on a freshly booted machine.
  restart) stop ;;
esac
[ "$(id -u)" = 0 ] || { echo "not root: cannot start a private dockerd" >&2; exit 1; }
command -v dockerd >/dev/null && command -v unshare >/dev/null || { echo "dockerd or unshare missing" >&2; exit 1; }
if ! alive; then
  mkdir -p $DIR $DATA
  mkdir -p $DIR/exec /var/lib/docker /run/docker
  # In its mount namespace the daemon's own directories sit at the usual places, so paths it shows
  # (/var/lib/docker/..., /run/docker/...) are the ones a student sees; lo up: the new network
  # namespace starts with loopback down.
  setsid unshare --net --mount --propagation private sh -c \
    "mount --bind $DATA /var/lib/docker && mount --bind $DIR/exec /run/docker && ip link set lo up &&
     exec dockerd -H $SOCK --pidfile $DIR/dockerd.pid --storage-driver=overlay2" \
    >>$LOG 2>&1 </dev/null &
  [ "$(stat -c %s $LOG 2>/dev/null || echo 0)" -gt 5000000 ] && : >$LOG
  echo "=== start $(date)" >>$LOG
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
