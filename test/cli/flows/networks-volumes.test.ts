/**
 * Multi-container flows without compose, as the networking and storage guides have them: two
 * containers on a user network finding each other by name, disconnecting and reconnecting one,
 * removing the network; named volumes surviving their containers; bind mounts, read-only ones
 * too. Expected outputs were recorded on a real dockerd 20.10 with the 28.2 client (busybox),
 * except the daemon's docker 28 wording of "active endpoints". Ids are shown as <id>/<ID>.
 */
import { describe, expect, it } from "vitest";
import { run } from "../../helpers/host";
import { session } from "./terminal";

const masked = (text: string) => text.replace(/\b[0-9a-f]{64}\b/g, "<ID>").replace(/\b[0-9a-f]{12}\b/g, "<id>");

/** Runs the script through the host's sh, stderr merged into stdout as on a terminal. */
async function script(lines: string[]): Promise<string> {
  const s = await session({ pull: ["busybox"] });
  return masked(run(s.sandbox.kernel, ["sh", "-c", `exec 2>&1\n${lines.join("\n")}`]).stdout);
}

describe("a user-defined network", () => {
  it("lets containers reach each other by name; one disconnected resolves nothing until it is back", async () => {
    const out = await script([
      "docker network create app",
      "docker network ls --filter name=app --format '{{.Name}} {{.Driver}} {{.Scope}}'",
      "docker run -d --name db --network app busybox sleep 3600",
      "docker run -d --name web --network app busybox sleep 3600",
      "docker exec web ping -c 1 db | head -2",
      "docker exec web cat /etc/resolv.conf",
      "docker exec web nslookup db 2>&1 | tail -3",
      "docker run --rm busybox ping -c 1 db; echo rc=$?",
      "docker network inspect -f '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{println}}{{end}}' app",
      "docker network disconnect app web",
      "docker inspect -f '{{json .NetworkSettings.Networks}}' web",
      "docker exec web ping -c 1 -W 1 db; echo rc=$?",
      "docker exec web ip -4 addr show eth0; echo rc=$?",
      "docker network connect app web",
      "docker exec web ping -c 1 db | head -1",
      "docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}}{{end}}' web",
      "docker network rm app; echo rc=$?",
      "docker rm -f db web",
      "docker network rm app",
      "docker network inspect app; echo rc=$?",
    ]);
    expect(out.replace(/time=[0-9.]+ ms/, "time=T ms")).toBe(`<ID>
app bridge local
<ID>
<ID>
PING db (172.18.0.2): 56 data bytes
64 bytes from 172.18.0.2: seq=0 ttl=64 time=T ms
nameserver 127.0.0.11
options ndots:0
Name:	db
Address: 172.18.0.2

ping: bad address 'db'
rc=1
db 172.18.0.2/16
web 172.18.0.3/16

{}
ping: bad address 'db'
rc=1
ip: can't find device 'eth0'
rc=1
PING db (172.18.0.2): 56 data bytes
app=172.18.0.3
Error response from daemon: error while removing network: network app has active endpoints (name:"db" id:"<id>", name:"web" id:"<id>")
exit status 1
rc=1
db
web
app
[]
Error response from daemon: network app not found
rc=1
`);
  });

  it("a container on the default bridge leaves it and joins a user network", async () => {
    const out = await script([
      "docker network create app",
      "docker run -d --name db --network app busybox sleep 3600",
      "docker run -d --name old -p 8080:80 busybox sleep 3600",
      "docker network disconnect bridge old",
      "docker inspect -f '{{json .NetworkSettings.Networks}} {{json .NetworkSettings.Ports}}' old",
      "docker port old; echo rc=$?",
      "docker network connect app old",
      "docker exec old ping -c 1 db | head -1",
      "docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}' old",
      "docker network connect bridge old",
      "docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}' old",
      "docker port old",
      "docker exec old ip -4 addr | grep inet",
    ]);
    expect(out).toBe(`<ID>
<ID>
<ID>
{} {}
rc=0
PING db (172.18.0.2): 56 data bytes
app=172.18.0.3 
app=172.18.0.3 bridge=172.17.0.2 
80/tcp -> 0.0.0.0:8080
80/tcp -> [::]:8080
    inet 127.0.0.1/8 scope host lo
    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth1
    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth2
`);
  });
});

describe("volumes and bind mounts", () => {
  it("keep data across containers; a read-only bind mount refuses writes", async () => {
    const out = await script([
      "docker volume create mydata",
      "docker volume ls",
      "docker volume inspect -f '{{.Driver}} {{.Mountpoint}} {{.Scope}}' mydata",
      "docker run --rm -v mydata:/data busybox sh -c 'echo hello > /data/greeting'",
      "docker run --rm -v mydata:/data busybox cat /data/greeting",
      "cat /var/lib/docker/volumes/mydata/_data/greeting",
      "mkdir -p /root/site && echo '<h1>hi</h1>' > /root/site/index.html",
      "docker run --rm -v /root/site:/w busybox cat /w/index.html",
      "docker run --rm -v /root/site:/w:ro busybox touch /w/x; echo rc=$?",
      "docker run -d --name user -v mydata:/data busybox sleep 100",
      "docker volume rm mydata",
      "docker rm -f user",
      "docker volume rm mydata",
      "docker volume ls",
    ]);
    expect(out).toBe(`mydata
DRIVER    VOLUME NAME
local     mydata
local /var/lib/docker/volumes/mydata/_data local
hello
hello
<h1>hi</h1>
touch: /w/x: Read-only file system
rc=1
<ID>
Error response from daemon: remove mydata: volume is in use - [<ID>]
user
mydata
DRIVER    VOLUME NAME
`);
  });
});
