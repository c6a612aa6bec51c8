// Reads a device's identity through HAL interfaces chosen by the caller (never by module path), and
// decides it: a SMART display when an RS-232 control channel is given, else a Chrome device.

import type {
  IdentitySnapshot,
  IdentitySource,
  SmartDisplayControl,
  SmartDisplayInfo,
} from '../../hal/interface.ts';
import { identifyChromeDevice } from './identify.ts';
import { mergeSnapshots } from './merge.ts';
import type { IdentityReport } from './report.ts';
import { identifySmartDisplay, type SmartReading } from './smart.ts';

export interface DeviceIdentitySources {
  primary: IdentitySource;
  /** Backs up DMI/CPU fields the primary could not read (systeminformation on `/`). */
  fallback?: IdentitySource;
  /** Opens the SMART display's control channel; given only on SMART displays. */
  openSmartDisplay?: () => Promise<SmartDisplayControl>;
}

export interface DeviceIdentity {
  report: IdentityReport;
  snapshot: IdentitySnapshot;
  /** What the SMART display answered over RS-232 (null on Chrome devices or when it did not answer). */
  smartInfo: SmartDisplayInfo | null;
}

export async function readDeviceIdentity(sources: DeviceIdentitySources): Promise<DeviceIdentity> {
  let snapshot = await sources.primary.readIdentity();
  if (sources.fallback && (await sources.fallback.availability()).available) {
    snapshot = mergeSnapshots(snapshot, await sources.fallback.readIdentity());
  }
  if (sources.openSmartDisplay) {
    const reading = await readSmart(sources.openSmartDisplay);
    return {
      report: identifySmartDisplay(reading, snapshot.usb),
      snapshot,
      smartInfo: reading.ok ? reading.info : null,
    };
  }
  return { report: identifyChromeDevice(snapshot), snapshot, smartInfo: null };
}

async function readSmart(open: () => Promise<SmartDisplayControl>): Promise<SmartReading> {
  let control: SmartDisplayControl | null = null;
  try {
    control = await open();
    return { ok: true, info: await control.readInfo(), source: control.name };
  } catch (error) {
    const code =
      typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'internal';
    return {
      ok: false,
      error: { code, message: error instanceof Error ? error.message : String(error) },
      source: 'smart-rs232',
    };
  } finally {
    await control?.close().catch(() => undefined);
  }
}
