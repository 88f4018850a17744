# images, tag, rmi and the errors around them.
docker images
docker tag busybox mybox:1.0; echo "exit=$?"
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}'
docker images mybox
docker image inspect -f '{{.Os}} {{.Architecture}} {{.Config.Cmd}}' mybox:1.0
docker run --name user mybox:1.0 true
docker rmi mybox:1.0; echo "exit=$?"
docker images --format '{{.Repository}}:{{.Tag}}'
docker rmi busybox; echo "exit=$?"
docker rmi nosuch; echo "exit=$?"
docker tag nosuch other; echo "exit=$?"
docker rm user >/dev/null
docker images -q | wc -l
