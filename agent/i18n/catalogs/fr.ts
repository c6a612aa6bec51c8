// Le catalogue français : les mêmes clés et les mêmes paramètres que en.ts (test/unit/i18n le vérifie).
// Vocabulaire de l'édition française du guide ChromeOS (seed 000) : « inscription sans contact »,
// « pré-provisionnement », « partenaire de pré-provisionnement », « console d'administration » ;
// et de SMART Remote Management (seed 002) : « Icône Utilisateur », « Facturation »,
// « Numéro du code PIN », « Utiliser », « SMART Admin Portal ». Noms de modèles, codes, domaines et
// numéros de série sont des valeurs : ils restent tels quels.

import type { MessageKey } from './en.ts';

export const fr: Readonly<Record<MessageKey, string>> = {
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

  // ---------------------------------------------------------------- conseils du client DM (seed 000, « Résoudre les problèmes… »)
  'advice.step.partner':
    'Contactez votre partenaire de pré-provisionnement pour vous assurer qu’il a correctement renseigné le jeton, le domaine et l’appareil. Le cas échéant, contactez l’assistance pour obtenir de l’aide.',
  'advice.step.altV':
    'Vérifiez que l’appareil a été pré-provisionné et qu’il est compatible avec l’inscription sans contact en appuyant sur Alt+V lors de sa configuration initiale. Contactez le service d’assistance pour obtenir de l’aide.',
  'advice.step.licences':
    'Contactez votre revendeur pour acheter d’autres licences Chrome Enterprise Upgrade.',
  'advice.step.bundled':
    'Les appareils ChromeOS fournis avec Chrome Enterprise Upgrade disposent d’une licence Chrome Enterprise Upgrade associée à l’appareil et n’utilisent pas de licence distincte pour l’inscription. Si vous possédez un appareil groupé et que ce message d’erreur s’affiche, contactez le fabricant de l’appareil pour obtenir de l’aide.',
  'advice.step.manual':
    'Si l’appareil est compatible avec l’inscription sans contact, mais que son inscription échoue, un écran d’inscription manuelle s’affiche\u00a0: inscrivez l’appareil manuellement.',
  'advice.step.wait': 'L’appareil réessaie de lui-même\u00a0; vous n’avez rien à faire pendant ce temps.',
  'advice.step.network':
    'Vérifiez la connexion réseau (câble ou Wi-Fi, proxy, portail captif) et l’adresse du serveur.',
  'advice.step.diagnostics': 'Appuyez sur Alt+V et exportez le rapport de diagnostic pour l’assistance.',
  'advice.step.nothing': 'Rien à faire\u00a0: l’appareil redemandera quand il en aura besoin.',
  'advice.step.activation':
    'Demandez à l’administrateur de terminer l’activation du domaine, puis appuyez sur Réessayer.',
  'advice.step.deprovisioned':
    'Demandez à l’administrateur de vérifier l’appareil dans la console d’administration\u00a0; un appareil déprovisionné doit être pré-provisionné à nouveau.',
  'advice.step.kioskLicence':
    'Demandez à l’administrateur de vérifier le type de licence attribué à l’appareil.',
  'advice.step.policyNotFound':
    'Demandez à l’administrateur de vérifier que l’unité organisationnelle de l’appareil a des paramètres d’appareil, puis appuyez sur Réessayer.',
  'advice.step.arc':
    'Demandez à l’administrateur de vérifier le paramètre des applications Android dans la console d’administration.',
  'advice.step.subscription':
    'Demandez à l’administrateur de vérifier l’abonnement Chrome de l’organisation dans la console d’administration.',
  'advice.step.tos':
    'Demandez à l’administrateur d’accepter les conditions d’utilisation dans la console d’administration, puis appuyez sur Réessayer.',
  'advice.step.policyServer':
    'Vérifiez que l’appareil communique avec le serveur d’inscription de votre organisation (sans proxy ni autre serveur intermédiaire).',
  'advice.step.policyRetry':
    'Appuyez sur Réessayer pour récupérer à nouveau les règles\u00a0; contactez l’assistance si elles sont de nouveau refusées.',
  'advice.step.manufacturer': 'Contactez le fabricant de l’appareil pour obtenir de l’aide.',
  'advice.network.message': 'Le serveur d’inscription est injoignable.',
  'advice.timeout.message': 'Le serveur d’inscription n’a pas répondu à temps.',
  'advice.aborted.message': 'La demande au serveur d’inscription a été annulée.',
  'advice.invalid-response.message':
    'Le serveur d’inscription a envoyé une réponse que l’appareil ne comprend pas.',
  'advice.response-too-large.message':
    'Le serveur d’inscription a envoyé une réponse bien plus volumineuse qu’une réponse valide.',
  'advice.http-status-error.message':
    'Le serveur a répondu avec un statut HTTP que le protocole d’inscription n’utilise pas.',
  'advice.request-invalid.message': 'Le serveur d’inscription a rejeté la demande comme non valide.',
  'advice.token-invalid.message': 'Le serveur d’inscription n’a pas accepté les identifiants de l’appareil.',
  'advice.missing-licenses.message':
    'L’organisation n’a pas assez de licences Chrome Enterprise Upgrade pour inscrire cet appareil.',
  'advice.management-not-supported.message':
    'Le serveur d’inscription a refusé de gérer cet appareil (jeton révoqué ou attestation refusée).',
  'advice.invalid-serial-number.message':
    'Le serveur d’inscription ne reconnaît pas le numéro de série de cet appareil.',
  'advice.domain-mismatch.message': 'Cet appareil est pré-provisionné pour un autre domaine.',
  'advice.device-id-conflict.message': 'Un autre appareil est déjà inscrit avec l’identité de cet appareil.',
  'advice.device-not-found.message': 'L’appareil n’est pas listé comme pré-provisionné.',
  'advice.activation-pending.message': 'L’inscription de l’organisation n’est pas encore activée.',
  'advice.request-too-large.message':
    'Le serveur d’inscription a jugé la demande de l’appareil trop volumineuse.',
  'advice.consumer-account-with-packaged-license.message':
    'Cet appareil est fourni avec une licence groupée qui ne peut pas être utilisée avec ce compte.',
  'advice.too-many-requests.message':
    'Le serveur d’inscription est occupé et a demandé à l’appareil de patienter.',
  'advice.temporarily-unavailable.message': 'Le serveur d’inscription est temporairement indisponible.',
  'advice.deprovisioned.message': 'Cet appareil a été déprovisionné par son organisation.',
  'advice.invalid-packaged-device-for-kiosk.message':
    'La licence groupée de cet appareil ne permet pas de l’utiliser comme borne ou affichage dynamique.',
  'advice.policy-not-found.message': 'Le serveur d’inscription n’a aucune règle pour cet appareil.',
  'advice.arc-disabled.message':
    'Le serveur d’inscription a refusé la demande, car les applications Android sont désactivées pour ce compte.',
  'advice.enterprise-account-not-eligible.message':
    'Le compte de l’organisation ne remplit pas les conditions pour inscrire des appareils.',
  'advice.terms-of-service-not-accepted.message':
    'L’organisation n’a pas encore accepté les conditions d’utilisation de Chrome Enterprise.',
  'advice.illegal-account-for-packaged-edu-license.message':
    'La licence Education groupée de cet appareil ne peut pas être utilisée avec le compte de cette organisation.',
  'advice.policy-invalid.message':
    'Les règles d’appareil reçues du serveur n’ont pas pu être vérifiées (signature incorrecte, clé inattendue ou règles destinées à un autre appareil)\u00a0: elles ont été refusées.',
  'advice.step.tlsRetrying':
    'Rien n’a été envoyé à ce serveur. L’appareil continue d’essayer de lui-même et poursuit dès que le vrai serveur répond.',
  'advice.step.captivePortal':
    'Si ce réseau a une page de connexion (Wi-Fi d’hôtel, d’école ou invité\u00a0: un portail captif), connectez-vous au réseau depuis un autre appareil ou demandez à son administrateur de laisser passer cet appareil.',
  'advice.step.proxy':
    'Si le réseau passe par un proxy ou un pare-feu qui inspecte les connexions sécurisées, demandez à l’administrateur réseau d’en exempter le serveur d’inscription.',
  'advice.step.serverCa':
    'Si votre organisation gère son propre serveur d’inscription, vérifiez que l’appareil a reçu le certificat de l’autorité de ce serveur (etc/zte-agent/server-ca.pem, ou --server-ca) et la bonne adresse de serveur.',
  'advice.step.certDetails':
    'Appuyez sur Alt+V pour voir le certificat présenté (sujet, émetteur, validité).',
  'advice.step.clock':
    'Vérifiez la date et l’heure de l’appareil\u00a0: une horloge incorrecte fait paraître expiré, ou pas encore valide, un certificat correct.',
  'advice.step.certName':
    'Vérifiez que l’adresse de serveur donnée à l’appareil est bien le nom inscrit dans le certificat du serveur.',
  'advice.step.certRenew':
    'Si la date est correcte, l’administrateur du serveur doit renouveler son certificat.',
  'advice.step.setClock':
    'Réglez la date et l’heure, ou connectez-vous à un réseau qui les fournit\u00a0; l’appareil vérifie à nouveau de lui-même.',
  'advice.step.newPin':
    'Si la clé du serveur a été changée volontairement, l’appareil doit recevoir la nouvelle empreinte (--server-pin).',
  'advice.tls-untrusted-issuer.message':
    'Le serveur qui a répondu n’est pas digne de confiance\u00a0: son certificat n’est pas émis par une autorité de certification reconnue par cet appareil (portail captif, proxy ou autre serveur intermédiaire).',
  'advice.tls-wrong-host.message':
    'Le serveur qui a répondu a présenté un certificat établi pour un autre nom que celui du serveur d’inscription.',
  'advice.tls-cert-expired.message':
    'Le certificat du serveur d’inscription a expiré, d’après l’horloge de cet appareil.',
  'advice.tls-cert-not-yet-valid.message':
    'Le certificat du serveur d’inscription n’est pas encore valide d’après l’horloge de cet appareil\u00a0: la date et l’heure de l’appareil sont en retard.',
  'advice.tls-pin-mismatch.message':
    'Le serveur qui a répondu a un certificat valide, mais pas la clé attendue par cet appareil (épinglée)\u00a0: ce n’est pas votre serveur d’inscription.',
  'advice.tls-handshake-failed.message':
    'Aucune connexion sécurisée n’a pu être établie avec le serveur d’inscription\u00a0: ce qui a répondu ne parle pas correctement TLS (portail captif, proxy ou rétrogradation en HTTP non chiffré).',
  'advice.attestation-unavailable.message':
    'L’appareil ne peut pas prouver son identité\u00a0: sa clé d’attestation ou son certificat est absent ou endommagé.',

  // ---------------------------------------------------------------- raisons d'identité
  'reason.modelNotListed':
    'Le modèle "{model}" ne figure pas dans la liste des appareils compatibles avec l’inscription sans contact (aucun nom ni code de variante listé ne correspond).',
  'reason.dateUnknown':
    '{model} n’est compatible que s’il a été fabriqué le {cutoff} ou après, et la valeur VPD mfg_date est absente ou n’est pas au format AAAA-MM-JJ.',
  'reason.madeBeforeCutoff':
    'Fabriqué le {made}\u00a0; {model} n’est compatible que s’il a été fabriqué le {cutoff} ou après.',
  'reason.smartNeedsSerialPort':
    'Un écran SMART donne son numéro de série par RS-232\u00a0: lancez l’agent avec --smart-serial CHEMIN.',
  'reason.idWhat':
    '{what, select, serial {numéro de série} serviceTag {numéro de service Dell} mtmSerial {1S + MTM + numéro de série} other {identifiant}}',
  'reason.malformedSerial':
    'Le {what, select, serviceTag {numéro de service Dell} other {numéro de série}} contient des caractères ASCII non imprimables, ou est trop long.',
  'reason.missingSerial':
    'Aucun {what, select, serviceTag {numéro de service Dell} other {numéro de série}} n’a été trouvé dans VPD serial_number ni dans DMI product_serial.',
  'reason.badSerial':
    'Le {what, select, serviceTag {numéro de service Dell} other {numéro de série}} "{value}" ne compte pas de 1 à 64 caractères imprimables sans espace.',
  'reason.adidMismatch':
    'La valeur VPD attested_device_id "{adid}" diffère du {what, select, serviceTag {numéro de service} mtmSerial {1S + MTM + numéro de série} other {numéro de série}} "{expected}"\u00a0: la carte mère ou sa VPD a été changée.',
  'reason.samsung14':
    'Ce Chromebook Samsung a un numéro de série de 14 caractères (fabriqué avant la date indiquée)\u00a0: l’inscription sans contact exige le numéro de série de 15 caractères.',
  'reason.samsungLength':
    'Le numéro de série de ce Chromebook Samsung compte {length, plural, one {# caractère} other {# caractères}}\u00a0: l’inscription sans contact en exige exactement 15 (seed 000, note 2).',
  'reason.notServiceTag':
    '"{value}" n’est pas un numéro de service Dell (7 lettres ou chiffres, 5 sur les anciens modèles).',
  'reason.asusMalformed':
    'L’ID d’appareil certifié ASUS (VPD attested_device_id) contient des caractères non imprimables ou est trop long.',
  'reason.asusMissing':
    'Ce modèle ASUS s’inscrit avec son ID d’appareil certifié, mais la valeur VPD attested_device_id est absente.',
  'reason.asusInvalid':
    'L’ID d’appareil certifié ASUS "{value}" ne compte pas de 1 à 64 caractères imprimables sans espace.',
  'reason.lenovoMtmMissing':
    'Le type/modèle de machine Lenovo (DMI product_name) est absent\u00a0: l’ID est 1S + MTM + numéro de série.',
  'reason.lenovoMtmInvalid':
    'Le type/modèle de machine Lenovo (DMI product_name) vaut "{mtm}"\u00a0: l’ID est 1S + MTM + numéro de série.',
  'reason.lenovoTooLong': '1S + MTM + numéro de série "{value}" dépasse 64 caractères.',
  'reason.m60qMissing':
    'Le ThinkCentre M60q s’inscrit avec 1S + C1KS/C1VM + adresse MAC Ethernet, lue dans VPD attested_device_id, qui est absente.',
  'reason.m60qInvalid':
    '"{value}" n’est pas 1S + C1KS (fabriqué en Chine) ou C1VM (fabriqué au Viêt Nam) + les 12 chiffres hexadécimaux en majuscules de l’adresse MAC Ethernet.',
  'reason.m60qMacMismatch':
    'L’adresse MAC de l’ID d’appareil attesté ({adidMac}) ne fait pas partie des adresses MAC Ethernet de cet appareil ({macs, select, none {aucune} other {{macs}}})\u00a0: la carte mère a été remplacée.',
  'reason.smartUpdating':
    'L’écran met à jour son micrologiciel (état d’alimentation {state}) et ne répond qu’aux commandes d’alimentation par RS-232 (display-not-ready). Attendez la fin de la mise à jour, puis relancez la configuration.',
  'reason.smartNotOn':
    'L’écran est resté dans l’état d’alimentation {state} et ne répond qu’aux commandes d’alimentation par RS-232 (display-not-ready). Allumez-le avec le bouton Marche de l’écran ou de sa télécommande, puis relancez la configuration.',
  'reason.smartNoSerial':
    'L’écran n’a pas donné son numéro de série par RS-232 ({code}\u00a0: {message}). Vérifiez le câble et que l’écran n’est pas en veille prolongée (soft-off).',
  'reason.smartModelNotListed': 'Le modèle SMART "{model}" n’est pas un écran SMART Board pris en charge.',
  'reason.smartEmptySerial': 'L’écran a répondu un numéro de série vide.',
  'reason.smartBadSerial':
    'Le numéro de série de l’écran "{value}" ne compte pas de 1 à 64 caractères imprimables sans espace.',
  'reason.smartTouchMismatch':
    'L’écran indique le numéro de série "{serial}", mais son contrôleur tactile (USB 0b8c) indique {touchSerials}.',

  // ---------------------------------------------------------------- formulaire d'inscription manuelle
  'form.invalid-body': 'La demande doit être un objet JSON.',
  'form.invalid-email': 'Saisissez l’adresse e-mail de l’administrateur, par exemple admin@example.com.',
  'form.gmail-admin-account':
    'Utilisez le compte administrateur de votre organisation (ne se terminant pas par "@gmail.com")\u00a0: un compte Gmail personnel ne peut pas inscrire d’appareils.',
  'form.invalid-password': 'Saisissez le mot de passe de l’administrateur.',
  'form.invalid-token':
    'Saisissez le jeton d’inscription exactement comme l’administrateur l’a fourni (sans espace).',
  'form.invalid-domain': 'Saisissez le nom de domaine\u00a0: lettres minuscules et chiffres uniquement.',
  'form.unknown-method':
    'Choisissez le mode d’inscription\u00a0: "credentials", "enrollment-token" ou "smart-domain".',

  // ---------------------------------------------------------------- page web
  'page.title': 'Configuration de l’appareil',
  'page.documentTitle': '{title} — Configuration de l’appareil',
  'page.brand': 'Configuration de l’appareil',
  'page.starting': 'Démarrage…',
  'page.hint': 'Diagnostic\u00a0: appuyez sur',
  'page.reconnecting': 'Reconnexion au service de configuration…',
  'page.serialShort': 'N° de série {serial}',
  'page.errorCode': 'Code d’erreur\u00a0:',
  'page.whatToDo': 'Que faire',
  'page.retry': 'Réessayer',
  'page.enrollManually': 'Inscrire manuellement',
  'page.or': 'ou',
  'page.enrollmentFailed': 'Échec de l’inscription\u00a0:',
  'page.requestRefused': 'La demande a été refusée (statut HTTP)\u00a0:',
  'page.form.credentials.heading': 'Compte administrateur',
  'page.form.credentials.submit': 'Inscrire avec le compte',
  'page.form.email': 'Adresse e-mail de l’administrateur',
  'page.form.password': 'Mot de passe',
  'page.form.token.heading': 'Jeton d’inscription',
  'page.form.token.submit': 'Inscrire avec le jeton',
  'page.form.token': 'Jeton d’inscription',
  'page.form.token.help': 'Le jeton créé par votre administrateur dans la console d’administration.',
  'page.form.domain.heading': 'Domaine SMART Remote Management',
  'page.form.domain.submit': 'Inscrire l’écran',
  'page.form.domain': 'Nom de domaine',
  'page.form.domain.help':
    'Le nom du compte SMART Remote Management de votre organisation\u00a0: lettres minuscules et chiffres uniquement.',
  'page.diag.title': 'Diagnostic',
  'page.diag.close': 'Fermer',
  'page.diag.device': 'Appareil',
  'page.diag.agentVersion': 'Version de l’agent',
  'page.diag.manufacturer': 'Fabricant',
  'page.diag.model': 'Modèle',
  'page.diag.serial': 'Numéro de série',
  'page.diag.certifiedId': 'ID d’appareil certifié',
  'page.diag.idKind': 'Type d’ID',
  'page.diag.manufactured': 'Date de fabrication',
  'page.diag.zeroTouch': 'Inscription sans contact',
  'page.diag.eligible': 'Éligible',
  'page.diag.server': 'Serveur d’inscription',
  'page.diag.reachable': 'Joignable',
  'page.diag.preProvisioned': 'Pré-provisionné',
  'page.diag.domain': 'Domaine de gestion',
  'page.diag.orgUnit': 'Unité organisationnelle',
  'page.diag.licence': 'Licence groupée',
  'page.diag.checkedAt': 'Vérifié le',
  'page.diag.error': 'Erreur',
  'page.diag.policy': 'Règles de l’appareil',
  'page.diag.policyTimestamp': 'Horodatage des règles',
  'page.diag.policyKey': 'Clé SHA-256',
  'page.diag.policySettings': 'Paramètres',
  'page.diag.refresh': 'Actualiser',
  'page.diag.lastError': 'Dernière erreur',
  'page.diag.network': 'Réseau',
  'page.diag.interface': 'Interface',
  'page.diag.state': 'État',
  'page.diag.kind': 'Type',
  'page.diag.mac': 'MAC',
  'page.diag.timeline': 'Chronologie',
  'page.diag.currentState': 'état actuel\u00a0:',
  'page.diag.backends': 'Composants matériels',
  'page.diag.export': 'Exporter pour l’assistance',
  'page.diag.exportButton': 'Exporter le diagnostic',
  'page.diag.qrAlt': 'Code QR du résumé du diagnostic',
  'page.diag.savedAs': 'Enregistré sous',
  'page.diag.loading': 'Chargement…',
  'page.diag.asking': 'Interrogation du serveur d’inscription…',
  'page.diag.loadFailed': 'Le diagnostic n’a pas pu être chargé.',
  'page.diag.exporting': 'Exportation…',
  'page.diag.exported': 'Exporté. Scannez le code avec un téléphone pour noter le résumé.',
  'page.diag.exportFailed': 'Échec de l’exportation (statut HTTP)\u00a0:',
  'page.exportFailed': 'Le rapport de diagnostic n’a pas pu être écrit\u00a0: {detail}',

  // ---------------------------------------------------------------- valeurs Alt+V
  'diag.notListed': 'absent de la liste de compatibilité',
  'diag.zteReady': 'ZTE✓ prêt\u00a0: cet appareil peut utiliser l’inscription sans contact',
  'diag.zteNotReady': 'ZTE✗ pas prêt\u00a0: cet appareil ne peut pas utiliser l’inscription sans contact',
  'diag.noReason': 'Aucun problème trouvé dans l’identité de cet appareil.',
  'diag.identityNotRead': 'L’identité n’a pas encore été lue.',
  'diag.noPolicy': 'aucune reçue',
  'diag.noKey': 'aucune clé épinglée',
  'diag.noError': 'Aucune erreur.',
  'diag.noNetwork': 'Aucune interface réseau trouvée.',
  'diag.kind.virtual': 'virtuelle',
  'diag.kind.wifi': 'Wi-Fi',
  'diag.kind.ethernet': 'Ethernet',
  'diag.kind.type': 'type {type}',
  'diag.serverError': '{code}\u00a0: {message}',
  'diag.server.identity-unknown':
    'L’identité de l’appareil n’a pas encore été lue\u00a0: le serveur n’a pas été interrogé.',
  'diag.server.identity-incomplete':
    'L’appareil n’a ni numéro de série ni code de marque\u00a0: le serveur n’a pas été interrogé.',
  'diag.took': '{duration}',
  'diag.current': 'en cours, depuis {duration}',
  'diag.timelineAt': '{at} · {took}',
  'diag.backend.available': 'disponible',
  'diag.backend.unavailable': 'indisponible\u00a0: {reason}',

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
