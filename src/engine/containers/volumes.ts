/**
 * Volumes as containers use them: named volumes are created on first use (as `docker run -v
 * name:/path` does), anonymous ones get a random 64-hex name; data lives in
 * /var/lib/docker/volumes/NAME/_data.
 */
import type { Kernel } from "../../kernel";
import { randomHex } from "../../kernel/rng";
import { emitEvent } from "../events";
import { mkdirp, writeFile } from "../hostfs";
import { DOCKER_ROOT } from "../images/store";
import { engineState } from "../state";
import { rfc3339Nano } from "../time";

/** The volume's data directory on the host. */
export function volumeDataPath(name: string): string {
  return `${DOCKER_ROOT}/volumes/${name}/_data`;
}

/** Creates the volume if it does not exist; an empty name makes an anonymous one. Returns its name. */
export function ensureVolume(k: Kernel, name: string): string {
  const st = engineState(k);
  const anonymous = name === "";
  const n = anonymous ? randomHex(k.w.rng, 32) : name;
  if (st.volumes[n]) return n;
  mkdirp(k, `${DOCKER_ROOT}/volumes/${n}`, 0o701);
  mkdirp(k, volumeDataPath(n), 0o755);
  writeFile(k, `${DOCKER_ROOT}/volumes/metadata.db`, "", 0o600);
  st.volumes[n] = { name: n, created: rfc3339Nano(k.now()), anonymous, labels: anonymous ? { "com.docker.volume.anonymous": "" } : {} };
  emitEvent(k, "volume", "create", n, { driver: "local" });
  return n;
}
