# -i passes stdin to the container; without it the container sees none.
echo piped | docker run -i --rm busybox cat; echo "exit=$?"
printf 'b\na\nc\n' | docker run -i --rm busybox sort
echo ignored | docker run --rm busybox cat; echo "exit=$?"
echo 'echo from script; exit 4' | docker run -i --rm busybox sh; echo "exit=$?"
