# docker top shows the container's processes with host PIDs (masked here) and ps -ef columns.
# (host PIDs, the CPU column and start times vary: masked)
#@ mask \b[0-9]{2,}:[0-9]{2}\b
#@ mask (?<=^root +)[0-9]+ +[0-9]+ +[0-9]+
#@ mask ^[0-9]+(?= +sleep$)
#@ mask ^ +[0-9]+(?= root +ps$)
#@ mask ^ +[0-9]+(?= root +sleep 300$)
docker run -d --name topper busybox sh -c 'sleep 300 & sleep 301'  >/dev/null
docker exec topper ps
docker top topper
docker top topper -o pid,comm
docker stop -t 0 topper >/dev/null
docker top topper; echo "exit=$?"
docker rm topper >/dev/null
