// The English message catalog: every string a person reads on the OOBE (web and terminal), in the
// Alt+V overlay, in identity reasons and in advice. ICU MessageFormat (intl-messageformat): `{name}`
// placeholders, `{n, plural, …}`, `{kind, select, …}`, `{at, date, long}`. Keys are stable; the French
// catalog (fr.ts) must have exactly the same keys and placeholders (test/unit/i18n checks both).
// Model names, codes, domains and serials are placeholder values: they stay as they are in either language.

export const en = {
  // ---------------------------------------------------------------- languages
  'locale.name.en': 'English',
  'locale.name.fr': 'Français',
  'locale.switch.label': 'Language',

  // ---------------------------------------------------------------- common words
  'common.yes': 'yes',
  'common.no': 'no',
  'common.unknown': 'unknown',
  'common.none': 'none',
  'common.never': 'never',
  'common.dash': '—',
  'duration.ms': '{ms, number} ms',
  'duration.s': '{seconds, number, ::.0} s',
  'date.day': '{date, date, long}',
  'date.dateTime': '{at, date, medium} {at, time, medium}',
  'date.time': '{at, time, medium}',

  // ---------------------------------------------------------------- screens (screen model)
  'screen.checking.title':
    '{thing, select, display {Getting this display ready} other {Getting this device ready}}',
  'screen.step.booting': 'Starting…',
  'screen.step.readingIdentity': 'Reading this device’s identity…',
  'screen.step.checkingEligibility': 'Checking that this device supports zero-touch enrollment…',
  'screen.step.checkingClock': 'Checking the device’s date and time…',
  'screen.step.network': 'Checking the network connection…',
  'screen.step.determining': 'Asking the enrollment server whether this device is pre-provisioned…',
  'screen.step.smartCheckin': 'Asking SMART Remote Management whether this display is assigned to a domain…',
  'screen.step.resuming': 'Trying again…',
  'screen.step.other': 'Checking…',
  'screen.backoff.message': 'Trying again in {seconds, number} s (attempt {attempt, number}).',
  'screen.backoff.messageAfterError':
    '{error} Trying again in {seconds, number} s (attempt {attempt, number}).',
  'screen.backoff.detail': 'Nothing needs to be done while the device retries.',
  'screen.backoff.lastError': 'Last error: {message} ({code})',
  'screen.offline.title': 'No network connection',
  'screen.offline.message':
    'Connect a network cable or join a Wi-Fi network. The device checks again by itself.',
  'screen.enrolling.title': '{thing, select, display {Enrolling your display} other {Enrolling your device}}',
  'screen.enrolling.manual': 'Enrolling with the details you entered…',
  'screen.enrolling.attestation':
    '{thing, select, display {This display} other {This device}} is pre-provisioned. Checking its attestation key…',
  'screen.enrolling.attestationForDomain':
    '{thing, select, display {This display} other {This device}} is pre-provisioned for {domain}. Checking its attestation key…',
  'screen.enrolling.message':
    '{thing, select, display {Enrolling this display…} other {Enrolling this device…}}',
  'screen.enrolling.messageInDomain':
    '{thing, select, display {Enrolling this display in {domain}…} other {Enrolling this device in {domain}…}}',
  'screen.enrolled.title': 'Enrollment complete',
  'screen.enrolled.message': 'This device is managed by {domain}',
  'screen.enrolled.yourOrganisation': 'your organisation',
  'screen.enrolled.fetchingPolicy': 'Fetching the device policy…',
  'screen.enrolled.orgUnit': 'Organisational unit: {orgUnit}',
  'screen.error.title': 'Enrollment failed',
  'screen.error.clockTitle': 'Check the date and time',
  'screen.manual.title': '{thing, select, display {Enroll this display} other {Enroll this device manually}}',

  // ---------------------------------------------------------------- manual screen: why (diagnostics/words.ts)
  'manual.reason.none': 'Enroll this device manually.',
  'manual.reason.not-pre-provisioned':
    'This device is not listed as pre-provisioned for zero-touch enrollment. Contact your pre-provisioning partner to make sure they entered the pre-provisioning token, the domain and the device correctly.',
  'manual.reason.enrollment-enforced':
    'Your organisation requires this device to be enrolled, but not automatically: enroll it with an administrator account or an enrollment token.',
  'manual.reason.token-enrollment-enforced':
    'Your organisation requires this device to be enrolled with an enrollment token: enter the token your administrator gave you.',
  'manual.reason.zero-touch-disabled':
    'Zero-touch enrollment is turned off for this device: enroll it manually.',
  'manual.reason.attestation-unavailable':
    'The device cannot prove its identity: its attestation key or certificate is missing or broken. Contact the device manufacturer if this persists.',
  'manual.reason.too-many-attempts':
    'Automatic enrollment was tried on several starts without success, so the device stopped trying: enroll it manually.',
  'manual.reason.smart-unassigned':
    'This display is not assigned to a SMART Remote Management domain yet. Enter your organisation’s domain name to enroll it. If its subscription comes with a product key, claim the key in SMART Admin Portal and redeem it in SMART Remote Management (User icon, Billing, “Numéro du code PIN”).',
  'manual.reason.user-chose-manual': 'You chose to enroll this device manually.',
  'manual.reason.ineligible': 'This device cannot use zero-touch enrollment: {detail}',
  'manual.reason.ineligibleCode': 'This device cannot use zero-touch enrollment ({code}).',
  'manual.advice.check-eligibility-alt-v.1':
    'Press Alt+V during the initial setup to check that this device is pre-provisioned and compatible with zero-touch enrollment.',
  'manual.advice.check-eligibility-alt-v.2': 'Contact support for help.',
  'manual.advice.check-with-partner.1':
    'Contact your pre-provisioning partner to make sure they entered the pre-provisioning token, the domain and the device correctly.',
  'manual.advice.check-with-partner.2': 'If needed, contact support for help.',

  // ---------------------------------------------------------------- other codes (diagnostics/words.ts)
  'explain.step.altV': 'Press Alt+V to see why, and export the diagnostics bundle for support.',
  'explain.step.manual': 'You can also enroll the device manually.',
  'explain.step.retry': 'Press Retry to try again.',
  'explain.unknown': 'Enrollment failed ({code}).',
  'explain.clock.message':
    'The device’s date and time are wrong, so it cannot talk securely to the enrollment server.',
  'explain.clock.1':
    'Set the correct date and time, or connect to a network that provides them; the device checks again by itself.',
  'explain.safeguard-timeout.message': 'The automatic enrollment check took too long and was stopped.',
  'explain.safeguard-timeout.1':
    'Check the network connection (cable or Wi-Fi, proxy, captive portal) and that the server address is right.',
  'explain.invalid-credentials.message': 'The administrator e-mail or password was not accepted.',
  'explain.invalid-credentials.1': 'Check the e-mail address and the password, then try again.',
  'explain.invalid-credentials.2': 'Or use an enrollment token instead.',
  'explain.gmail-admin-account.message':
    'A personal Gmail account (ending in "@gmail.com") cannot enroll devices.',
  'explain.gmail-admin-account.1': 'Sign in with your organisation’s administrator account instead.',
  'explain.gmail-admin-account.2': 'Or use an enrollment token.',
  'explain.smart-domain-not-activated.message':
    'The 30-day trial of this SMART Remote Management domain is over and the domain has no credits, so it is not activated.',
  'explain.smart-domain-not-activated.1':
    'Activate the domain with credits: sign in to SMART Remote Management, click the User icon, select Billing, type the product key in the “Numéro du code PIN” (PIN code) box and click “Utiliser” (Use).',
  'explain.smart-domain-not-activated.2':
    'Credits bought from a SMART reseller come as a product key by e-mail. For the subscription included with a SMART product, the purchase confirmation e-mail says whether you must first claim a product key in SMART Admin Portal (within one year of purchase).',
  'explain.smart-domain-not-activated.3':
    'If you have problems redeeming credits, contact SMART support (smarttech.com/contactsupport).',
  'explain.smart-activation-pending.message':
    'The SMART Remote Management domain account has not been activated yet.',
  'explain.smart-activation-pending.1':
    'Open the activation link in the e-mail sent when the domain was created, and sign in with the credentials you chose.',
  'explain.smart-activation-pending.2':
    'No e-mail? Check the junk or spam folder, and make sure your mail server does not block e-mails from registration@glbth.com.',
  'explain.smart-unknown-domain.message': 'There is no SMART Remote Management domain with that name.',
  'explain.smart-unknown-domain.1':
    'Check the domain name (lower-case letters and digits only) with your administrator, then try again.',
  'explain.smart-display-conflict.message':
    'This display is already enrolled in another SMART Remote Management domain.',
  'explain.smart-display-conflict.1':
    'Ask the administrator of that domain to remove the display, then try again.',
  'explain.request-rejected.message': 'The enrollment server refused the request.',
  'explain.request-rejected.1': 'Check what you entered, then try again.',
  'explain.state-write-failed.message': 'The agent could not save its progress on this device.',
  'explain.state-write-failed.1': 'Enrollment carries on, but a restart may repeat some steps.',
  'explain.internal.message': 'The enrollment agent met an unexpected problem.',

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

  // ---------------------------------------------------------------- manual enrollment form (web/manual-request.ts, terminal)
  'form.invalid-body': 'The request must be a JSON object.',
  'form.invalid-email': 'Enter the administrator’s e-mail address, e.g. admin@example.com.',
  'form.gmail-admin-account':
    'Use your organisation’s administrator account: an address ending in "@gmail.com" (a personal Gmail account) cannot enroll devices.',
  'form.invalid-password': 'Enter the administrator’s password.',
  'form.invalid-token': 'Enter the enrollment token exactly as the administrator gave it (no spaces).',
  'form.invalid-domain': 'Enter the domain name: lower-case letters and digits only.',
  'form.unknown-method': 'Choose how to enroll: "credentials", "enrollment-token" or "smart-domain".',

  // ---------------------------------------------------------------- web page (index.html, app.js)
  'page.title': 'Device setup',
  'page.documentTitle': '{title} — Device setup',
  'page.brand': 'Device setup',
  'page.starting': 'Starting…',
  'page.hint': 'Diagnostics: press',
  'page.reconnecting': 'Reconnecting to the setup service…',
  'page.serialShort': 'S/N {serial}',
  'page.errorCode': 'Error code:',
  'page.whatToDo': 'What to do',
  'page.retry': 'Retry',
  'page.enrollManually': 'Enroll manually',
  'page.or': 'or',
  'page.enrollmentFailed': 'Enrollment failed:',
  'page.requestRefused': 'The request was refused (HTTP status):',
  'page.form.credentials.heading': 'Administrator account',
  'page.form.credentials.submit': 'Enroll with account',
  'page.form.email': 'Administrator e-mail',
  'page.form.password': 'Password',
  'page.form.token.heading': 'Enrollment token',
  'page.form.token.submit': 'Enroll with token',
  'page.form.token': 'Enrollment token',
  'page.form.token.help': 'The token your administrator created in the Admin console.',
  'page.form.domain.heading': 'SMART Remote Management domain',
  'page.form.domain.submit': 'Enroll display',
  'page.form.domain': 'Domain name',
  'page.form.domain.help':
    'Your organisation’s SMART Remote Management account name: lower-case letters and digits only.',
  'page.diag.title': 'Diagnostics',
  'page.diag.close': 'Close',
  'page.diag.device': 'Device',
  'page.diag.agentVersion': 'Agent version',
  'page.diag.manufacturer': 'Manufacturer',
  'page.diag.model': 'Model',
  'page.diag.serial': 'Serial number',
  'page.diag.certifiedId': 'Certified device ID',
  'page.diag.idKind': 'ID kind',
  'page.diag.manufactured': 'Manufactured',
  'page.diag.zeroTouch': 'Zero-touch',
  'page.diag.eligible': 'Eligible',
  'page.diag.server': 'Enrollment server',
  'page.diag.reachable': 'Reachable',
  'page.diag.preProvisioned': 'Pre-provisioned',
  'page.diag.domain': 'Management domain',
  'page.diag.orgUnit': 'Org unit',
  'page.diag.licence': 'Licence packaged',
  'page.diag.checkedAt': 'Checked at',
  'page.diag.error': 'Error',
  'page.diag.policy': 'Device policy',
  'page.diag.policyTimestamp': 'Policy timestamp',
  'page.diag.policyKey': 'Key SHA-256',
  'page.diag.policySettings': 'Settings',
  'page.diag.refresh': 'Refresh',
  'page.diag.lastError': 'Last error',
  'page.diag.network': 'Network',
  'page.diag.interface': 'Interface',
  'page.diag.state': 'State',
  'page.diag.kind': 'Kind',
  'page.diag.mac': 'MAC',
  'page.diag.timeline': 'Timeline',
  'page.diag.currentState': 'current state:',
  'page.diag.backends': 'Hardware backends',
  'page.diag.export': 'Export for support',
  'page.diag.exportButton': 'Export diagnostics',
  'page.diag.qrAlt': 'QR code of the diagnostics summary',
  'page.diag.savedAs': 'Saved as',
  'page.diag.loading': 'Loading…',
  'page.diag.asking': 'Asking the enrollment server…',
  'page.diag.loadFailed': 'The diagnostics could not be loaded.',
  'page.diag.exporting': 'Exporting…',
  'page.diag.exported': 'Exported. Scan the code with a phone to note the summary.',
  'page.diag.exportFailed': 'Export failed (HTTP status):',
  'page.exportFailed': 'The diagnostics bundle could not be written: {detail}',

  // ---------------------------------------------------------------- Alt+V values (web overlay and terminal)
  'diag.notListed': 'not in the compatibility list',
  'diag.zteReady': 'ZTE✓ ready: this device can be zero-touch enrolled',
  'diag.zteNotReady': 'ZTE✗ not ready: this device cannot be zero-touch enrolled',
  'diag.noReason': 'No problem found with this device’s identity.',
  'diag.identityNotRead': 'The identity has not been read yet.',
  'diag.noPolicy': 'none received',
  'diag.noKey': 'no key pinned',
  'diag.noError': 'No error.',
  'diag.noNetwork': 'No network interface found.',
  'diag.kind.virtual': 'virtual',
  'diag.kind.wifi': 'Wi-Fi',
  'diag.kind.ethernet': 'Ethernet',
  'diag.kind.type': 'type {type}',
  'diag.serverError': '{code}: {message}',
  'diag.server.identity-unknown': 'The device identity has not been read yet: the server was not asked.',
  'diag.server.identity-incomplete':
    'The device has no serial number or brand code: the server was not asked.',
  'diag.took': '{duration}',
  'diag.current': 'current, {duration} so far',
  'diag.timelineAt': '{at} · {took}',
  'diag.backend.available': 'available',
  'diag.backend.unavailable': 'unavailable: {reason}',

  // ---------------------------------------------------------------- `agent identify` table
  'identify.manufacturer': 'Manufacturer',
  'identify.model': 'Model',
  'identify.deviceClass': 'Device class',
  'identify.serial': 'Serial number',
  'identify.idKind': 'ID kind',
  'identify.certifiedId': 'Certified device ID',
  'identify.manufactured': 'Manufactured',
  'identify.brandCode': 'Brand code',
  'identify.zeroTouch': 'Zero-touch',
  'identify.sources': 'Sources',
  'identify.notListed': '— (not listed)',
  'identify.notDerivable': '— (not derivable)',
  'identify.eligible': 'ZTE✓ eligible',
  'identify.notEligible': 'ZTE✗ not eligible',

  // ---------------------------------------------------------------- terminal UI
  'terminal.errorCode': 'Error code: {code}',
  'terminal.why': 'Why: {reason}',
  'terminal.whatToDo': 'What to do:',
  'terminal.serial': 'Serial number: {serial}',
  'terminal.altV': 'Press Alt+V (Esc then v) for diagnostics.',
  'terminal.switchLanguage': 'Press l to read this in {other}.',
  'terminal.prompt.error-choice':
    'Type r then Enter to retry, or m then Enter to enroll manually (l: {other}): ',
  'terminal.prompt.manual-choice':
    'Type 1 then Enter to sign in as an administrator, or 2 to use an enrollment token (l: {other}): ',
  'terminal.prompt.email': 'Administrator e-mail: ',
  'terminal.prompt.password': 'Password: ',
  'terminal.prompt.token': 'Enrollment token: ',
  'terminal.prompt.domain': 'SMART Remote Management domain name: ',
  'terminal.diagUnavailable': 'Diagnostics unavailable: {detail}',
  'terminal.diag.title': 'DIAGNOSTICS (Alt+V or Esc to close)',
  'terminal.diag.agentVersion': 'Agent version: {version}',
  'terminal.diag.model': 'Model: {model} ({manufacturer}), ID kind: {idKind}',
  'terminal.diag.notListed': 'not listed',
  'terminal.diag.unknownMaker': 'unknown maker',
  'terminal.diag.eligible': 'Eligible for zero-touch: {eligible}',
  'terminal.diag.server': 'Server: {answer}',
  'terminal.diag.serverChecked': 'Server: {answer} (checked {at})',
  'terminal.diag.unreachable': 'not reachable',
  'terminal.diag.unreachableCode': 'not reachable ({code})',
  'terminal.diag.notAsked': 'not asked yet',
  'terminal.diag.notPreProvisioned': 'not pre-provisioned',
  'terminal.diag.preProvisioned':
    'pre-provisioned in {domain}, licence {packaged, select, yes {packaged with the device} other {from the domain}}',
  'terminal.diag.preProvisionedOu':
    'pre-provisioned in {domain} {orgUnit}, licence {packaged, select, yes {packaged with the device} other {from the domain}}',
  'terminal.diag.network':
    'Network {name}: {state}{kind, select, wifi { (Wi-Fi)} virtual { (virtual)} other {}} {mac}',
  'terminal.diag.state': 'State: {state}',
  'terminal.diag.step': '  +{ms, number} ms  {state}',
  'terminal.diag.lastError': 'Last error: {code}: {message}',
  'terminal.diag.advice': '  Advice: {advice}',
  'terminal.diag.policy': 'Policy: {timestamp}',
  'terminal.diag.policyManaged': 'Policy: {timestamp}, managed by {managedBy}',
  'terminal.diag.policyNotReceived': 'not received this boot',
  'terminal.diag.policyKey': '  Key SHA-256: {fingerprint}',
  'terminal.diag.policyKeyVersion': '  Key SHA-256: {fingerprint} (version {version})',
  'terminal.diag.policySettings': '  Settings: {settings}',
  'terminal.diag.backend': 'Backend {name}: {status}',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
