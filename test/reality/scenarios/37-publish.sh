# -p publishes a container port on the host; docker port lists it.
docker run -d --name web -p 8080:80 busybox httpd -f -p 80 >/dev/null; echo "exit=$?"
docker port web
docker port web 80
docker ps --format '{{.Names}} {{.Ports}}'
docker run -d --name web2 -p 8080:80 busybox httpd -f -p 80 >/dev/null; echo "exit=$?"
docker rm -f web web2 >/dev/null
