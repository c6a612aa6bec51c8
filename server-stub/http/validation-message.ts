// Turns fastify/ajv validation errors into one message that names the offending field, e.g.
// `body.devices[2].model must be string` or `querystring.deviceid is required`.

export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `/devices/2/model` → `.devices[2].model` */
export function jsonPointerToPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) =>
      /^\d+$/.test(seg) ? `[${seg}]` : IDENTIFIER.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`,
    )
    .join('');
}

function child(base: string, name: string): string {
  return `${base}${IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`}`;
}

export function describeValidationIssue(context: string, issue: ValidationIssue): string {
  const at = `${context}${jsonPointerToPath(issue.instancePath)}`;
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return `${child(at, String(p.missingProperty))} is required`;
    case 'additionalProperties':
      return `${child(at, String(p.additionalProperty))} is not allowed`;
    case 'enum':
      return `${at} must be one of ${JSON.stringify(p.allowedValues)}`;
    case 'const':
      return `${at} must be ${JSON.stringify(p.allowedValue)}`;
    default:
      return `${at} ${issue.message ?? 'is invalid'}`;
  }
}

export function describeValidation(context: string | undefined, issues: readonly ValidationIssue[]): string {
  const first = issues[0];
  if (first === undefined) return `${context ?? 'request'} is invalid`;
  return describeValidationIssue(context ?? 'request', first);
}
