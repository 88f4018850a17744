/** The engine's event stream (docker events), kept in the world. */
import type { Kernel } from "../kernel";
import { engineState, type EngineEvent } from "./state";

const MAX_EVENTS = 1000;

export function emitEvent(k: Kernel, type: EngineEvent["type"], action: string, id: string, attributes: Record<string, string>) {
  const st = engineState(k);
  const usec = k.now();
  st.events.push({ time: Math.floor(usec / 1e6), timeNano: usec * 1000, type, action, id, attributes });
  if (st.events.length > MAX_EVENTS) st.events.splice(0, st.events.length - MAX_EVENTS);
  k.wake("docker:events");
}
