# A container's file system on the host: overlay2 layers under /var/lib/docker.
#@ mask \b[A-Z0-9]{26}\b
#@ mask [A-Z][a-z]{2} +[0-9]+ [0-9]{2}:[0-9]{2}
ls /var/lib/docker/overlay2 | wc -l
ls /var/lib/docker/overlay2/l | wc -l
docker run -d --name web busybox sleep 1000 >/dev/null
ls /var/lib/docker/overlay2 | wc -l
ls /var/lib/docker/overlay2/l | wc -l
U=$(docker inspect -f '{{.GraphDriver.Data.UpperDir}}' web)
echo $U
L=$(dirname $U)
ls $L
ls ${L}-init
cat $L/lower; echo
cat $L/link; echo
readlink /var/lib/docker/overlay2/l/$(cat $L/link)
ls $U
docker exec web sh -c 'echo hello > /greeting; mkdir /newdir; rm /bin/vi'
ls $U
ls -l $U/bin
cat $U/greeting
docker diff web | sort
M=$(docker inspect -f '{{.GraphDriver.Data.MergedDir}}' web)
cat $M/greeting
ls $M/bin/vi; echo "exit=$?"
mount | grep -c "^overlay on $M type overlay"
mount | grep overlay | sed "s|$L|<LAYER>|g"
findmnt -n -o FSTYPE,SOURCE "$M"
df "$M" | tail -n 1 | cut -d" " -f1
echo touched > $M/from-host
docker exec web cat /from-host
docker stop -t 1 web >/dev/null
mount | grep -c overlay
ls $L
cat $U/from-host
docker rm web >/dev/null
ls /var/lib/docker/overlay2 | wc -l
ls -d $L; echo "exit=$?"
