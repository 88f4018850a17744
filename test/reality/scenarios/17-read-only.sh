# --read-only makes the root filesystem read-only; tmpfs and volumes stay writable.
docker run --rm --read-only busybox touch /file; echo "exit=$?"
docker run --rm --read-only busybox sh -c 'echo x > /tmp/x'; echo "exit=$?"
docker run --rm --read-only --tmpfs /tmp busybox sh -c 'echo x > /tmp/x && cat /tmp/x'; echo "exit=$?"
docker run --rm --read-only busybox sh -c 'echo ok > /dev/null && echo dev ok'
docker run --rm --read-only busybox mkdir /newdir; echo "exit=$?"
docker run --rm busybox sh -c 'echo ro > /proc/sys/kernel/hostname'; echo "exit=$?"
