# exec joins the container's namespaces: its own PIDs, hostname, user.
# (the PID of an exec'd ps depends on how many PIDs runc used first: masked)
#@ mask ^ +[0-9]+(?= root +ps$)
docker run -d --name ex -h exhost busybox sleep 300 >/dev/null
docker exec ex ps
docker exec ex hostname
docker exec ex id
docker exec -u nobody ex id
docker exec -u 1000:1000 ex id
docker exec -w /tmp ex pwd
docker exec -e FOO=bar ex sh -c 'echo $FOO'
docker exec ex sh -c 'exit 5'; echo "exit=$?"
docker exec ex nosuch; echo "exit=$?"
docker exec ex cat /proc/1/cmdline | tr '\0' ' '; echo
docker stop -t 0 ex >/dev/null
docker exec ex true; echo "exit=$?"
docker exec nosuch true; echo "exit=$?"
docker rm ex >/dev/null
