# A container's processes seen from the host: ordinary processes, children of containerd's shim.
#@ mask ^ *[0-9]+ 
#@ mask \b(pid|PID|PPid|NSpid|NSpgid):?\s+[0-9]+
docker run -d --name sleeper busybox sleep 1000 >/dev/null
pgrep -a sleep
pgrep -a containerd-shim
ps -o user,tty,cmd -C sleep
[ "$(docker inspect -f '{{.State.Pid}}' sleeper)" = "$(pgrep -x sleep)" ] && echo "State.Pid is the host pid"
[ "$(ps -o ppid= -p "$(pgrep -x sleep)" | tr -d ' ')" = "$(pgrep -f containerd-shim)" ] && echo "its parent is the shim"
[ "$(ps -o ppid= -p "$(pgrep -f containerd-shim)" | tr -d ' ')" = 1 ] && echo "the shim's parent is init"
docker top sleeper -o comm
P=$(pgrep -x sleep)
cat /proc/$P/comm
tr '\0' ' ' < /proc/$P/cmdline; echo
grep -E '^(Name|State|PPid|Uid|Gid|NSpid|NSpgid|Threads)' /proc/$P/status
docker exec sleeper ps -o pid,comm
docker exec -d sleeper sleep 2000
sleep 1
pgrep -c sleep
ps -o cmd= --ppid "$(pgrep -f containerd-shim)"
docker stop -t 1 sleeper >/dev/null
pgrep -a sleep; echo "exit=$?"
pgrep -c containerd-shim; echo "exit=$?"
docker rm sleeper >/dev/null
