/** docker run and create through the real docker program: output, implicit pull, errors and statuses. */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./transcript";

describe("docker run / create", () => {
  it("pulls a missing image on stderr, streams the command's output and exits with its status", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker ps",
      "docker run busybox echo hello",
      "docker ps -a",
      "docker run --rm busybox sh -c 'echo out; echo err >&2; exit 3'",
      "docker ps -a -q"
    ])).toBe(`$ docker ps
CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES
$ docker run busybox echo hello
hello
[stderr] Unable to find image 'busybox:latest' locally
[stderr] latest: Pulling from library/busybox
[stderr] 6119e335a2ee: Pulling fs layer
[stderr] 6119e335a2ee: Verifying Checksum
[stderr] 6119e335a2ee: Download complete
[stderr] 6119e335a2ee: Pull complete
[stderr] Digest: sha256:4ab767419a630a70135a90555956d64f729af26fec67b5effa4bd571c72c2b87
[stderr] Status: Downloaded newer image for busybox:latest
$ docker ps -a
CONTAINER ID   IMAGE     COMMAND        CREATED                  STATUS                              PORTS     NAMES
e82c282998b1   busybox   "echo hello"   Less than a second ago   Exited (0) Less than a second ago             busy_greider
$ docker run --rm busybox sh -c 'echo out; echo err >&2; exit 3'
out
[stderr] err
[exit 3]
$ docker ps -a -q
e82c282998b1
`);
  });

  it("runs detached, refuses a taken name, stops and removes", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run --name web -d busybox sleep 1000",
      "docker ps",
      "docker run --name web busybox true",
      "docker stop web",
      "docker ps -a --no-trunc",
      "docker rm web nosuch"
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run --name web -d busybox sleep 1000
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker ps
CONTAINER ID   IMAGE     COMMAND        CREATED                  STATUS                  PORTS     NAMES
e82c282998b1   busybox   "sleep 1000"   Less than a second ago   Up Less than a second             web
$ docker run --name web busybox true
[stderr] docker: Error response from daemon: Conflict. The container name "/web" is already in use by container "e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21". You have to remove (or rename) that container to be able to reuse that name.
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker stop web
web
$ docker ps -a --no-trunc
CONTAINER ID                                                       IMAGE     COMMAND        CREATED          STATUS                                PORTS     NAMES
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21   busybox   "sleep 1000"   10 seconds ago   Exited (137) Less than a second ago             web
$ docker rm web nosuch
web
[stderr] Error response from daemon: No such container: nosuch
[exit 1]
`);
  });

  it("reports client and daemon errors as the real client does", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run busybox nosuchcmd",
      "docker run busybox /etc",
      "docker run -p notaport busybox",
      "docker run --rm --restart=always busybox",
      "docker run --pull=never alpine",
      "docker run --restart=bogus busybox",
      "docker run -it busybox sh",
      "docker run -d -a stdout busybox",
      "docker run --link db:db busybox",
      "docker run -w rel busybox pwd",
      "docker run -m 1m busybox true",
      "docker create --name x busybox true",
      "docker create --name x busybox true",
      "docker create -p notaport busybox"
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run busybox nosuchcmd
[stderr] docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nosuchcmd": executable file not found in $PATH: unknown
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 127]
$ docker run busybox /etc
[stderr] docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "/etc": permission denied: unknown
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 126]
$ docker run -p notaport busybox
[stderr] docker: invalid containerPort: notaport
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --restart=always busybox
[stderr] docker: conflicting options: cannot specify both --restart and --rm
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --pull=never alpine
[stderr] docker: Error response from daemon: No such image: alpine:latest
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --restart=bogus busybox
[stderr] docker: Error response from daemon: invalid restart policy: unknown policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run -it busybox sh
[stderr] the input device is not a TTY
[exit 1]
$ docker run -d -a stdout busybox
[stderr] conflicting options: cannot specify both --attach and --detach
[exit 1]
$ docker run --link db:db busybox
[stderr] docker: Error response from daemon: could not get container for db: No such container: db
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run -w rel busybox pwd
[stderr] docker: Error response from daemon: the working directory 'rel' is invalid, it needs to be an absolute path
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run -m 1m busybox true
[stderr] docker: Error response from daemon: Minimum memory limit allowed is 6MB
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker create --name x busybox true
[stderr] Error response from daemon: Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed
[exit 1]
$ docker create --name x busybox true
[stderr] Error response from daemon: Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed
[exit 1]
$ docker create -p notaport busybox
[stderr] docker: invalid containerPort: notaport
[stderr] 
[stderr] Run 'docker create --help' for more information
[exit 125]
`);
  });

  it("--expose of a range exposes each port; bad ranges get the client's nat.ParsePortRange errors", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker create --name ranged --expose 8000-8002 --expose 9000/udp busybox",
      "docker inspect -f '{{json .Config.ExposedPorts}}' ranged",
      "docker create --expose 9-x busybox",
      "docker create --expose 5-3 busybox",
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker create --name ranged --expose 8000-8002 --expose 9000/udp busybox
e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21
$ docker inspect -f '{{json .Config.ExposedPorts}}' ranged
{"8000/tcp":{},"8001/tcp":{},"8002/tcp":{},"9000/udp":{}}
$ docker create --expose 9-x busybox
[stderr] docker: invalid range format for --expose: 9-x, error: strconv.ParseUint: parsing "x": invalid syntax
[stderr] 
[stderr] Run 'docker create --help' for more information
[exit 125]
$ docker create --expose 5-3 busybox
[stderr] docker: invalid range format for --expose: 5-3, error: invalid range specified for port: 5-3
[stderr] 
[stderr] Run 'docker create --help' for more information
[exit 125]
`);
  });

  it("refuses Windows-only flags before looking at arguments, and volume drivers other than local", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker run --rm --cpu-count 2",
      "docker create --io-maxiops 3 busybox",
      "docker pull -q busybox",
      "docker run --rm --volume-driver nosuch -v data:/data busybox true",
      "docker run --rm --volume-driver nosuch --mount type=volume,src=other,dst=/data busybox true",
      "docker run --rm --volume-driver local -v data:/data busybox true",
      "docker volume ls -q",
    ])).toBe(`$ docker run --rm --cpu-count 2
[stderr] "--cpu-count" is only supported on a Docker daemon running on windows, but the Docker daemon is running on linux
[exit 1]
$ docker create --io-maxiops 3 busybox
[stderr] "--io-maxiops" is only supported on a Docker daemon running on windows, but the Docker daemon is running on linux
[exit 1]
$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run --rm --volume-driver nosuch -v data:/data busybox true
[stderr] docker: Error response from daemon: create data: error looking up volume plugin nosuch: plugin "nosuch" not found
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --volume-driver nosuch --mount type=volume,src=other,dst=/data busybox true
$ docker run --rm --volume-driver local -v data:/data busybox true
$ docker volume ls -q
data
other
`);
  });

  it("passes stdin with -i, environment, user, workdir, hostname and entrypoint", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker run -i --rm busybox cat",
      "docker run --rm -e FOO=bar -w /tmp -u 1000:1000 -h box busybox sh -c 'echo $FOO $(pwd) $(id -u):$(id -g) $(hostname)'",
      "docker run --rm --entrypoint echo busybox entry point",
      "docker create --name made busybox echo made",
      "docker start -a made",
      "docker start made nosuch"
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker run -i --rm busybox cat
piped input
$ docker run --rm -e FOO=bar -w /tmp -u 1000:1000 -h box busybox sh -c 'echo $FOO $(pwd) $(id -u):$(id -g) $(hostname)'
bar /tmp 1000:1000 box
$ docker run --rm --entrypoint echo busybox entry point
entry point
$ docker create --name made busybox echo made
cfa8834637c69fd66184919892854a02968c5aa9d7ba0351f32c779a5fb89f40
$ docker start -a made
made
$ docker start made nosuch
made
[stderr] Error response from daemon: No such container: nosuch
[stderr] Error: failed to start containers: nosuch
[exit 1]
`);
  });
});
