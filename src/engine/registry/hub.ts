/**
 * The repositories of the offline Docker Hub and their tags. Tags that are aliases on the Hub
 * share one ImageGroup, so they resolve to the same digests.
 */
import { ImageGroup, type Repository } from "./catalog";
import type { ImageRecipe, ImageStyle } from "./image";
import { alpine } from "./images/alpine";
import { busybox } from "./images/busybox";
import { debian } from "./images/debian";
import { helloWorld } from "./images/hello-world";
import { node, python } from "./images/languages";
import { nginx, nginxAlpine } from "./images/nginx";
import { httpd, postgres, redis, redisAlpine, registry } from "./images/servers";
import { ubuntu } from "./images/ubuntu";
import type { Arch } from "./tree";

const both = (make: (arch: Arch) => ImageRecipe, style: ImageStyle = "buildkit") =>
  new ImageGroup(style, { amd64: () => make("amd64"), arm64: () => make("arm64") });

/** Maps every alias (space separated) to one group. */
function tags(...groups: [string, ImageGroup][]): Record<string, ImageGroup> {
  const out: Record<string, ImageGroup> = {};
  for (const [names, g] of groups) for (const n of names.split(" ")) out[n] = g;
  return out;
}

function repo(name: string, description: string, stars: number, t: Record<string, ImageGroup>): Repository {
  return { name: `library/${name}`, description, stars, official: true, tags: t };
}

export const HUB: Repository[] = [
  repo(
    "hello-world",
    "Hello World! (an example of minimal Dockerization)",
    2418,
    tags(["latest linux", both(helloWorld)]),
  ),
  repo("busybox", "Busybox base image.", 3412, tags(["latest 1.35 1.35.0 stable", both(busybox)])),
  repo(
    "alpine",
    "A minimal Docker image based on Alpine Linux with a complete package index and only 5 MB in size!",
    11312,
    tags(
      ["latest 3 3.21 3.21.3", both((a) => alpine("3.21", a))],
      ["3.20 3.20.6", both((a) => alpine("3.20", a))],
    ),
  ),
  repo(
    "ubuntu",
    "Ubuntu is a Debian-based Linux operating system based on free software.",
    17893,
    tags(
      ["latest 24.04 noble noble-20250404", both((a) => ubuntu("noble", a), "classic")],
      ["22.04 jammy jammy-20250404", both((a) => ubuntu("jammy", a), "classic")],
    ),
  ),
  repo(
    "debian",
    "Debian is a Linux distribution that's composed entirely of free and open-source software.",
    5219,
    tags(
      ["latest 12 12.11 bookworm bookworm-20250811", both((a) => debian("bookworm", false, a))],
      ["12-slim bookworm-slim stable-slim", both((a) => debian("bookworm", true, a))],
      ["13 13.1 trixie trixie-20250908", both((a) => debian("trixie", false, a))],
      ["13-slim trixie-slim", both((a) => debian("trixie", true, a))],
    ),
  ),
  repo(
    "nginx",
    "Official build of Nginx.",
    20841,
    tags(
      ["latest 1 1.27 1.27.5 mainline bookworm 1.27.5-bookworm", both(nginx)],
      ["alpine 1-alpine 1.27-alpine 1.27.5-alpine mainline-alpine", both(nginxAlpine)],
    ),
  ),
  repo("httpd", "The Apache HTTP Server Project", 4822, tags(["latest 2 2.4 2.4.63 bookworm", both(httpd)])),
  repo(
    "node",
    "Node.js is a JavaScript-based platform for server-side and networking applications.",
    13879,
    tags(
      ["latest 22 22.14 22.14.0 lts jod bookworm", both((a) => node("22", "", a))],
      ["20 20.18 20.18.3 iron", both((a) => node("20", "", a))],
      ["alpine 22-alpine lts-alpine 22.14-alpine", both((a) => node("22", "alpine", a))],
      ["20-alpine iron-alpine", both((a) => node("20", "alpine", a))],
    ),
  ),
  repo(
    "python",
    "Python is an interpreted, interactive, object-oriented, open-source programming language.",
    10142,
    tags(
      ["latest 3 3.13 3.13.2 bookworm", both((a) => python("3.13", false, a))],
      ["3.12 3.12.9", both((a) => python("3.12", false, a))],
      ["slim 3-slim 3.13-slim slim-bookworm", both((a) => python("3.13", true, a))],
      ["3.12-slim", both((a) => python("3.12", true, a))],
    ),
  ),
  repo(
    "redis",
    "Redis is an open source key-value store that functions as a data structure server.",
    13104,
    tags(
      ["latest 7 7.4 7.4.2 bookworm", both(redis)],
      ["alpine 7-alpine 7.4-alpine 7.4.2-alpine", both(redisAlpine)],
    ),
  ),
  repo(
    "postgres",
    "The PostgreSQL object-relational database system provides reliability and data integrity.",
    14053,
    tags(
      ["latest 17 17.4 bookworm", both((a) => postgres("17", a))],
      ["16 16.8", both((a) => postgres("16", a))],
    ),
  ),
  repo(
    "registry",
    "Distribution implementation for storing and distributing of container images and artifacts",
    4213,
    tags(["latest 2 2.8 2.8.3", both(registry)]),
  ),
];
