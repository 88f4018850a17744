# --format with Go templates: fields, table, json, functions.
docker run -d --name fmt1 -l tier=web busybox sleep 300 >/dev/null
docker run --name fmt2 busybox echo hi >/dev/null
docker ps -a --format 'table {{.Names}}\t{{.Image}}\t{{.Command}}'
docker ps -a --format '{{.Names}}: {{.Status}}'
docker ps -a --format '{{json .Names}}'
docker ps -a --format '{{.Names}} {{.Labels}} {{.Label "tier"}}'
docker ps -a --format '{{upper .Names}} {{len .Names}}'
docker ps -a --no-trunc --format '{{.Command}}'
docker ps -a --format '{{.Mounts}} {{.Networks}} {{.Ports}}'
docker ps -a --format '{{.State}}'
docker ps --format '{{.Nope}}'; echo "exit=$?"
docker ps --format '{{.Names'; echo "exit=$?"
docker rm -f fmt1 fmt2 >/dev/null
