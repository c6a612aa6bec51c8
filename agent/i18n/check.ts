// Checks that two catalogs say the same things: the same keys, and in each message the same
// placeholders with the same kinds (`{n, plural, …}` stays a plural, `{at, date, …}` a date) and the
// same select/plural cases. test/unit/i18n runs it on fr against en, so a missing key or a renamed
// placeholder fails the suite before a screen shows a raw key or a formatting error.

import { IntlMessageFormat } from 'intl-messageformat';

type Kind = 'argument' | 'number' | 'date' | 'time' | 'select' | 'plural';

/** The parser's element types (`@formatjs/icu-messageformat-parser` TYPE), for the kinds we compare. */
const KIND_OF_TYPE: Readonly<Record<number, Kind>> = {
  1: 'argument',
  2: 'number',
  3: 'date',
  4: 'time',
  5: 'select',
  6: 'plural',
};

interface Element {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

/** `name:kind` for every placeholder, and `name:kind[case,case…]` for selects and plurals. */
export function placeholdersOf(message: string): string[] {
  const out = new Set<string>();
  const walk = (elements: readonly Element[]) => {
    for (const el of elements) {
      const kind = KIND_OF_TYPE[el.type];
      if (kind !== undefined && typeof el.value === 'string') {
        const cases = el.options ? `[${Object.keys(el.options).sort().join(',')}]` : '';
        out.add(`${el.value}:${kind}${cases}`);
      }
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, 'en').getAst() as unknown as Element[]);
  return [...out].sort();
}

/** What is wrong with `other` measured against `reference` (empty when they match). */
export function catalogProblems(
  reference: Readonly<Record<string, string>>,
  other: Readonly<Record<string, string>>,
  names: { reference: string; other: string } = { reference: 'reference', other: 'other' },
): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference)) {
    if (!Object.hasOwn(other, key)) problems.push(`${key}: missing in ${names.other}`);
  }
  for (const key of Object.keys(other)) {
    if (!Object.hasOwn(reference, key)) problems.push(`${key}: missing in ${names.reference}`);
  }
  for (const key of Object.keys(reference)) {
    const a = reference[key];
    const b = other[key];
    if (a === undefined || b === undefined) continue;
    let pa: string[];
    let pb: string[];
    try {
      pa = placeholdersOf(a);
    } catch (error) {
      problems.push(`${key}: ${names.reference} does not parse (${String(error)})`);
      continue;
    }
    try {
      pb = placeholdersOf(b);
    } catch (error) {
      problems.push(`${key}: ${names.other} does not parse (${String(error)})`);
      continue;
    }
    if (pa.join(' ') !== pb.join(' '))
      problems.push(
        `${key}: placeholders differ (${names.reference}: ${pa.join(' ')}; ${names.other}: ${pb.join(' ')})`,
      );
  }
  return problems;
}
