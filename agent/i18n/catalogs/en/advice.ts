// English messages: the DM client's advice per error (dm-client/advice.ts) and the identity reasons
// (agent/identity). Part of the English catalog (../en.ts, which says how messages are written);
// fr/advice.ts says the same in French.

export const enAdvice = {
  // ---------------------------------------------------------------- DM client advice (dm-client/advice.ts)
  'advice.step.partner':
    'Contact your pre-provisioning partner to make sure they entered the pre-provisioning token, the domain and the device correctly. If needed, contact support for help.',
  'advice.step.altV':
    'Press Alt+V during the initial setup to check that the device is pre-provisioned and compatible with zero-touch enrollment. Contact support for help.',
  'advice.step.licences': 'Contact your reseller to buy more Chrome Enterprise Upgrade licences.',
  'advice.step.bundled':
    'Devices sold with Chrome Enterprise Upgrade have a licence attached to the device and do not use a separate licence. If this is such a bundled device and this message appears, contact the device manufacturer for help.',
  'advice.step.manual':
    'If the device is compatible but zero-touch enrollment fails, the manual enrollment screen is shown: enroll the device manually.',
  'advice.step.wait': 'The device retries by itself; nothing needs to be done while it does.',
  'advice.step.network':
    'Check the network connection (cable or Wi-Fi, proxy, captive portal) and that the server address is right.',
  'advice.step.diagnostics': 'Press Alt+V and export the diagnostics bundle for support.',
  'advice.step.nothing': 'Nothing to do: the device asks again when it needs to.',
  'advice.step.activation': 'Ask the administrator to finish activating the domain, then press Retry.',
  'advice.step.deprovisioned':
    'Ask the administrator to check the device in the Admin console; a deprovisioned device must be pre-provisioned again.',
  'advice.step.kioskLicence': 'Ask the administrator to check the licence type assigned to the device.',
  'advice.step.policyNotFound':
    'Ask the administrator to check that the device’s organisational unit has device settings, then press Retry.',
  'advice.step.arc': 'Ask the administrator to check the Android apps setting in the Admin console.',
  'advice.step.subscription':
    'Ask the administrator to check the organisation’s Chrome subscription in the Admin console.',
  'advice.step.tos':
    'Ask the administrator to accept the terms of service in the Admin console, then press Retry.',
  'advice.step.policyServer':
    'Check that the device talks to your organisation’s enrollment server (no proxy or other server in between).',
  'advice.step.policyRetry': 'Press Retry to fetch the policy again; contact support if it is refused again.',
  'advice.step.manufacturer': 'Contact the device manufacturer for help.',
  'advice.network.message': 'The enrollment server could not be reached.',
  'advice.timeout.message': 'The enrollment server did not answer in time.',
  'advice.aborted.message': 'The request to the enrollment server was cancelled.',
  'advice.invalid-response.message': 'The enrollment server sent an answer the device cannot understand.',
  'advice.response-too-large.message': 'The enrollment server sent an answer far larger than any valid one.',
  'advice.http-status-error.message':
    'The server answered with an HTTP status the enrollment protocol does not use.',
  'advice.request-invalid.message': 'The enrollment server rejected the request as invalid.',
  'advice.token-invalid.message': 'The enrollment server did not accept the device’s credentials.',
  'advice.missing-licenses.message':
    'The organisation does not have enough Chrome Enterprise Upgrade licences to enroll this device.',
  'advice.management-not-supported.message':
    'The enrollment server refused to manage this device (token revoked or attestation refused).',
  'advice.invalid-serial-number.message':
    'The enrollment server does not recognise this device’s serial number.',
  'advice.domain-mismatch.message': 'This device is pre-provisioned for a different domain.',
  'advice.device-id-conflict.message': 'Another device is already enrolled with this device’s identity.',
  'advice.device-not-found.message': 'The device is not listed as pre-provisioned.',
  'advice.activation-pending.message': 'The organisation’s enrollment is not activated yet.',
  'advice.request-too-large.message': 'The enrollment server found the device’s request too large.',
  'advice.consumer-account-with-packaged-license.message':
    'This device comes with a bundled licence that cannot be used with this account.',
  'advice.too-many-requests.message': 'The enrollment server is busy and asked the device to wait.',
  'advice.temporarily-unavailable.message': 'The enrollment server is temporarily unavailable.',
  'advice.deprovisioned.message': 'This device has been deprovisioned by its organisation.',
  'advice.invalid-packaged-device-for-kiosk.message':
    'This device’s bundled licence does not allow it to be used as a kiosk or signage device.',
  'advice.policy-not-found.message': 'The enrollment server has no device policy for this device.',
  'advice.arc-disabled.message':
    'The enrollment server refused the request because Android apps are turned off for this account.',
  'advice.enterprise-account-not-eligible.message':
    'The organisation’s account is not eligible to enroll devices.',
  'advice.terms-of-service-not-accepted.message':
    'The organisation has not accepted the Chrome Enterprise terms of service yet.',
  'advice.illegal-account-for-packaged-edu-license.message':
    'This device’s bundled Education licence cannot be used with this organisation’s account.',
  'advice.policy-invalid.message':
    'The device policy received from the server could not be verified (bad signature, unexpected key, or a policy meant for another device), so it was refused.',
  'advice.step.tlsRetrying':
    'Nothing was sent to that server. The device keeps trying by itself and goes on as soon as the real server answers.',
  'advice.step.captivePortal':
    'If this network has a sign-in page (hotel, school or guest Wi-Fi: a captive portal), sign in to the network from another device or ask its administrator to let this device through.',
  'advice.step.proxy':
    'If the network goes through a proxy or firewall that inspects secure connections, ask the network administrator to exempt the enrollment server.',
  'advice.step.serverCa':
    'If your organisation runs its own enrollment server, check that the device was given that server’s CA certificate (etc/zte-agent/server-ca.pem, or --server-ca) and the right server address.',
  'advice.step.certDetails':
    'Press Alt+V to see the certificate that was presented (subject, issuer, validity).',
  'advice.step.clock':
    'Check the device’s date and time: a wrong clock makes a good certificate look expired or not yet valid.',
  'advice.step.certName':
    'Check that the server address given to the device is the name on the server’s certificate.',
  'advice.step.certRenew': 'If the date is right, the server’s administrator must renew its certificate.',
  'advice.step.setClock':
    'Set the correct date and time, or connect to a network that provides them; the device checks again by itself.',
  'advice.step.newPin':
    'If the server’s key was changed on purpose, the device must be given the new pin (--server-pin).',
  'advice.tls-untrusted-issuer.message':
    'The server that answered is not trusted: its certificate is not issued by a certificate authority this device trusts (a captive portal, a proxy, or another server in between).',
  'advice.tls-wrong-host.message':
    'The server that answered presented a certificate for another name than the enrollment server’s.',
  'advice.tls-cert-expired.message':
    'The enrollment server’s certificate has expired, by this device’s clock.',
  'advice.tls-cert-not-yet-valid.message':
    'The enrollment server’s certificate is not valid yet by this device’s clock: the device’s date and time are behind.',
  'advice.tls-pin-mismatch.message':
    'The server that answered has a valid certificate, but not the key this device was told to expect (pinned): it is not your enrollment server.',
  'advice.tls-handshake-failed.message':
    'No secure connection could be set up with the enrollment server: whatever answered does not speak TLS properly (a captive portal, a proxy, or a plain-HTTP downgrade).',
  'advice.attestation-unavailable.message':
    'The device cannot prove its identity: its attestation key or certificate is missing or broken.',

  // ---------------------------------------------------------------- identity reasons (agent/identity)
  'reason.modelNotListed':
    'Model "{model}" is not in the zero-touch compatible device list (no listed name or variant code matched).',
  'reason.dateUnknown':
    '{model} is compatible only if made on or after {cutoff}, and VPD mfg_date is missing or not YYYY-MM-DD.',
  'reason.madeBeforeCutoff': 'Made on {made}; {model} is compatible only if made on or after {cutoff}.',
  'reason.smartNeedsSerialPort':
    'A SMART display gives its serial number over RS-232: run with --smart-serial PATH.',
  'reason.idWhat':
    '{what, select, serial {serial number} serviceTag {Dell service tag} mtmSerial {1S + MTM + serial} other {identifier}}',
  'reason.malformedSerial':
    'The {what, select, serviceTag {Dell service tag} other {serial number}} contains characters that are not printable ASCII, or is too long.',
  'reason.missingSerial':
    'No {what, select, serviceTag {Dell service tag} other {serial number}} was found in VPD serial_number or DMI product_serial.',
  'reason.badSerial':
    'The {what, select, serviceTag {Dell service tag} other {serial number}} "{value}" is not 1–64 printable characters without spaces.',
  'reason.adidMismatch':
    'VPD attested_device_id "{adid}" differs from the {what, select, serviceTag {service tag} mtmSerial {1S + MTM + serial} other {serial number}} "{expected}": the board or its VPD was changed.',
  'reason.samsung14':
    'This Samsung Chromebook has a 14-character serial number (made before the listed date): zero-touch needs the 15-character serial.',
  'reason.samsungLength':
    "This Samsung Chromebook's serial number has {length, plural, one {# character} other {# characters}}: zero-touch needs exactly 15 (seed 000, footnote 2).",
  'reason.notServiceTag': '"{value}" is not a Dell service tag (7 letters or digits, 5 on old models).',
  'reason.asusMalformed':
    'The ASUS certified device ID (VPD attested_device_id) has non-printable characters or is too long.',
  'reason.asusMissing':
    'This ASUS model enrolls with its certified device ID, but VPD attested_device_id is missing.',
  'reason.asusInvalid':
    'The ASUS certified device ID "{value}" is not 1–64 printable characters without spaces.',
  'reason.lenovoMtmMissing':
    'The Lenovo machine type/model (DMI product_name) is missing: the ID is 1S + MTM + serial.',
  'reason.lenovoMtmInvalid':
    'The Lenovo machine type/model (DMI product_name) is "{mtm}": the ID is 1S + MTM + serial.',
  'reason.lenovoTooLong': '1S + MTM + serial "{value}" is longer than 64 characters.',
  'reason.m60qMissing':
    'The ThinkCentre M60q enrolls with 1S + C1KS/C1VM + Ethernet MAC from VPD attested_device_id, which is missing.',
  'reason.m60qInvalid':
    '"{value}" is not 1S + C1KS (made in China) or C1VM (made in Viet Nam) + 12 upper-case hex digits of the Ethernet MAC.',
  'reason.m60qMacMismatch':
    "The MAC in the attested device ID ({adidMac}) is not one of this device's Ethernet MACs ({macs, select, none {none} other {{macs}}}): the board was swapped.",
  'reason.smartUpdating':
    'The display is updating its firmware (power state {state}) and answers only power commands over RS-232 (display-not-ready). Wait for the update to finish, then restart setup.',
  'reason.smartNotOn':
    'The display stayed in power state {state} and answers only power commands over RS-232 (display-not-ready). Turn it on with the Power button on the display or its remote, then restart setup.',
  'reason.smartNoSerial':
    'The display did not give its serial number over RS-232 ({code}: {message}). Check the cable and that the display is not in soft-off.',
  'reason.smartModelNotListed': 'SMART model "{model}" is not a supported SMART Board display.',
  'reason.smartEmptySerial': 'The display answered an empty serial number.',
  'reason.smartBadSerial': 'The display serial "{value}" is not 1–64 printable characters without spaces.',
  'reason.smartTouchMismatch':
    'The display says serial "{serial}" but its touch controller (USB 0b8c) reports {touchSerials}.',
} as const satisfies Record<string, string>;
