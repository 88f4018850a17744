# The network namespace of a container on the default bridge.
# (interface indexes depend on the host's interfaces: masked)
#@ mask ^[0-9]+(?=: eth0@if)
#@ mask (?<=eth0@if)[0-9]+
docker run --rm busybox ip addr
docker run --rm busybox ip route
docker run --rm --network none busybox ip addr
docker run --rm busybox ip link show eth0 | head -1 | cut -d: -f3-
