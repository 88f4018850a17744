# /proc inside a container: its own PID namespace, PID 1 is the command.
#@ mask \b4026[0-9]{5}\b
docker run --rm busybox cat /proc/1/cmdline | tr '\0' ' '; echo
docker run --rm busybox sh -c 'cat /proc/1/cmdline | tr "\0" " "; echo; echo $$'
docker run --rm busybox ps
docker run --rm busybox ls /proc/1/ns
docker run --rm busybox readlink /proc/1/ns/pid /proc/1/ns/uts
docker run --rm busybox sh -c 'grep -E "^(Name|State|PPid|NSpid)" /proc/self/status'
docker run --rm busybox cat /proc/1/comm
