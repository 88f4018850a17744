/**
 * Docker's getting-started flows as a student types them on a terminal: hello-world, nginx
 * published on a host port and fetched with curl, a shell inside it, inspect, stop and rm, and
 * interactive containers (Ctrl-D, Ctrl-C, detaching with Ctrl-P Ctrl-Q, attach, start -ai).
 * Container and image ids are random, so they are shown as <id> (12 hex) and <ID> (64 hex).
 * The texts follow the real client 28.2 and the images' own output (checked against a real
 * dockerd with busybox where the flow allows, docker-library and docs.docker.com otherwise).
 */
import { describe, expect, it } from "vitest";
import { run } from "../../helpers/host";
import { session, typeLines } from "./terminal";

const masked = (text: string) => text.replace(/\b[0-9a-f]{64}\b/g, "<ID>").replace(/\b[0-9a-f]{12}\b/g, "<id>");

const HELLO = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

`;

describe("docker run hello-world", () => {
  it("pulls the image (progress on stderr when not on a terminal), then greets", async () => {
    const s = await session();
    const r = run(s.sandbox.kernel, ["sh", "-c", "docker run hello-world"]);
    expect(masked(r.stderr)).toBe(`Unable to find image 'hello-world:latest' locally
latest: Pulling from library/hello-world
<id>: Pulling fs layer
<id>: Verifying Checksum
<id>: Download complete
<id>: Pull complete
Digest: sha256:<ID>
Status: Downloaded newer image for hello-world:latest
`);
    expect(r.stdout).toBe(HELLO);
    expect(r.code).toBe(0);
  });

  it("leaves an exited container and the image, which rm and rmi remove", async () => {
    const s = await session({ pull: ["hello-world"] });
    s.type("docker run hello-world\r");
    s.fresh();
    expect(masked(typeLines(s, ["docker ps -a", "docker images", "docker rm $(docker ps -aq)", "docker rmi hello-world", "docker images"]))).toBe(
      `docker ps -a
CONTAINER ID   IMAGE         COMMAND    CREATED                  STATUS                              PORTS     NAMES
<id>   hello-world   "/hello"   Less than a second ago   Exited (0) Less than a second ago             busy_greider
root@sandbox:~# docker images
REPOSITORY    TAG       IMAGE ID       CREATED       SIZE
hello-world   latest    <id>   2 years ago   13.3kB
root@sandbox:~# docker rm $(docker ps -aq)
<id>
root@sandbox:~# docker rmi hello-world
Untagged: hello-world:latest
Untagged: hello-world@sha256:<ID>
Deleted: sha256:<ID>
Deleted: sha256:<ID>
root@sandbox:~# docker images
REPOSITORY   TAG       IMAGE ID   CREATED   SIZE
root@sandbox:~# `,
    );
  });
});

