// Le catalogue français : les mêmes clés et les mêmes paramètres que en.ts (test/unit/i18n le vérifie).
// Vocabulaire de l'édition française du guide ChromeOS (seed 000) : « inscription sans contact »,
// « pré-provisionnement », « partenaire de pré-provisionnement », « console d'administration » ;
// et de SMART Remote Management (seed 002) : « Icône Utilisateur », « Facturation »,
// « Numéro du code PIN », « Utiliser », « SMART Admin Portal ». Noms de modèles, codes, domaines et
// numéros de série sont des valeurs : ils restent tels quels.
// Les messages sont répartis par domaine dans ./fr/, réunis ici.

import type { MessageKey } from './en.ts';
import { frAdvice } from './fr/advice.ts';
import { frDiagnostics } from './fr/diagnostics.ts';
import { frPage } from './fr/page.ts';
import { frScreens } from './fr/screens.ts';
import { frTerminal } from './fr/terminal.ts';

export const fr: Readonly<Record<MessageKey, string>> = {
  ...frScreens,
  ...frDiagnostics,
  ...frAdvice,
  ...frPage,
  ...frTerminal,
};
