export { type FlagParseResult, FlagValues, parseFlags } from "./flagset";
export { helpOutput, helpText, helpTextsLoaded, loadHelpTexts } from "./help";
export {
  CLIENT_BUILD,
  CLIENT_VERSION,
  type CommandLine,
  type ParseOptions,
  parseDockerCommandLine,
} from "./parse";
export {
  allCommandKeys,
  type ArgRule,
  type CommandSpec,
  canonicalId,
  childCommand,
  commandSpec,
  type FlagTuple,
  ROOT,
  errorUsageLine,
} from "./spec";
export { TYPE_VALIDATORS, type Validator } from "./values";
