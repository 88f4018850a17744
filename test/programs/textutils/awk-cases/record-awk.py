# Records the cases of /tmp/awk-cases.json with the real busybox awk (/usr/bin/busybox) and mawk into awk.json.
import json, os, subprocess, tempfile, shutil
cases = json.load(open("/tmp/awk-cases.json"))  # written by make-cases.py
bindir = tempfile.mkdtemp()
for a in subprocess.run(["/usr/bin/busybox", "--list"], capture_output=True, text=True).stdout.split():
    os.symlink("/usr/bin/busybox", os.path.join(bindir, a))
os.symlink("/usr/bin/mawk", os.path.join(bindir, "mawk"))
for c in cases:
    d = tempfile.mkdtemp()
    for n, data in c["files"].items():
        if n.endswith("/"):
            os.makedirs(os.path.join(d, n), exist_ok=True)
        else:
            open(os.path.join(d, n), "wb").write(data.encode("latin1"))
    exe = os.path.join(bindir, c["argv"][0])
    r = subprocess.run([a.encode("latin1") for a in c["argv"]], executable=exe, cwd=d, input=c.get("stdin", "").encode("latin1"), env={"PATH": bindir}, capture_output=True, timeout=10)
    c["stdout"] = r.stdout.decode("latin1"); c["stderr"] = r.stderr.decode("latin1"); c["code"] = r.returncode
    shutil.rmtree(d)
out = "[\n" + ",\n".join(" " + json.dumps(c, ensure_ascii=True) for c in cases) + "\n]\n"
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "awk.json"), "w").write(out)
