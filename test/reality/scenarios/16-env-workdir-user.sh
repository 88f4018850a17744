# -e, -w, -u, -h shape the process and its view.
docker run --rm -e FOO=bar -e EMPTY= busybox env | sort
docker run --rm -w /var busybox pwd
docker run --rm -w /new/dir busybox pwd
docker run --rm -u nobody busybox id
docker run --rm -u 1234 busybox id
docker run --rm -u 1234:5678 busybox sh -c 'id; touch /x 2>&1; echo "touch=$?"'
docker run --rm -u nosuchuser busybox id; echo "exit=$?"
docker run --rm -h myhost busybox hostname
docker run --rm busybox sh -c 'echo $HOME $PATH; whoami'
docker run --rm --env-file /nonexistent busybox true; echo "exit=$?"
