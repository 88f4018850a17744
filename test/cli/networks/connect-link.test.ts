/**
 * docker network connect --link on a user-defined network: the link is kept as written with the
 * network's endpoint settings (never checked), and the container's embedded DNS answers the alias
 * with the linked container's address on that network. Joining a user network while running also
 * points the container's resolv.conf at the embedded server. Recorded on the real dockerd 20.10
 * (28.2 client); addresses are the sandbox's.
 */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "../commands/transcript";

describe("docker network connect --link", () => {
  it("makes the alias resolve on that network for the connected container only", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox", "docker network create l1"]);
    expect(
      transcript(k, [
        "docker run -d --name db --network l1 busybox sleep 300",
        "docker run -d --name app busybox sleep 300",
        "docker exec app cat /etc/resolv.conf",
        "docker network connect --link db:database l1 app",
        "docker inspect -f '{{json .NetworkSettings.Networks.l1.Links}} {{json .HostConfig.Links}}' app",
        "docker exec app cat /etc/resolv.conf",
        "docker exec app ping -c1 -W1 database",
        "docker run --rm --network l1 busybox ping -c1 -W1 database",
      ]),
    ).toBe(`$ docker run -d --name db --network l1 busybox sleep 300
90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6
$ docker run -d --name app busybox sleep 300
d800ef41166663058f85f20151421659bd60038f84c5c6ac85a8a1e714dd402b
$ docker exec app cat /etc/resolv.conf
nameserver 10.0.2.3
$ docker network connect --link db:database l1 app
$ docker inspect -f '{{json .NetworkSettings.Networks.l1.Links}} {{json .HostConfig.Links}}' app
["db:database"] null
$ docker exec app cat /etc/resolv.conf
nameserver 127.0.0.11
options ndots:0
$ docker exec app ping -c1 -W1 database
PING database (172.18.0.2): 56 data bytes
64 bytes from 172.18.0.2: seq=0 ttl=64 time=0.080 ms

--- database ping statistics ---
1 packets transmitted, 1 packets received, 0% packet loss
round-trip min/avg/max = 0.080/0.080/0.080 ms
$ docker run --rm --network l1 busybox ping -c1 -W1 database
[stderr] ping: bad address 'database'
[exit 1]
`);
  });

  it("keeps links of a stopped container as written, unchecked, for its start", async () => {
    const k = await sandbox();
    transcript(k, ["docker pull -q busybox", "docker network create l1", "docker run -d --name db --network l1 busybox sleep 300"]);
    expect(
      transcript(k, [
        "docker create --name later busybox sleep 300",
        "docker network connect --link db:dbx --link nosuch:zz l1 later",
        "docker inspect -f '{{json .NetworkSettings.Networks.l1.Links}}' later",
        "docker start later",
        "docker exec later ping -c1 -W1 dbx",
        "docker exec later env",
      ]),
    ).toBe(`$ docker create --name later busybox sleep 300
d800ef41166663058f85f20151421659bd60038f84c5c6ac85a8a1e714dd402b
$ docker network connect --link db:dbx --link nosuch:zz l1 later
$ docker inspect -f '{{json .NetworkSettings.Networks.l1.Links}}' later
["db:dbx","nosuch:zz"]
$ docker start later
later
$ docker exec later ping -c1 -W1 dbx
PING dbx (172.18.0.2): 56 data bytes
64 bytes from 172.18.0.2: seq=0 ttl=64 time=0.080 ms

--- dbx ping statistics ---
1 packets transmitted, 1 packets received, 0% packet loss
round-trip min/avg/max = 0.080/0.080/0.080 ms
$ docker exec later env
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
HOSTNAME=d800ef411666
HOME=/root
`);
  });

  it("rejects a malformed link when the flag is parsed", async () => {
    const k = await sandbox();
    expect(transcript(k, ["docker network connect --link bad:a:b l1 db", "docker network connect --link '' l1 db"])).toBe(
      `$ docker network connect --link bad:a:b l1 db
[stderr] invalid argument "bad:a:b" for "--link" flag: bad format for links: bad:a:b
[stderr] 
[stderr] Usage:  docker network connect [OPTIONS] NETWORK CONTAINER
[stderr] 
[stderr] Run 'docker network connect --help' for more information
[exit 125]
$ docker network connect --link '' l1 db
[stderr] invalid argument "" for "--link" flag: empty string specified for links
[stderr] 
[stderr] Usage:  docker network connect [OPTIONS] NETWORK CONTAINER
[stderr] 
[stderr] Run 'docker network connect --help' for more information
[exit 125]
`,
    );
  });
});
