// Messages français : conseils du client DM par erreur (dm-client/advice.ts) et raisons d'identité
// (agent/identity). Partie du catalogue français (../fr.ts) : exactement les clés de en/advice.ts.

import type { enAdvice } from '../en/advice.ts';

export const frAdvice: Readonly<Record<keyof typeof enAdvice, string>> = {
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
};
