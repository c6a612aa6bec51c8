// Messages français : tableau de `agent identify` et interface texte. Partie du catalogue français
// (../fr.ts) : exactement les clés de en/terminal.ts.

import type { enTerminal } from '../en/terminal.ts';

export const frTerminal: Readonly<Record<keyof typeof enTerminal, string>> = {
  // ---------------------------------------------------------------- tableau de `agent identify`
  'identify.manufacturer': 'Fabricant',
  'identify.model': 'Modèle',
  'identify.deviceClass': 'Type d’appareil',
  'identify.serial': 'Numéro de série',
  'identify.idKind': 'Type d’ID',
  'identify.certifiedId': 'ID d’appareil certifié',
  'identify.manufactured': 'Date de fabrication',
  'identify.brandCode': 'Code de marque',
  'identify.zeroTouch': 'Sans contact',
  'identify.sources': 'Sources',
  'identify.notListed': '— (non listé)',
  'identify.notDerivable': '— (impossible à déterminer)',
  'identify.eligible': 'ZTE✓ éligible',
  'identify.notEligible': 'ZTE✗ non éligible',

  // ---------------------------------------------------------------- interface texte
  'terminal.errorCode': 'Code d’erreur\u00a0: {code}',
  'terminal.why': 'Pourquoi\u00a0: {reason}',
  'terminal.whatToDo': 'Que faire\u00a0:',
  'terminal.serial': 'Numéro de série\u00a0: {serial}',
  'terminal.altV': 'Appuyez sur Alt+V (Échap puis v) pour le diagnostic.',
  'terminal.switchLanguage': 'Appuyez sur l pour lire ceci en {other}.',
  'terminal.prompt.error-choice':
    'Tapez r puis Entrée pour réessayer, ou m puis Entrée pour inscrire manuellement (l\u00a0: {other})\u00a0: ',
  'terminal.prompt.manual-choice':
    'Tapez 1 puis Entrée pour vous connecter en tant qu’administrateur, ou 2 pour utiliser un jeton d’inscription (l\u00a0: {other})\u00a0: ',
  'terminal.prompt.email': 'Adresse e-mail de l’administrateur\u00a0: ',
  'terminal.prompt.password': 'Mot de passe\u00a0: ',
  'terminal.prompt.token': 'Jeton d’inscription\u00a0: ',
  'terminal.prompt.domain': 'Nom de domaine SMART Remote Management\u00a0: ',
  'terminal.diagUnavailable': 'Diagnostic indisponible\u00a0: {detail}',
  'terminal.diag.title': 'DIAGNOSTIC (Alt+V ou Échap pour fermer)',
  'terminal.diag.agentVersion': 'Version de l’agent\u00a0: {version}',
  'terminal.diag.model': 'Modèle\u00a0: {model} ({manufacturer}), type d’ID\u00a0: {idKind}',
  'terminal.diag.notListed': 'non listé',
  'terminal.diag.unknownMaker': 'fabricant inconnu',
  'terminal.diag.eligible': 'Éligible à l’inscription sans contact\u00a0: {eligible}',
  'terminal.diag.server': 'Serveur\u00a0: {answer}',
  'terminal.diag.serverChecked': 'Serveur\u00a0: {answer} (vérifié le {at})',
  'terminal.diag.unreachable': 'injoignable',
  'terminal.diag.unreachableCode': 'injoignable ({code})',
  'terminal.diag.notAsked': 'pas encore interrogé',
  'terminal.diag.notPreProvisioned': 'non pré-provisionné',
  'terminal.diag.preProvisioned':
    'pré-provisionné dans {domain}, licence {packaged, select, yes {groupée avec l’appareil} other {du domaine}}',
  'terminal.diag.preProvisionedOu':
    'pré-provisionné dans {domain} {orgUnit}, licence {packaged, select, yes {groupée avec l’appareil} other {du domaine}}',
  'terminal.diag.network':
    'Réseau {name}\u00a0: {state}{kind, select, wifi { (Wi-Fi)} virtual { (virtuelle)} other {}} {mac}',
  'terminal.diag.state': 'État\u00a0: {state}',
  'terminal.diag.step': '  +{ms, number} ms  {state}',
  'terminal.diag.lastError': 'Dernière erreur\u00a0: {code}\u00a0: {message}',
  'terminal.diag.advice': '  Conseil\u00a0: {advice}',
  'terminal.diag.policy': 'Règles\u00a0: {timestamp}',
  'terminal.diag.policyManaged': 'Règles\u00a0: {timestamp}, gérées par {managedBy}',
  'terminal.diag.policyNotReceived': 'non reçues à ce démarrage',
  'terminal.diag.policyKey': '  Clé SHA-256\u00a0: {fingerprint}',
  'terminal.diag.policyKeyVersion': '  Clé SHA-256\u00a0: {fingerprint} (version {version})',
  'terminal.diag.policySettings': '  Paramètres\u00a0: {settings}',
  'terminal.diag.backend': 'Composant {name}\u00a0: {status}',
};
