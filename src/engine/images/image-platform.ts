/**
 * The daemon's platform rules for images: which manifest of a tag a pull takes (platforms.Only of
 * the requested platform, or of the host's), whether a local image suits a requested platform
 * (GetImage with a platform: NotFound when not, so the client pulls), and the warning a container
 * create gives for an image built for another machine (daemon/create.go).
 */
import type { Gen } from "../../kernel";
import { type Arch, catalog } from "../registry";
import type { DockerClient } from "../client";
import type { ImageRecord } from "../state";
import { configPlatform, formatPlatform, HOST_PLATFORM, imageSuits, type Platform, platformRank } from "./platforms";
import type { NamedRef } from "./refs";
import { pullImage } from "./registries";
import type { PullEvent, PullResult } from "./store";

/** GetImage(ref, platform): the NotFound message when the local image is for another platform. */
export function platformMismatch(ref: string, img: ImageRecord, wanted: Platform | undefined): string | undefined {
  if (!wanted) return undefined;
  const have = configPlatform(img.configJson);
  if (imageSuits(wanted, have)) return undefined;
  return `image with reference ${ref} was found but does not match the specified platform: wanted ${formatPlatform(wanted)}, actual: ${formatPlatform(have)}`;
}

/** containerCreate without a platform: a warning when the image would not run natively. */
export function hostPlatformWarnings(img: ImageRecord, wanted: Platform | undefined): string[] {
  if (wanted) return [];
  const have = configPlatform(img.configJson);
  if (imageSuits(HOST_PLATFORM, have)) return [];
  return [
    `The requested image's platform (${formatPlatform(have)}) does not match the detected host platform (${formatPlatform(HOST_PLATFORM)}) and no specific platform was requested`,
  ];
}

/** The pull error for a manifest list without the platform (formatPlatform of the request). */
export function noMatchingManifest(wanted: Platform | undefined): string {
  return `no matching manifest for ${formatPlatform(wanted ?? HOST_PLATFORM)} in the manifest list entries`;
}

/**
 * Which of a Hub tag's manifests a pull for `wanted` takes: the best match in platforms.Only's
 * order (e.g. amd64/v3 takes v3, then v2, then v1), or "none" when the list has no match.
 */
function hubArchFor(ref: NamedRef, wanted: Platform): Arch | "none" | undefined {
  const reference = ref.digest ?? ref.tag ?? "latest";
  const resolved = catalog.resolve(ref.path, reference);
  if (!resolved.ok) return undefined;
  const listed: Platform[] = resolved.indexJson
    ? (JSON.parse(resolved.indexJson) as { manifests: Array<{ platform: { os: string; architecture: string; variant?: string } }> }).manifests.map((m) => ({
        os: m.platform.os,
        architecture: m.platform.architecture,
        variant: m.platform.variant ?? "",
      }))
    : [resolved.image.platform].map((p) => ({ os: p.os, architecture: p.architecture, variant: p.variant ?? "" }));
  const ranked = listed
    .map((p) => ({ p, rank: platformRank(wanted, p) }))
    .filter((c) => c.rank >= 0)
    .sort((a, b) => a.rank - b.rank);
  return ranked.length > 0 ? (ranked[0].p.architecture as Arch) : "none";
}

/**
 * docker pull with an optional platform (ImageCreate's "platform"). A tag whose manifest list has
 * no match fails with "no-matching-platform" after the daemon has said "Pulling from".
 */
export function* pullPlatform(d: DockerClient, ref: NamedRef, wanted: Platform | undefined, onEvent: (e: PullEvent) => void): Gen<PullResult> {
  const arch = ref.domain === "docker.io" ? hubArchFor(ref, wanted ?? HOST_PLATFORM) : "amd64";
  if (arch === "none") return { ok: false, error: "no-matching-platform" };
  // An unknown repository or tag fails in the pull itself, with its own error.
  return yield* pullImage(d, ref, arch ?? "amd64", onEvent);
}
