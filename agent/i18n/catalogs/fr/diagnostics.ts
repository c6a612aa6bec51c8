// Messages français : codes expliqués par les mots du diagnostic (diagnostics/words.ts) : pourquoi l'écran
// manuel, et les autres codes. Partie du catalogue français (../fr.ts) : exactement les clés de
// en/diagnostics.ts.

import type { enDiagnostics } from '../en/diagnostics.ts';

export const frDiagnostics: Readonly<Record<keyof typeof enDiagnostics, string>> = {
  // ---------------------------------------------------------------- écran d'inscription manuelle : pourquoi
  'manual.reason.none': 'Inscrivez cet appareil manuellement.',
  'manual.reason.not-pre-provisioned':
    'Cet appareil n’est pas listé comme pré-provisionné pour l’inscription sans contact. Contactez votre partenaire de pré-provisionnement pour vous assurer qu’il a correctement renseigné le jeton de pré-provisionnement, le domaine et l’appareil.',
  'manual.reason.enrollment-enforced':
    'Votre organisation exige l’inscription de cet appareil, mais pas automatiquement\u00a0: inscrivez-le avec un compte administrateur ou un jeton d’inscription.',
  'manual.reason.token-enrollment-enforced':
    'Votre organisation exige l’inscription de cet appareil avec un jeton d’inscription\u00a0: saisissez le jeton que votre administrateur vous a remis.',
  'manual.reason.zero-touch-disabled':
    'L’inscription sans contact est désactivée pour cet appareil\u00a0: inscrivez-le manuellement.',
  'manual.reason.attestation-unavailable':
    'L’appareil ne peut pas prouver son identité\u00a0: sa clé d’attestation ou son certificat est absent ou endommagé. Si le problème persiste, contactez le fabricant de l’appareil.',
  'manual.reason.too-many-attempts':
    'L’inscription automatique a échoué à plusieurs démarrages, l’appareil a donc cessé de la tenter\u00a0: inscrivez-le manuellement.',
  'manual.reason.smart-unassigned':
    'Cet écran n’est encore attribué à aucun domaine SMART Remote Management. Saisissez le nom de domaine de votre organisation pour l’inscrire. Si son abonnement est fourni avec une clé produit, revendiquez la clé dans SMART Admin Portal, puis utilisez-la dans SMART Remote Management (Icône Utilisateur, Facturation, «\u00a0Numéro du code PIN\u00a0»).',
  'manual.reason.user-chose-manual': 'Vous avez choisi d’inscrire cet appareil manuellement.',
  'manual.reason.ineligible': 'Cet appareil ne peut pas utiliser l’inscription sans contact\u00a0: {detail}',
  'manual.reason.ineligibleCode': 'Cet appareil ne peut pas utiliser l’inscription sans contact ({code}).',
  'manual.advice.check-eligibility-alt-v.1':
    'Vérifiez que l’appareil a été pré-provisionné et qu’il est compatible avec l’inscription sans contact en appuyant sur Alt+V lors de sa configuration initiale.',
  'manual.advice.check-eligibility-alt-v.2': 'Contactez le service d’assistance pour obtenir de l’aide.',
  'manual.advice.check-with-partner.1':
    'Contactez votre partenaire de pré-provisionnement pour vous assurer qu’il a correctement renseigné le jeton, le domaine et l’appareil.',
  'manual.advice.check-with-partner.2': 'Le cas échéant, contactez l’assistance pour obtenir de l’aide.',

  // ---------------------------------------------------------------- autres codes
  'explain.step.altV':
    'Appuyez sur Alt+V pour savoir pourquoi, et exportez le rapport de diagnostic pour l’assistance.',
  'explain.step.manual': 'Vous pouvez aussi inscrire l’appareil manuellement.',
  'explain.step.retry': 'Appuyez sur Réessayer pour recommencer.',
  'explain.unknown': 'Échec de l’inscription ({code}).',
  'explain.clock.message':
    'La date et l’heure de l’appareil sont incorrectes\u00a0: il ne peut pas communiquer de façon sécurisée avec le serveur d’inscription.',
  'explain.clock.1':
    'Réglez la date et l’heure, ou connectez-vous à un réseau qui les fournit\u00a0; l’appareil vérifie à nouveau de lui-même.',
  'explain.safeguard-timeout.message':
    'La vérification automatique de l’inscription a pris trop de temps et a été interrompue.',
  'explain.safeguard-timeout.1':
    'Vérifiez la connexion réseau (câble ou Wi-Fi, proxy, portail captif) et l’adresse du serveur.',
  'explain.invalid-credentials.message':
    'L’adresse e-mail ou le mot de passe de l’administrateur a été refusé.',
  'explain.invalid-credentials.1': 'Vérifiez l’adresse e-mail et le mot de passe, puis réessayez.',
  'explain.invalid-credentials.2': 'Ou utilisez plutôt un jeton d’inscription.',
  'explain.gmail-admin-account.message':
    'Un compte Gmail personnel (se terminant par "@gmail.com") ne peut pas inscrire d’appareils.',
  'explain.gmail-admin-account.1':
    'Connectez-vous plutôt avec le compte administrateur de votre organisation.',
  'explain.gmail-admin-account.2': 'Ou utilisez un jeton d’inscription.',
  'explain.smart-domain-not-activated.message':
    'La période d’évaluation de 30 jours de ce domaine SMART Remote Management est terminée et le domaine n’a pas de crédits\u00a0: il n’est pas activé.',
  'explain.smart-domain-not-activated.1':
    'Activez le compte de domaine en récupérant des crédits\u00a0: connectez-vous à SMART Remote Management, cliquez sur Icône Utilisateur, sélectionnez Facturation, saisissez votre clé produit dans la case «\u00a0Numéro du code PIN\u00a0», puis cliquez sur «\u00a0Utiliser\u00a0».',
  'explain.smart-domain-not-activated.2':
    'Les crédits achetés auprès d’un revendeur SMART arrivent sous forme de clé produit par e-mail. Pour l’abonnement inclus avec un produit SMART, l’e-mail de confirmation d’achat indique si vous devez d’abord obtenir une clé produit dans SMART Admin Portal (dans un délai d’un an après l’achat).',
  'explain.smart-domain-not-activated.3':
    'Si vous rencontrez des problèmes lors de l’échange des crédits, contactez l’assistance SMART (smarttech.com/contactsupport).',
  'explain.smart-activation-pending.message':
    'Le compte de domaine SMART Remote Management n’est pas encore activé.',
  'explain.smart-activation-pending.1':
    'Ouvrez le lien d’activation de l’e-mail envoyé à la création du domaine, puis connectez-vous avec les identifiants que vous avez choisis.',
  'explain.smart-activation-pending.2':
    'Pas d’e-mail\u00a0? Vérifiez votre dossier des éléments indésirables ou de spam, et assurez-vous que votre serveur de messagerie ne bloque pas les e-mails provenant de registration@glbth.com.',
  'explain.smart-unknown-domain.message': 'Aucun domaine SMART Remote Management ne porte ce nom.',
  'explain.smart-unknown-domain.1':
    'Vérifiez le nom de domaine (lettres minuscules et chiffres uniquement) auprès de votre administrateur, puis réessayez.',
  'explain.smart-display-conflict.message':
    'Cet écran est déjà inscrit dans un autre domaine SMART Remote Management.',
  'explain.smart-display-conflict.1':
    'Demandez à l’administrateur de ce domaine de retirer l’écran, puis réessayez.',
  'explain.request-rejected.message': 'Le serveur d’inscription a refusé la demande.',
  'explain.request-rejected.1': 'Vérifiez ce que vous avez saisi, puis réessayez.',
  'explain.state-write-failed.message': 'L’agent n’a pas pu enregistrer sa progression sur cet appareil.',
  'explain.state-write-failed.1':
    'L’inscription continue, mais un redémarrage peut répéter certaines étapes.',
  'explain.internal.message': 'L’agent d’inscription a rencontré un problème inattendu.',
};
