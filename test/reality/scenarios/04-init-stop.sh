# With --init, docker-init is PID 1 and forwards TERM to the sleep, which dies of it: 143.
# (the PID of an exec'd ps depends on how many PIDs runc used first: masked)
#@ mask ^ +[0-9]+(?= root +ps$)
# (so is the PID of docker-init's child: runc's Go threads took some PIDs first)
#@ mask ^ +[0-9]+(?= root +sleep 300$)
docker run -d --init --name withinit busybox sleep 300 >/dev/null; echo "exit=$?"
docker exec withinit ps
docker stop withinit; echo "exit=$?"
docker inspect -f '{{.State.ExitCode}} {{.HostConfig.Init}}' withinit
docker run -d --name plain busybox sleep 300 >/dev/null
docker stop -t 1 plain; echo "exit=$?"
docker inspect -f '{{.State.ExitCode}}' plain
docker rm withinit plain
