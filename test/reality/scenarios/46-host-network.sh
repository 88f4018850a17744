# The bridge network seen from the host: docker0, veth pairs, iptables, docker-proxy.
#@ mask ([0-9a-f]{2}:){5}[0-9a-f]{2}
#@ mask veth[0-9a-f]{7}
#@ mask ^ *[0-9]+ 
#@ mask pid=[0-9]+
ip addr show docker0 | grep -w inet
ip -o link show docker0 | cut -d" " -f2-3
docker run -d --name web -p 8080:80 busybox httpd -f -p 80 >/dev/null
sleep 1
ip -o link show docker0 | cut -d" " -f2-3
ip -o link show master docker0 | cut -d" " -f3-
bridge link | cut -d" " -f2-
P=$(docker inspect -f '{{.State.Pid}}' web)
nsenter -t $P -n ip -o -4 addr show | cut -d" " -f2-
nsenter -t $P -n ip route
ip route | grep docker0
iptables -t nat -S
iptables -t nat -L DOCKER -n
iptables -S DOCKER
iptables -S FORWARD
ss -ltn | grep 8080
ps -o cmd= -C docker-proxy
docker exec web sh -c 'echo hello from web > /index.html'
wget -qO- http://localhost:8080/index.html
wget -qO- http://172.17.0.2/index.html
docker rm -f web >/dev/null
iptables -t nat -S DOCKER
ip -o link show master docker0 | wc -l
pgrep docker-proxy; echo "exit=$?"
