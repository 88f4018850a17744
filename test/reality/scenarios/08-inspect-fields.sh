# inspect -f on State and Config fields a lesson asks about.
docker run -d --name insp -e GREETING=hi -w /tmp -h box busybox sleep 300 >/dev/null
docker inspect -f '{{.State.Status}} {{.State.Running}} {{.State.Paused}} {{.State.Restarting}} {{.State.ExitCode}}' insp
docker inspect -f '{{.Name}} {{.Path}} {{.Args}}' insp
docker inspect -f '{{.Config.Image}} {{.Config.Cmd}} {{.Config.WorkingDir}} {{.Config.Hostname}}' insp
docker inspect -f '{{json .Config.Cmd}}' insp
docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' insp
docker inspect -f '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}}' insp
docker inspect -f '{{.NetworkSettings.IPAddress}} {{.NetworkSettings.Gateway}} {{.NetworkSettings.MacAddress}}' insp
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}}{{end}}' insp
docker inspect -f '{{.RestartCount}} {{.Driver}} {{.Platform}}' insp
docker inspect -f '{{.State.Pid}}' insp | grep -c '^[0-9][0-9]*$'
docker inspect -f '{{.Nope}}' insp; echo "exit=$?"
docker inspect nosuch; echo "exit=$?"
docker rm -f insp >/dev/null
