# A container's namespaces seen from the host: /proc/PID/ns, lsns, nsenter, unshare.
#@ mask [0-9]{10}
#@ mask ^ *[0-9]+ 
#@ mask [A-Z][a-z]{2} +[0-9]+ [0-9]{2}:[0-9]{2}
docker run -d --name box --hostname boxhost busybox sleep 1000 >/dev/null
P=$(docker inspect -f '{{.State.Pid}}' box)
ls /proc/$P/ns
ls -l /proc/$P/ns
for ns in ipc mnt net pid user uts time; do [ "$(readlink /proc/$P/ns/$ns)" = "$(readlink /proc/self/ns/$ns)" ] && echo "$ns: the host's" || echo "$ns: its own"; done
lsns -p $P -o TYPE,COMMAND | grep -v " /sbin/init$"
lsns -t net -o TYPE,NETNSID,COMMAND
lsns -t uts -n -o COMMAND
nsenter -t $P -u hostname
nsenter -t $P -n ip -o -4 addr show eth0 | cut -d' ' -f2-
nsenter -t $P -m cat /etc/hostname
nsenter -t $P -m -u -i -n -p ps -o pid,comm
nsenter -t $P -a sh -c 'hostname; ls /'
h=$(hostname)
unshare --uts sh -c 'hostname inside; hostname'
[ "$(hostname)" = "$h" ] && echo "the host's name is unchanged"
unshare --pid --fork --mount-proc ps -o pid,comm
unshare --net ip link
unshare --net --map-root-user id -u; echo "exit=$?"
nsenter -t 99999 -n true; echo "exit=$?"
grep Cap /proc/$P/status
docker run -d --name weak --cap-drop ALL --cap-add NET_ADMIN busybox sleep 1000 >/dev/null
grep CapEff /proc/$(docker inspect -f '{{.State.Pid}}' weak)/status
docker run -d --name user1000 --user 1000 busybox sleep 1000 >/dev/null
grep -E '^(Uid|Cap)' /proc/$(docker inspect -f '{{.State.Pid}}' user1000)/status
docker rm -f box weak user1000 >/dev/null
