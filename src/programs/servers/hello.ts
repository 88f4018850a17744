/** /hello of the hello-world image: one write of its message, for the machine it runs on. */
import type { ProgramDef } from "../../kernel/api";
import { helloMessage } from "../../engine/registry/images/hello-world";

export const hello: ProgramDef = {
  name: "hello",
  rss: 8 * 1024,
  *main(sys) {
    yield* sys.write(1, helloMessage(sys.uname().machine === "aarch64" ? "arm64" : "amd64"));
    return 0;
  },
};
