/**
 * hello-world: one layer holding the static /hello. Its message is docker-library/hello-world's
 * hello.c (MIT, Copyright (c) 2014 Docker, Inc.), with DOCKER_ARCH substituted per platform.
 */
import { Build, type ImageRecipe } from "../image";
import { perArch } from "../layer";
import { type Arch, epochOf, Tree } from "../tree";

const CREATED = "2023-05-02T16:49:27Z";

/** The value hello.c was built with: "amd64", "arm64v8". */
const DOCKER_ARCH: Record<Arch, string> = { amd64: "amd64", arm64: "arm64v8" };

/** What /hello writes to stdout (one write(2)), for the platform it was built for. */
export function helloMessage(arch: Arch): string {
  return [
    "",
    "Hello from Docker!",
    "This message shows that your installation appears to be working correctly.",
    "",
    "To generate this message, Docker took the following steps:",
    " 1. The Docker client contacted the Docker daemon.",
    ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.',
    `    (${DOCKER_ARCH[arch]})`,
    " 3. The Docker daemon created a new container from that image which runs the",
    "    executable that produces the output you are currently reading.",
    " 4. The Docker daemon streamed that output to the Docker client, which sent it",
    "    to your terminal.",
    "",
    "To try something more ambitious, you can run an Ubuntu container with:",
    " $ docker run -it ubuntu bash",
    "",
    "Share images, automate workflows, and more with a free Docker ID:",
    " https://hub.docker.com/",
    "",
    "For more examples and ideas, visit:",
    " https://docs.docker.com/get-started/",
    "",
    "",
  ].join("\n");
}

const HELLO_SIZE: Record<Arch, number> = { amd64: 13256, arm64: 9536 };

const helloLayer = perArch<Arch>("hello-world", (arch) =>
  new Tree(epochOf(CREATED)).bin("hello", "hello", HELLO_SIZE[arch]).entries(),
);

export function helloWorld(arch: Arch): ImageRecipe {
  return Build.scratch(arch, CREATED).copy("hello /", helloLayer(arch)).cmd(["/hello"]).done();
}
