# A small Dockerfile built quietly, then run.
mkdir ctx && cd ctx
printf 'FROM busybox\nRUN echo built > /built\nENV COLOR=blue\nCMD ["sh", "-c", "cat /built; echo $COLOR"]\n' > Dockerfile
docker build -q -t mine . | sed 's/^sha256:[0-9a-f]*$/SHA/'; echo "exit=$?"
docker run --rm mine
docker image inspect -f '{{.Config.Env}} {{.Config.Cmd}}' mine
docker rmi mine >/dev/null; echo "exit=$?"
