// The English message catalog: every string a person reads on the OOBE (web and terminal), in the
// Alt+V overlay, in identity reasons and in advice. ICU MessageFormat (intl-messageformat): `{name}`
// placeholders, `{n, plural, …}`, `{kind, select, …}`, `{at, date, long}`. Keys are stable; the French
// catalog (fr.ts) must have exactly the same keys and placeholders (test/unit/i18n checks both).
// Model names, codes, domains and serials are placeholder values: they stay as they are in either language.
// The messages are split by area into ./en/, merged here.

import { enAdvice } from './en/advice.ts';
import { enDiagnostics } from './en/diagnostics.ts';
import { enPage } from './en/page.ts';
import { enScreens } from './en/screens.ts';
import { enTerminal } from './en/terminal.ts';

export const en = {
  ...enScreens,
  ...enDiagnostics,
  ...enAdvice,
  ...enPage,
  ...enTerminal,
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;