describe("nginx on a published port", () => {
  it("serves the welcome page through 8080, logs the requests, and is stopped and removed", async () => {
    const s = await session({ pull: ["nginx"] });
    const lines = [
      "docker run -d -p 8080:80 --name web nginx",
      "docker ps",
      "curl -s localhost:8080 | grep title",
      "curl -I localhost:8080",
      "docker logs web",
      "docker inspect web --format '{{.NetworkSettings.IPAddress}}'",
      "docker port web",
      "docker exec -it web bash",
      "cat /etc/hostname",
      "nginx -v",
      "ps",
      "exit",
      "docker stop web",
      "docker ps",
      "docker ps -a",
      "docker rm web",
      "docker ps -a",
    ];
    expect(masked(typeLines(s, lines))).toBe(`root@sandbox:~# docker run -d -p 8080:80 --name web nginx
<ID>
root@sandbox:~# docker ps
CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS                  PORTS                                     NAMES
<id>   nginx     "/docker-entrypoint.…"   Less than a second ago   Up Less than a second   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web
root@sandbox:~# curl -s localhost:8080 | grep title
<title>Welcome to nginx!</title>
root@sandbox:~# curl -I localhost:8080
HTTP/1.1 200 OK
Server: nginx/1.27.5
Date: Thu, 15 Jan 2026 09:00:02 GMT
Content-Type: text/html
Content-Length: 615
Last-Modified: Wed, 16 Apr 2025 18:52:36 GMT
Connection: keep-alive
ETag: "67fffc74-267"
Accept-Ranges: bytes

root@sandbox:~# docker logs web
/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration
/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/
/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh
10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf
/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh
/docker-entrypoint.sh: Configuration complete; ready for start up
2026/01/15 09:00:02 [notice] 1#1: using the "epoll" event method
2026/01/15 09:00:02 [notice] 1#1: nginx/1.27.5
2026/01/15 09:00:02 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) 
2026/01/15 09:00:02 [notice] 1#1: OS: Linux 6.1.0-31-amd64
2026/01/15 09:00:02 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576
2026/01/15 09:00:02 [notice] 1#1: start worker processes
2026/01/15 09:00:02 [notice] 1#1: start worker process 15
2026/01/15 09:00:02 [notice] 1#1: start worker process 16
172.17.0.1 - - [15/Jan/2026:09:00:02 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"
172.17.0.1 - - [15/Jan/2026:09:00:02 +0000] "HEAD / HTTP/1.1" 200 0 "-" "curl/7.88.1" "-"
root@sandbox:~# docker inspect web --format '{{.NetworkSettings.IPAddress}}'
172.17.0.2
root@sandbox:~# docker port web
80/tcp -> 0.0.0.0:8080
80/tcp -> [::]:8080
root@sandbox:~# docker exec -it web bash
root@<id>:/# cat /etc/hostname
<id>
root@<id>:/# nginx -v
nginx version: nginx/1.27.5
root@<id>:/# ps
bash: ps: command not found
root@<id>:/# exit
exit
root@sandbox:~# docker stop web
web
root@sandbox:~# docker ps
CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES
root@sandbox:~# docker ps -a
CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS                              PORTS     NAMES
<id>   nginx     "/docker-entrypoint.…"   Less than a second ago   Exited (0) Less than a second ago             web
root@sandbox:~# docker rm web
web
root@sandbox:~# docker ps -a
CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES
root@sandbox:~# `);
  });

  it("refuses a second container on the same host port, after printing its id (docker 28 wording)", async () => {
    const s = await session({ pull: ["nginx"] });
    s.type("docker run -d -p 8080:80 --name web nginx\r");
    s.fresh();
    expect(masked(typeLines(s, ["docker run -d -p 8080:80 --name web2 nginx", "echo $?", "docker ps -a --format '{{.Names}}: {{.Status}}'"]))).toBe(
      `docker run -d -p 8080:80 --name web2 nginx
<ID>
docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint web2 (<ID>): Bind for 0.0.0.0:8080 failed: port is already allocated

Run 'docker run --help' for more information
root@sandbox:~# echo $?
125
root@sandbox:~# docker ps -a --format '{{.Names}}: {{.Status}}'
web2: Created
web: Up Less than a second
root@sandbox:~# `,
    );
  });
});

describe("interactive containers", () => {
  it("docker run -it ubuntu bash, left with Ctrl-D", async () => {
    const s = await session({ pull: ["ubuntu"] });
    s.fresh();
    s.type("docker run -it ubuntu bash\r");
    s.type("cat /etc/os-release | head -2\r");
    s.type("\x04");
    s.type("docker ps -a --format '{{.Image}} {{.Command}} {{.Status}}'\r");
    expect(masked(s.fresh())).toBe(`docker run -it ubuntu bash
root@<id>:/# cat /etc/os-release | head -2
PRETTY_NAME="Ubuntu 24.04.2 LTS"
NAME="Ubuntu"
root@<id>:/# exit
root@sandbox:~# docker ps -a --format '{{.Image}} {{.Command}} {{.Status}}'
ubuntu "bash" Exited (0) Less than a second ago
root@sandbox:~# `);
  });

  it("Ctrl-C stops the shell's foreground command; exit's status is docker run's", async () => {
    const s = await session({ pull: ["busybox"] });
    s.fresh();
    s.type("docker run -it --rm busybox sh\r");
    s.type("sleep 100\r");
    s.type("\x03");
    s.type("echo $?\r");
    s.type("exit 5\r");
    s.type("echo $?\r");
    expect(s.fresh()).toBe(`docker run -it --rm busybox sh
/ # sleep 100
^C
/ # echo $?
130
/ # exit 5
root@sandbox:~# echo $?
5
root@sandbox:~# `);
  });

  it("Ctrl-P Ctrl-Q detaches quietly; attach and start -ai come back to the shell", async () => {
    const s = await session({ pull: ["busybox"] });
    s.fresh();
    s.type("docker run -it --name sh1 busybox sh\r");
    s.type("echo hi\r");
    s.type("\x10\x11");
    s.type("docker ps --format '{{.Names}}: {{.Status}}'\r");
    s.type("docker attach sh1\r");
    s.type("exit\r");
    s.type("docker ps -a --format '{{.Names}}: {{.Status}}'\r");
    s.type("docker start -ai sh1\r");
    s.type("exit 3\r");
    s.type("echo $?\r");
    expect(s.fresh()).toBe(`docker run -it --name sh1 busybox sh
/ # echo hi
hi
/ # root@sandbox:~# docker ps --format '{{.Names}}: {{.Status}}'
sh1: Up Less than a second
root@sandbox:~# docker attach sh1
exit
root@sandbox:~# docker ps -a --format '{{.Names}}: {{.Status}}'
sh1: Exited (0) Less than a second ago
root@sandbox:~# docker start -ai sh1
/ # exit 3
root@sandbox:~# echo $?
3
root@sandbox:~# `);
  });
});
