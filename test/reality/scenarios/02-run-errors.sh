# What docker run says when it cannot: a bad flag (125), a directory as command (126), a missing command (127).
docker run --bogus busybox; echo "exit=$?"
docker run busybox /etc; echo "exit=$?"
docker run busybox nosuchcommand; echo "exit=$?"
docker run busybox /bin/nosuch; echo "exit=$?"
docker run; echo "exit=$?"
docker run --name x1 busybox true; echo "exit=$?"
docker run --memory lots busybox true; echo "exit=$?"
docker run -p notaport busybox true; echo "exit=$?"
