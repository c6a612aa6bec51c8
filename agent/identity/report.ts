import type { DeviceClass, IdKind } from '../catalog/types.ts';
import type { Reason } from './reasons.ts';

/** Fields of the report whose origin is recorded in `sources`. */
export type SourcedField =
  | 'manufacturer'
  | 'model'
  | 'serialNumber'
  | 'certifiedDeviceId'
  | 'manufactureDate'
  | 'brandCode';

/** The object `agent identify --json` prints (DESIGN §4). Field order is the contract's order. */
export interface IdentityReport {
  manufacturer: string | null;
  /** The catalog's listed name (the model on the wire), or null when the device is not listed. */
  model: string | null;
  deviceClass: DeviceClass | null;
  serialNumber: string | null;
  idKind: IdKind | null;
  /** The ID a partner uploads for this device; null when it cannot be derived. */
  certifiedDeviceId: string | null;
  /** `YYYY-MM-DD` from VPD `mfg_date`, or null. */
  manufactureDate: string | null;
  /** The RLZ brand code (4 upper-case letters): VPD `rlz_brand_code`, else the catalog's for the model. */
  brandCode: string | null;
  eligible: boolean;
  reasons: Reason[];
  /** Which backend supplied each reported field. */
  sources: Partial<Record<SourcedField, string>>;
}
