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
  /**
   * A display in standby or powersave (or MX V1's READY) answers only power commands: wake it with
   * `set powerstate=on`, as SMART's references document, then read it (default true). Never during a
   * firmware update: that stays `display-not-ready`.
   */
  wakeSmartDisplay?: boolean;
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
    const reading = await readSmart(sources.openSmartDisplay, sources.wakeSmartDisplay ?? true);
    return {
      report: identifySmartDisplay(reading, snapshot.usb),
      snapshot,
      smartInfo: reading.ok ? reading.info : null,
    };
  }
  return { report: identifyChromeDevice(snapshot), snapshot, smartInfo: null };
}

/** A `display-not-ready` the display can be woken from (not a firmware update in progress). */
function wakeable(error: unknown): boolean {
  const { code, powerState } = error as { code?: unknown; powerState?: unknown };
  return (
    code === 'display-not-ready' &&
    typeof powerState === 'string' &&
    ['standby', 'powersave', 'ready'].includes(powerState)
  );
}

async function readSmart(open: () => Promise<SmartDisplayControl>, wake: boolean): Promise<SmartReading> {
  let control: SmartDisplayControl | null = null;
  try {
    control = await open();
    let info: SmartDisplayInfo;
    try {
      info = await control.readInfo();
    } catch (error) {
      if (!wake || !wakeable(error)) throw error;
      await control.wake();
      info = await control.readInfo();
    }
    return { ok: true, info, source: control.name };
  } catch (error) {
    const { code, powerState } = error as { code?: unknown; powerState?: unknown };
    return {
      ok: false,
      error: {
        code: typeof code === 'string' ? code : 'internal',
        message: error instanceof Error ? error.message : String(error),
        ...(typeof powerState === 'string' ? { powerState } : {}),
      },
      source: 'smart-rs232',
    };
  } finally {
    await control?.close().catch(() => undefined);
  }
}
