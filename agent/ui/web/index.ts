// The OOBE web UI: `startWebUi` and the UI-neutral screen model.

export { allowedHosts, allowedOrigins, type Refusal, type RefusalReason, refusalFor } from './guard.ts';
export { type ParsedManualRequest, parseManualRequest } from './manual-request.ts';
export {
  type ManualMethod,
  type ScreenError,
  type ScreenModel,
  type ScreenName,
  screenModelOf,
} from './screen-model.ts';
export { startWebUi, type WebUi, type WebUiOptions } from './server.ts';
