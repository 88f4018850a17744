/** Entry point. The session (the whole simulated machine) loads as its own chunk, started at once
 * and in parallel with React, so the page shell paints before the machine has downloaded. */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./styles.css";

const session = import("../session/sandbox");

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App session={session} />
  </StrictMode>,
);
