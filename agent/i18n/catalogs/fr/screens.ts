// Messages français : langues, mots courants (nombres, durées, dates) et écrans du modèle d'écran. Partie
// du catalogue français (../fr.ts) : exactement les clés de en/screens.ts.

import type { enScreens } from '../en/screens.ts';

export const frScreens: Readonly<Record<keyof typeof enScreens, string>> = {
  // ---------------------------------------------------------------- langues
  'locale.name.en': 'English',
  'locale.name.fr': 'Français',
  'locale.switch.label': 'Langue',

  // ---------------------------------------------------------------- mots courants
  'common.yes': 'oui',
  'common.no': 'non',
  'common.unknown': 'inconnu',
  'common.none': 'aucun',
  'common.never': 'jamais',
  'common.dash': '—',
  'duration.ms': '{ms, number} ms',
  'duration.s': '{seconds, number,\u00a0::.0} s',
  'date.day': '{date, date, long}',
  'date.dateTime': '{at, date, medium} {at, time, medium}',
  'date.time': '{at, time, medium}',

  // ---------------------------------------------------------------- écrans
  'screen.checking.title':
    '{thing, select, display {Préparation de cet écran} other {Préparation de cet appareil}}',
  'screen.step.booting': 'Démarrage…',
  'screen.step.readingIdentity': 'Lecture de l’identité de cet appareil…',
  'screen.step.checkingEligibility':
    'Vérification de la compatibilité de cet appareil avec l’inscription sans contact…',
  'screen.step.checkingClock': 'Vérification de la date et de l’heure de l’appareil…',
  'screen.step.network': 'Vérification de la connexion réseau…',
  'screen.step.determining':
    'Interrogation du serveur d’inscription\u00a0: cet appareil est-il pré-provisionné\u00a0?',
  'screen.step.smartCheckin':
    'Interrogation de SMART Remote Management\u00a0: cet écran est-il attribué à un domaine\u00a0?',
  'screen.step.resuming': 'Nouvelle tentative…',
  'screen.step.other': 'Vérification…',
  'screen.backoff.message': 'Nouvel essai dans {seconds, number} s (tentative {attempt, number}).',
  'screen.backoff.messageAfterError':
    '{error} Nouvel essai dans {seconds, number} s (tentative {attempt, number}).',
  'screen.backoff.detail': 'Vous n’avez rien à faire pendant que l’appareil réessaie.',
  'screen.backoff.lastError': 'Dernière erreur\u00a0: {message} ({code})',
  'screen.offline.title': 'Aucune connexion réseau',
  'screen.offline.message':
    'Branchez un câble réseau ou connectez-vous à un réseau Wi-Fi. L’appareil vérifie à nouveau de lui-même.',
  'screen.enrolling.title':
    '{thing, select, display {Inscription de votre écran} other {Inscription de votre appareil}}',
  'screen.enrolling.manual': 'Inscription avec les informations saisies…',
  'screen.enrolling.attestation':
    '{thing, select, display {Cet écran est pré-provisionné} other {Cet appareil est pré-provisionné}}. Vérification de sa clé d’attestation…',
  'screen.enrolling.attestationForDomain':
    '{thing, select, display {Cet écran est pré-provisionné} other {Cet appareil est pré-provisionné}} pour {domain}. Vérification de sa clé d’attestation…',
  'screen.enrolling.message':
    '{thing, select, display {Inscription de cet écran…} other {Inscription de cet appareil…}}',
  'screen.enrolling.messageInDomain':
    '{thing, select, display {Inscription de cet écran dans {domain}…} other {Inscription de cet appareil dans {domain}…}}',
  'screen.enrolled.title': 'Inscription terminée',
  'screen.enrolled.message': 'Cet appareil est géré par {domain}',
  'screen.enrolled.yourOrganisation': 'votre organisation',
  'screen.enrolled.fetchingPolicy': 'Récupération des règles de l’appareil…',
  'screen.enrolled.orgUnit': 'Unité organisationnelle\u00a0: {orgUnit}',
  'screen.error.title': 'Échec de l’inscription',
  'screen.error.clockTitle': 'Vérifiez la date et l’heure',
  'screen.manual.title':
    '{thing, select, display {Inscrire cet écran} other {Inscrire cet appareil manuellement}}',
};
