/**
 * Where both sides keep the scenario while it runs: the host shell reads it from this file, so that
 * its command line (what ps and grep show on the host) is not the script's text.
 */
export const SCENARIO_FILE = "/tmp/reality-scenario.sh";
