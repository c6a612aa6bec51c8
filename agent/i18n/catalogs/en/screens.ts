// English messages: languages, common words (numbers, durations, dates) and the screens of the screen
// model. Part of the English catalog (../en.ts, which says how messages are written); fr/screens.ts says
// the same in French.

export const enScreens = {
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
} as const satisfies Record<string, string>;
