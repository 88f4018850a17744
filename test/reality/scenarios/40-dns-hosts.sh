# Names and resolvers: --dns, --dns-search, --dns-option, --add-host, --ip, aliases.
docker run --rm --dns 1.1.1.1 --dns-search example.com --dns-option ndots:2 busybox cat /etc/resolv.conf
docker run --rm --add-host db:10.0.0.5 --add-host cache:10.0.0.6 busybox cat /etc/hosts
docker run --rm --add-host nope busybox true; echo "exit=$?"
docker run --rm --dns 999.1.1.1 busybox true; echo "exit=$?"
docker run --rm -h web --domainname example.com busybox sh -c 'hostname; cat /etc/hostname; tail -1 /etc/hosts'
docker network create --subnet 172.30.0.0/16 labnet >/dev/null
docker run --rm --network labnet --dns 1.1.1.1 busybox cat /etc/resolv.conf
docker run -d --name fixed --network labnet --ip 172.30.0.50 --network-alias db busybox sleep 300 >/dev/null
docker inspect -f '{{.NetworkSettings.Networks.labnet.IPAddress}} {{.NetworkSettings.Networks.labnet.Aliases}} {{.NetworkSettings.Networks.labnet.IPAMConfig}}' fixed
docker run --rm --network labnet busybox nslookup db 2>&1 | grep -A1 '^Name'
docker run --rm --network labnet --ip 172.30.0.50 busybox true; echo "exit=$?"
docker run --rm --network labnet --ip 10.9.9.9 busybox true; echo "exit=$?"
docker run --rm --ip 172.17.0.50 busybox true; echo "exit=$?"
docker run --rm --network-alias x busybox true; echo "exit=$?"
docker run --rm --network labnet busybox ip -4 addr show eth0 | grep inet
docker rm -f fixed >/dev/null
docker network rm labnet >/dev/null
docker inspect -f '{{.HostConfig.Dns}} {{.HostConfig.DnsSearch}} {{.HostConfig.ExtraHosts}}' $(docker create --dns 8.8.8.8 --add-host a:1.2.3.4 busybox)
docker container prune -f >/dev/null
