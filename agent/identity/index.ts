export { identifyChromeDevice } from './identify.ts';
export type { Reason, ReasonCode } from './reasons.ts';
export type { IdentityReport, SourcedField } from './report.ts';
export { identifySmartDisplay, SMART_USB_VENDOR_ID, type SmartReading } from './smart.ts';
