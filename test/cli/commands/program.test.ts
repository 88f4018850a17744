/** The docker program itself: help, usage errors, unknown commands, the daemon connection, and docker inspect of a container. */
import { describe, expect, it } from "vitest";
import { sandbox, transcript } from "./transcript";

describe("the docker program", () => {
  it("help texts, usage errors and unknown commands", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker run",
      "docker frobnicate",
      "docker container frob",
      "docker ps --foo",
      "docker rm",
      "docker logs"
    ])).toBe(`$ docker run
[stderr] docker: 'docker run' requires at least 1 argument
[stderr] 
[stderr] Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
[stderr] 
[stderr] See 'docker run --help' for more information
[exit 1]
$ docker frobnicate
[stderr] docker: unknown command: docker frobnicate
[stderr] 
[stderr] Run 'docker --help' for more information
[exit 1]
$ docker container frob
[stderr] docker: unknown command: docker container frob
[stderr] 
[stderr] Usage:  docker container
[stderr] 
[stderr] Run 'docker container --help' for more information
[exit 1]
$ docker ps --foo
[stderr] unknown flag: --foo
[stderr] 
[stderr] Usage:  docker ps [OPTIONS]
[stderr] 
[stderr] Run 'docker ps --help' for more information
[exit 125]
$ docker rm
[stderr] docker: 'docker rm' requires at least 1 argument
[stderr] 
[stderr] Usage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]
[stderr] 
[stderr] See 'docker rm --help' for more information
[exit 1]
$ docker logs
[stderr] docker: 'docker logs' requires 1 argument
[stderr] 
[stderr] Usage:  docker logs [OPTIONS] CONTAINER
[stderr] 
[stderr] Run 'docker logs --help' for more information
[exit 1]
`);
  });

  it("reaches the daemon only on a unix socket", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker -H tcp://127.0.0.1:2375 ps",
      "docker -H unix:///nosuch.sock run busybox",
      "docker -H unix:///nosuch.sock inspect x",
      "docker -H unix:///var/run/docker.sock ps -q"
    ])).toBe(`$ docker -H tcp://127.0.0.1:2375 ps
[stderr] Cannot connect to the Docker daemon at tcp://127.0.0.1:2375. Is the docker daemon running?
[exit 1]
$ docker -H unix:///nosuch.sock run busybox
[stderr] docker: Cannot connect to the Docker daemon at unix:///nosuch.sock. Is the docker daemon running?
[stderr] 
[stderr] Run 'docker run --help' for more information
[exit 125]
$ docker -H unix:///nosuch.sock inspect x
[]
[stderr] Cannot connect to the Docker daemon at unix:///nosuch.sock. Is the docker daemon running?
[exit 1]
$ docker -H unix:///var/run/docker.sock ps -q
`);
  });

  it("inspects a container as the daemon reports it", async () => {
    const k = await sandbox();
    expect(transcript(k, [
      "docker pull -q busybox",
      "docker create --name box -e A=1 -l k=v -p 8080:80 -v /data busybox sleep 10",
      "docker inspect box",
      "docker container inspect box nosuch",
      "docker inspect -f '{{.State.Running}} {{range .Mounts}}{{.Type}} {{.Destination}}{{end}}' box"
    ])).toBe(`$ docker pull -q busybox
docker.io/library/busybox:latest
$ docker create --name box -e A=1 -l k=v -p 8080:80 -v /data busybox sleep 10
90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6
$ docker inspect box
[
    {
        "Id": "90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6",
        "Created": "2026-01-15T09:00:00.03105Z",
        "Path": "sleep",
        "Args": [
            "10"
        ],
        "State": {
            "Status": "created",
            "Running": false,
            "Paused": false,
            "Restarting": false,
            "OOMKilled": false,
            "Dead": false,
            "Pid": 0,
            "ExitCode": 0,
            "Error": "",
            "StartedAt": "0001-01-01T00:00:00Z",
            "FinishedAt": "0001-01-01T00:00:00Z"
        },
        "Image": "sha256:653dcb95f388c29323bb95960b2db0e12e63c6e4cac9009b23d3504f0e91e80a",
        "ResolvConfPath": "/var/lib/docker/containers/90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6/resolv.conf",
        "HostnamePath": "/var/lib/docker/containers/90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6/hostname",
        "HostsPath": "/var/lib/docker/containers/90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6/hosts",
        "LogPath": "/var/lib/docker/containers/90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6/90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6-json.log",
        "Name": "/box",
        "RestartCount": 0,
        "Driver": "overlay2",
        "Platform": "linux",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "ExecIDs": null,
        "HostConfig": {
            "Binds": null,
            "ContainerIDFile": "",
            "LogConfig": {
                "Type": "json-file",
                "Config": {}
            },
            "NetworkMode": "bridge",
            "PortBindings": {
                "80/tcp": [
                    {
                        "HostIp": "",
                        "HostPort": "8080"
                    }
                ]
            },
            "RestartPolicy": {
                "Name": "no",
                "MaximumRetryCount": 0
            },
            "AutoRemove": false,
            "VolumeDriver": "",
            "VolumesFrom": null,
            "ConsoleSize": [
                0,
                0
            ],
            "CapAdd": null,
            "CapDrop": null,
            "CgroupnsMode": "private",
            "Dns": [],
            "DnsOptions": [],
            "DnsSearch": [],
            "ExtraHosts": null,
            "GroupAdd": null,
            "IpcMode": "private",
            "Cgroup": "",
            "Links": null,
            "OomScoreAdj": 0,
            "PidMode": "",
            "Privileged": false,
            "PublishAllPorts": false,
            "ReadonlyRootfs": false,
            "SecurityOpt": null,
            "UTSMode": "",
            "UsernsMode": "",
            "ShmSize": 67108864,
            "Runtime": "runc",
            "Isolation": "",
            "CpuShares": 0,
            "Memory": 0,
            "NanoCpus": 0,
            "CgroupParent": "",
            "BlkioWeight": 0,
            "BlkioWeightDevice": [],
            "BlkioDeviceReadBps": [],
            "BlkioDeviceWriteBps": [],
            "BlkioDeviceReadIOps": [],
            "BlkioDeviceWriteIOps": [],
            "CpuPeriod": 0,
            "CpuQuota": 0,
            "CpuRealtimePeriod": 0,
            "CpuRealtimeRuntime": 0,
            "CpusetCpus": "",
            "CpusetMems": "",
            "Devices": [],
            "DeviceCgroupRules": null,
            "DeviceRequests": null,
            "MemoryReservation": 0,
            "MemorySwap": 0,
            "MemorySwappiness": null,
            "OomKillDisable": null,
            "PidsLimit": null,
            "Ulimits": [],
            "CpuCount": 0,
            "CpuPercent": 0,
            "IOMaximumIOps": 0,
            "IOMaximumBandwidth": 0,
            "MaskedPaths": [
                "/proc/asound",
                "/proc/acpi",
                "/proc/interrupts",
                "/proc/kcore",
                "/proc/keys",
                "/proc/latency_stats",
                "/proc/timer_list",
                "/proc/timer_stats",
                "/proc/sched_debug",
                "/proc/scsi",
                "/sys/firmware",
                "/sys/devices/virtual/powercap"
            ],
            "ReadonlyPaths": [
                "/proc/bus",
                "/proc/fs",
                "/proc/irq",
                "/proc/sys",
                "/proc/sysrq-trigger"
            ]
        },
        "GraphDriver": {
            "Data": {
                "ID": "90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6",
                "LowerDir": "/var/lib/docker/overlay2/3c89ad49c62f6b44023fb8a36fea4f75f8af3edda8bd85d762ad329cfa318617-init/diff:/var/lib/docker/overlay2/7619ecd257bc91c6e5083be252d820602cdf70275e4cdb1c7926c3be036f5ab0/diff",
                "MergedDir": "/var/lib/docker/overlay2/3c89ad49c62f6b44023fb8a36fea4f75f8af3edda8bd85d762ad329cfa318617/merged",
                "UpperDir": "/var/lib/docker/overlay2/3c89ad49c62f6b44023fb8a36fea4f75f8af3edda8bd85d762ad329cfa318617/diff",
                "WorkDir": "/var/lib/docker/overlay2/3c89ad49c62f6b44023fb8a36fea4f75f8af3edda8bd85d762ad329cfa318617/work"
            },
            "Name": "overlay2"
        },
        "Mounts": [
            {
                "Type": "volume",
                "Name": "e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21",
                "Source": "/var/lib/docker/volumes/e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21/_data",
                "Destination": "/data",
                "Driver": "local",
                "Mode": "",
                "RW": true,
                "Propagation": ""
            }
        ],
        "Config": {
            "Hostname": "90144fd88d81",
            "Domainname": "",
            "User": "",
            "AttachStdin": false,
            "AttachStdout": true,
            "AttachStderr": true,
            "ExposedPorts": {
                "80/tcp": {}
            },
            "Tty": false,
            "OpenStdin": false,
            "StdinOnce": false,
            "Env": [
                "A=1",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
            ],
            "Cmd": [
                "sleep",
                "10"
            ],
            "Image": "busybox",
            "Volumes": null,
            "WorkingDir": "",
            "Entrypoint": null,
            "OnBuild": null,
            "Labels": {
                "k": "v"
            }
        },
        "NetworkSettings": {
            "Bridge": "",
            "SandboxID": "",
            "SandboxKey": "",
            "Ports": {},
            "HairpinMode": false,
            "LinkLocalIPv6Address": "",
            "LinkLocalIPv6PrefixLen": 0,
            "SecondaryIPAddresses": null,
            "SecondaryIPv6Addresses": null,
            "EndpointID": "",
            "Gateway": "",
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "IPAddress": "",
            "IPPrefixLen": 0,
            "IPv6Gateway": "",
            "MacAddress": "",
            "Networks": {
                "bridge": {
                    "IPAMConfig": null,
                    "Links": null,
                    "Aliases": null,
                    "MacAddress": "",
                    "DriverOpts": null,
                    "GwPriority": 0,
                    "NetworkID": "141f2a05a3b922ed52132e2e796ea5ed3ca496d06cf499fc22995335bb479aea",
                    "EndpointID": "",
                    "Gateway": "",
                    "IPAddress": "",
                    "IPPrefixLen": 0,
                    "IPv6Gateway": "",
                    "GlobalIPv6Address": "",
                    "GlobalIPv6PrefixLen": 0,
                    "DNSNames": null
                }
            }
        }
    }
]
$ docker container inspect box nosuch
[
    {
        "Id": "90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6",
        "Created": "2026-01-15T09:00:00.03105Z",
        "Path": "sleep",
        "Args": [
            "10"
        ],
        "State": {
            "Status": "created",
            "Running": false,
            "Paused": false,
            "Restarting": false,
            "OOMKilled": false,
            "Dead": false,
            "Pid": 0,
            "ExitCode": 0,
            "Error": "",
            "StartedAt": "0001-01-01T00:00:00Z",
            "FinishedAt": "0001-01-01T00:00:00Z"
        },
        "Image": "sha256:653dcb95f388c29323bb95960b2db0e12e63c6e4cac9009b23d3504f0e91e80a",
        "ResolvConfPath": "/var/lib/docker/containers/90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6/resolv.conf",
        "HostnamePath": "/var/lib/docker/containers/90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6/hostname",
        "HostsPath": "/var/lib/docker/containers/90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6/hosts",
        "LogPath": "/var/lib/docker/containers/90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6/90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6-json.log",
        "Name": "/box",
        "RestartCount": 0,
        "Driver": "overlay2",
        "Platform": "linux",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "ExecIDs": null,
        "HostConfig": {
            "Binds": null,
            "ContainerIDFile": "",
            "LogConfig": {
                "Type": "json-file",
                "Config": {}
            },
            "NetworkMode": "bridge",
            "PortBindings": {
                "80/tcp": [
                    {
                        "HostIp": "",
                        "HostPort": "8080"
                    }
                ]
            },
            "RestartPolicy": {
                "Name": "no",
                "MaximumRetryCount": 0
            },
            "AutoRemove": false,
            "VolumeDriver": "",
            "VolumesFrom": null,
            "ConsoleSize": [
                0,
                0
            ],
            "CapAdd": null,
            "CapDrop": null,
            "CgroupnsMode": "private",
            "Dns": [],
            "DnsOptions": [],
            "DnsSearch": [],
            "ExtraHosts": null,
            "GroupAdd": null,
            "IpcMode": "private",
            "Cgroup": "",
            "Links": null,
            "OomScoreAdj": 0,
            "PidMode": "",
            "Privileged": false,
            "PublishAllPorts": false,
            "ReadonlyRootfs": false,
            "SecurityOpt": null,
            "UTSMode": "",
            "UsernsMode": "",
            "ShmSize": 67108864,
            "Runtime": "runc",
            "Isolation": "",
            "CpuShares": 0,
            "Memory": 0,
            "NanoCpus": 0,
            "CgroupParent": "",
            "BlkioWeight": 0,
            "BlkioWeightDevice": [],
            "BlkioDeviceReadBps": [],
            "BlkioDeviceWriteBps": [],
            "BlkioDeviceReadIOps": [],
            "BlkioDeviceWriteIOps": [],
            "CpuPeriod": 0,
            "CpuQuota": 0,
            "CpuRealtimePeriod": 0,
            "CpuRealtimeRuntime": 0,
            "CpusetCpus": "",
            "CpusetMems": "",
            "Devices": [],
            "DeviceCgroupRules": null,
            "DeviceRequests": null,
            "MemoryReservation": 0,
            "MemorySwap": 0,
            "MemorySwappiness": null,
            "OomKillDisable": null,
            "PidsLimit": null,
            "Ulimits": [],
            "CpuCount": 0,
            "CpuPercent": 0,
            "IOMaximumIOps": 0,
            "IOMaximumBandwidth": 0,
            "MaskedPaths": [
                "/proc/asound",
                "/proc/acpi",
                "/proc/interrupts",
                "/proc/kcore",
                "/proc/keys",
                "/proc/latency_stats",
                "/proc/timer_list",
                "/proc/timer_stats",
                "/proc/sched_debug",
                "/proc/scsi",
                "/sys/firmware",
                "/sys/devices/virtual/powercap"
            ],
            "ReadonlyPaths": [
                "/proc/bus",
                "/proc/fs",
                "/proc/irq",
                "/proc/sys",
                "/proc/sysrq-trigger"
            ]
        },
        "GraphDriver": {
            "Data": {
                "ID": "90144fd88d81a70330b70bcf4454a6ae86e09d2c3395b19bfc761a68ac2631d6",
                "LowerDir": "/var/lib/docker/overlay2/3c89ad49c62f6b44023fb8a36fea4f75f8af3edda8bd85d762ad329cfa318617-init/diff:/var/lib/docker/overlay2/7619ecd257bc91c6e5083be252d820602cdf70275e4cdb1c7926c3be036f5ab0/diff",
                "MergedDir": "/var/lib/docker/overlay2/3c89ad49c62f6b44023fb8a36fea4f75f8af3edda8bd85d762ad329cfa318617/merged",
                "UpperDir": "/var/lib/docker/overlay2/3c89ad49c62f6b44023fb8a36fea4f75f8af3edda8bd85d762ad329cfa318617/diff",
                "WorkDir": "/var/lib/docker/overlay2/3c89ad49c62f6b44023fb8a36fea4f75f8af3edda8bd85d762ad329cfa318617/work"
            },
            "Name": "overlay2"
        },
        "Mounts": [
            {
                "Type": "volume",
                "Name": "e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21",
                "Source": "/var/lib/docker/volumes/e82c282998b1e583e5d69104d712164cadadd1c696081a5158aa31b3abcfee21/_data",
                "Destination": "/data",
                "Driver": "local",
                "Mode": "",
                "RW": true,
                "Propagation": ""
            }
        ],
        "Config": {
            "Hostname": "90144fd88d81",
            "Domainname": "",
            "User": "",
            "AttachStdin": false,
            "AttachStdout": true,
            "AttachStderr": true,
            "ExposedPorts": {
                "80/tcp": {}
            },
            "Tty": false,
            "OpenStdin": false,
            "StdinOnce": false,
            "Env": [
                "A=1",
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
            ],
            "Cmd": [
                "sleep",
                "10"
            ],
            "Image": "busybox",
            "Volumes": null,
            "WorkingDir": "",
            "Entrypoint": null,
            "OnBuild": null,
            "Labels": {
                "k": "v"
            }
        },
        "NetworkSettings": {
            "Bridge": "",
            "SandboxID": "",
            "SandboxKey": "",
            "Ports": {},
            "HairpinMode": false,
            "LinkLocalIPv6Address": "",
            "LinkLocalIPv6PrefixLen": 0,
            "SecondaryIPAddresses": null,
            "SecondaryIPv6Addresses": null,
            "EndpointID": "",
            "Gateway": "",
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "IPAddress": "",
            "IPPrefixLen": 0,
            "IPv6Gateway": "",
            "MacAddress": "",
            "Networks": {
                "bridge": {
                    "IPAMConfig": null,
                    "Links": null,
                    "Aliases": null,
                    "MacAddress": "",
                    "DriverOpts": null,
                    "GwPriority": 0,
                    "NetworkID": "141f2a05a3b922ed52132e2e796ea5ed3ca496d06cf499fc22995335bb479aea",
                    "EndpointID": "",
                    "Gateway": "",
                    "IPAddress": "",
                    "IPPrefixLen": 0,
                    "IPv6Gateway": "",
                    "GlobalIPv6Address": "",
                    "GlobalIPv6PrefixLen": 0,
                    "DNSNames": null
                }
            }
        }
    }
]
[stderr] Error response from daemon: No such container: nosuch
[exit 1]
$ docker inspect -f '{{.State.Running}} {{range .Mounts}}{{.Type}} {{.Destination}}{{end}}' box
false volume /data
`);
  });
});
