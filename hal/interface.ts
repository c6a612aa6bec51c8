// The hardware abstraction layer's contracts. Types only: every backend (sysfs, systeminformation,
// smart-rs232, keyboard, attestation key store, in-memory) implements these, and the agent sees
// nothing else of the hardware. See DESIGN §3.

/** Whether a backend can work on this host; `reason` is shown verbatim in diagnostics. */
export type Availability = { available: true } | { available: false; reason: string };

/** DMI attributes under `/sys/class/dmi/id/`. */
export type DmiField =
  | 'sys_vendor'
  | 'product_name'
  | 'product_version'
  | 'product_serial'
  | 'product_sku'
  | 'product_family'
  | 'board_serial'
  | 'chassis_type'
  | 'bios_date';

/** ChromeOS read-only VPD keys under `/sys/firmware/vpd/ro/`. */
export type VpdField =
  | 'serial_number'
  | 'attested_device_id'
  | 'mfg_date'
  | 'model_name'
  | 'rlz_brand_code'
  | 'region'
  /** The OOBE language(s), e.g. `fr-FR` or `fr-CA,en-CA` (read before `region`, as ChromeOS does). */
  | 'initial_locale';

/**
 * Why a field has no usable value. `missing`: not supplied. `unreadable`: permission or I/O error.
 * `not-a-file`: a directory (or other non-regular file) stands where a file should. `too-large`: over
 * the length cap. `placeholder`: a vendor filler such as "To be filled by O.E.M.". `empty`: blank or
 * whitespace only. `repeated-character`: all one character ("00000000"). `non-printable`: a byte
 * outside [\x21-\x7E ] (includes invalid UTF-8 and non-ASCII).
 */
export type FieldProblem =
  | 'missing'
  | 'unreadable'
  | 'not-a-file'
  | 'too-large'
  | 'placeholder'
  | 'empty'
  | 'repeated-character'
  | 'non-printable';

/** One normalised value and where it came from. `value` is null exactly when `problem` is set. */
export type FieldReading =
  | { value: string; source: string; problem?: undefined }
  | { value: null; source: string; problem: FieldProblem };

/** A network interface as `/sys/class/net/<if>` describes it. */
export interface NetworkInterfaceInfo {
  name: string;
  /** Lower-case colon-separated MAC, or null when absent or unusable. */
  mac: string | null;
  /** ARPHRD type (1 = Ethernet), or null when unknown. */
  type: number | null;
  /** `up`, `down`, `unknown`, … as the kernel says, or null. */
  operstate: string | null;
  /** No `device/` link: a bridge, veth, loopback, tunnel. */
  virtual: boolean;
  /** Has a `wireless/` directory. */
  wireless: boolean;
}

/** A USB device seen on the bus (for the SMART touch controller cross-check). */
export interface UsbDeviceInfo {
  vendorId: number;
  productId: number;
  serialNumber: string | null;
  product: string | null;
}

/** Everything the identity layer needs, read once at boot. */
export interface IdentitySnapshot {
  /** The backend that produced the snapshot (individual readings may name another source). */
  backend: string;
  dmi: Record<DmiField, FieldReading>;
  vpd: Record<VpdField, FieldReading>;
  /** `model name` of the first processor in /proc/cpuinfo. */
  cpuModel: FieldReading;
  network: NetworkInterfaceInfo[];
  usb: UsbDeviceInfo[];
}

/** Reads the device's identity. Never throws for bad device data: problems are per-field. */
export interface IdentitySource {
  readonly name: string;
  availability(): Promise<Availability>;
  readIdentity(): Promise<IdentitySnapshot>;
  /** Fields this backend can never supply, with the reason (e.g. systeminformation has no VPD). */
  readonly limitations: Readonly<Record<string, string>>;
}

/** Reads link state on demand (the offline screen polls it). */
export interface NetworkSource {
  readonly name: string;
  listInterfaces(): Promise<NetworkInterfaceInfo[]>;
}

// ---------- SMART Board displays over RS-232 ----------

export type SmartQuery = 'serialnum' | 'modelnum' | 'fwversion' | 'partnum' | 'powerstate';
/**
 * `get powerstate` answers (SMART's RS-232 references): MX (V1) reports the first four; MX (V2, V2-C,
 * V3) and 6000S (V3) add `standby` and `powersave`. In soft-off the port does not answer at all.
 */
export type SmartPowerState = 'on' | 'ready' | 'updateon' | 'updateready' | 'standby' | 'powersave';

export interface SmartDisplayInfo {
  serialNumber: string;
  modelNumber: string;
  firmwareVersion: string | null;
  partNumber: string | null;
  powerState: SmartPowerState | string | null;
}

/** Stable error codes of the SMART control channel. */
export type SmartErrorCode =
  | 'invalid-command'
  | 'timeout'
  | 'no-prompt'
  | 'disconnected'
  | 'malformed-reply'
  | 'port-unavailable'
  /** The display answers only `get/set powerstate` in its current power state (the error's `powerState`). */
  | 'display-not-ready';

/** The display's control channel. Promise-only, like serialport's binding interface. */
export interface SmartDisplayControl {
  readonly name: string;
  /** Sends `get <field>` and returns the value. Rejects with an error whose `code` is a SmartErrorCode. */
  get(field: SmartQuery): Promise<string>;
  /**
   * Reads power state, serial, model, firmware and part number. Never changes the display's state:
   * outside the states that answer identity commands it rejects with `display-not-ready`.
   */
  readInfo(): Promise<SmartDisplayInfo>;
  /**
   * Brings a display in `standby`/`powersave` to ON with `set powerstate=on` (SMART's documented way
   * out of those states) and resolves with the state it reached. Rejects with `display-not-ready` when
   * it is updating firmware or does not come on in time.
   */
  wake(): Promise<string>;
  /** Async `#…` lines the display emits between commands. */
  onAsyncMessage(listener: (line: string) => void): () => void;
  close(): Promise<void>;
}

// ---------- keyboard ----------

export type KeyboardSourceKind = 'evdev' | 'hid' | 'terminal' | 'page';

export interface AltVEvent {
  type: 'ALT_V';
  source: KeyboardSourceKind;
}

/** A source of Alt+V presses. `start` resolves once listening; the returned function stops it. */
export interface KeyboardSource {
  readonly name: KeyboardSourceKind;
  availability(): Promise<Availability>;
  start(onAltV: (event: AltVEvent) => void): Promise<() => Promise<void>>;
}

/** A key of a terminal (what a text UI reads); Alt+V is `alt-v`, Ctrl+C / Ctrl+D `interrupt`. */
export type TerminalKey =
  | { kind: 'alt-v' }
  | { kind: 'escape' }
  | { kind: 'enter' }
  | { kind: 'backspace' }
  | { kind: 'interrupt' }
  | { kind: 'char'; char: string };

/** The keys of a terminal while it runs; Alt+V goes to `start`'s listener instead, never here. */
export interface TerminalKeys {
  onKey(listener: (key: TerminalKey) => void): () => void;
}

/** The terminal's keyboard source: Alt+V like any keyboard, and the other keys for the text UI. */
export interface TerminalKeyboardSource extends KeyboardSource, TerminalKeys {
  readonly name: 'terminal';
}

// ---------- attestation ----------

/** Key material of the device's attestation identity (a TPM on real hardware, files in the simulator). */
export interface AttestationKeyStore {
  readonly name: string;
  availability(): Promise<Availability>;
  /** PEM chain: the device certificate, then the manufacturer CA. */
  certificateChainPem(): Promise<string>;
  /** ECDSA P-256 / SHA-256 signature over `data`, DER-encoded. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}
