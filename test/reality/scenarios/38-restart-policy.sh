# A restart policy restarts a failing container; docker stop does not count as failure.
docker run -d --name flaky --restart on-failure:2 busybox sh -c 'exit 1' >/dev/null
sleep 4
docker inspect -f '{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}' flaky
docker rm -f flaky >/dev/null
docker run --rm --restart always busybox true; echo "exit=$?"
