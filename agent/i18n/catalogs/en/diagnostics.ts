// English messages: the codes the diagnostics words explain (diagnostics/words.ts): why the manual screen,
// and every other code. Part of the English catalog (../en.ts, which says how messages are written);
// fr/diagnostics.ts says the same in French.

export const enDiagnostics = {
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
} as const satisfies Record<string, string>;
