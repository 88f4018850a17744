# A user-defined bridge network: its own subnet, and names resolve through the embedded DNS.
docker network ls
docker network create mynet; echo "exit=$?"
docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'
docker network inspect -f '{{.Name}} {{.Driver}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' mynet
docker run -d --name server --network mynet busybox sleep 300 >/dev/null
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' server
docker run --rm --network mynet busybox nslookup -type=a server
docker run --rm --network mynet busybox ping -c 1 -W 1 server | grep -o 'from [0-9.]*'
docker run --rm --network mynet busybox cat /etc/resolv.conf
docker network create mynet; echo "exit=$?"
docker network rm mynet; echo "exit=$?"
docker rm -f server >/dev/null
docker network rm mynet; echo "exit=$?"
docker network inspect nosuchnet; echo "exit=$?"
