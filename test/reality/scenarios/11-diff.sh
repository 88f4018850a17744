# docker diff: added (A), changed (C) and deleted (D) paths against the image.
docker run --name changer busybox sh -c 'mkdir /data && echo x > /data/file && rm /bin/vi && echo extra >> /etc/passwd && touch /tmp/t'
docker diff changer | sort
docker run --name quiet busybox true
docker diff quiet; echo "exit=$?"
docker diff nosuch; echo "exit=$?"
docker rm changer quiet >/dev/null
