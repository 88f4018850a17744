/** docker run -it and docker attach on a terminal: raw relay, Ctrl-P Ctrl-Q detach, exit status. */
import { expect, it } from "vitest";
import { bootSandboxHost } from "../../../src/session/host";
import { run, terminal } from "../../helpers/host";

it("runs an interactive shell, detaches with Ctrl-P Ctrl-Q and attaches again", () => {
  const k = bootSandboxHost();
  run(k, ["docker", "pull", "-q", "busybox"]);
  const t = terminal(k, ["/bin/sh", "-i"]);
  t.type("docker run -it --name it1 busybox sh\r");
  t.type("echo hi\r");
  t.type("\x10\x11");
  t.type("echo detached $?\r");
  t.type("docker ps --format '{{.Names}} {{.Status}}'\r");
  t.type("docker attach it1\r");
  t.type("echo back\r");
  t.type("\x10\x11");
  t.type("echo $?\r");
  t.type("docker attach it1\r");
  t.type("exit 3\r");
  t.type("echo $?\r");
  expect(t.output()).toBe(
    "# docker run -it --name it1 busybox sh\r\n/ # echo hi\r\nhi\r\n/ # # echo detached $?\r\ndetached 0\r\n" +
      "# docker ps --format '{{.Names}} {{.Status}}'\r\nit1 Up 4 minutes\r\n" +
      "# docker attach it1\r\necho back\r\nback\r\n/ # read escape sequence\r\n# echo $?\r\n1\r\n" +
      "# docker attach it1\r\nexit 3\r\n# echo $?\r\n3\r\n# ",
  );
});
