# Fields of docker version and docker info (the server here is 20.10; the sandbox imitates 28.2).
docker version -f '{{.Client.Version}} {{.Client.APIVersion}} {{.Client.Os}}/{{.Client.Arch}}'
docker version -f '{{.Server.Version}} {{.Server.Os}}/{{.Server.Arch}}'
docker info -f '{{.Containers}} {{.ContainersRunning}} {{.Images}} {{.Driver}} {{.CgroupDriver}} {{.CgroupVersion}}'
docker info -f '{{.OSType}} {{.Architecture}} {{.DockerRootDir}} {{.LoggingDriver}} {{.DefaultRuntime}}'
docker info -f '{{.OperatingSystem}}'
docker run -d --name counted busybox sleep 300 >/dev/null
docker info -f '{{.Containers}} {{.ContainersRunning}} {{.ContainersStopped}}'
docker rm -f counted >/dev/null
