/** Entry point. The session (the whole simulated machine) loads as its own chunk, started at once
 * and in parallel with React, so the page shell paints before the machine has downloaded. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import favicon from "./favicon.svg";
import "./styles.css";

const session = import("../session/sandbox");

// Set before the page finishes loading, so the browser never asks the server for /favicon.ico.
const icon = Object.assign(document.createElement("link"), {
  rel: "icon",
  type: "image/svg+xml",
  href: favicon,
});
document.head.append(icon);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App session={session} />
  </StrictMode>,
);
