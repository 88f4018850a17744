# The first commands of a newcomer: run, output, exit status.
docker run busybox echo hello world; echo "exit=$?"
docker run busybox true; echo "exit=$?"
docker run busybox false; echo "exit=$?"
docker run busybox sh -c 'exit 3'; echo "exit=$?"
docker run busybox sh -c 'echo to stdout; echo to stderr >&2; exit 42' 2>/dev/null; echo "exit=$?"
docker run busybox sh -c 'echo to stdout; echo to stderr >&2; exit 42' >/dev/null; echo "exit=$?"
docker run busybox uname -s; echo "exit=$?"
