// Alt+V diagnostics (issue 5): collection, the live server answer, redaction and the exported bundle.

export { type CollectOptions, collectDiagnostics, isZteReady } from './collect.ts';
export {
  BUNDLE_KIND,
  type Bundle,
  bundleFileName,
  bundleSummary,
  type ExportOptions,
  type ExportResult,
  exportBundle,
} from './export.ts';
export { isSecretKey, REDACTED, REDACTED_PEM, redactDiagnostics, redactSecrets } from './redact.ts';
export {
  createServerLookup,
  DEFAULT_SERVER_TIMEOUT_MS,
  NOT_ASKED,
  type ServerLookup,
  type ServerLookupOptions,
} from './server-lookup.ts';
export {
  createDiagnosticsService,
  type DiagnosticsService,
  type DiagnosticsServiceOptions,
} from './service.ts';
export type {
  AgentView,
  BackendProbe,
  Diagnostics,
  DiagnosticsDeps,
  PolicyDiagnostics,
  ServerAnswer,
} from './types.ts';
export {
  adviceText,
  type Explanation,
  explainError,
  type ManualAdvice,
  type ManualAdviceCode,
  manualAdvice,
  manualReasonText,
} from './words.ts';
