# Error messages a newcomer meets.
docker start nosuch; echo "exit=$?"
docker stop nosuch; echo "exit=$?"
docker rm nosuch; echo "exit=$?"
docker logs nosuch; echo "exit=$?"
docker run -d --name dup busybox sleep 300 >/dev/null
docker run --name dup busybox true; echo "exit=$?"
docker rm dup; echo "exit=$?"
docker rm -f dup; echo "exit=$?"
docker exec; echo "exit=$?"
docker nosuchcommand; echo "exit=$?"
docker ps --nosuchflag; echo "exit=$?"
docker run -d --name a1 busybox true >/dev/null; docker wait a1 >/dev/null
docker start -a a1; echo "exit=$?"
docker rm a1 >/dev/null
