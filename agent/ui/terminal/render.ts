// Text renderings of the OOBE screens and the Alt+V overlay, for a terminal or a serial console.

import type { Diagnostics } from '../../diagnostics/types.ts';
import type { ScreenModel } from '../web/screen-model.ts';

const RULE = '─'.repeat(60);

export function renderScreen(model: ScreenModel, prompt: string | null): string {
  const lines = [RULE, model.title.toUpperCase(), '', model.message];
  if (model.detail) lines.push(model.detail);
  if (model.error) {
    lines.push('', `Error code: ${model.error.code}`, model.error.message);
    for (const [i, step] of model.error.steps.entries()) lines.push(`  ${i + 1}. ${step}`);
  }
  if (model.manual && model.manual.reasonText !== model.message)
    lines.push('', `Why: ${model.manual.reasonText}`);
  if (model.manual?.advice) {
    lines.push('', 'What to do:');
    for (const [i, step] of model.manual.advice.steps.entries()) lines.push(`  ${i + 1}. ${step}`);
  }
  if (model.device.serialNumber) lines.push('', `Serial number: ${model.device.serialNumber}`);
  lines.push('', 'Press Alt+V (Esc then v) for diagnostics.');
  if (prompt) lines.push('', prompt);
  return `${lines.join('\n')}\n`;
}

export function renderDiagnostics(d: Diagnostics): string {
  const id = d.identity;
  const lines = [RULE, 'DIAGNOSTICS (Alt+V or Esc to close)', ''];
  lines.push(`Agent version: ${d.agentVersion}`);
  lines.push(
    `${d.zteReady ? 'ZTE✓' : 'ZTE✗'} ADID:${id?.certifiedDeviceId ?? '—'} SN:${id?.serialNumber ?? '—'}`,
  );
  if (id) {
    lines.push(
      `Model: ${id.model ?? 'not listed'} (${id.manufacturer ?? 'unknown maker'}), ID kind: ${id.idKind ?? '—'}`,
    );
    lines.push(`Eligible for zero-touch: ${id.eligible ? 'yes' : 'no'}`);
    for (const r of id.reasons) lines.push(`  ✗ ${r.code}: ${r.message}`);
  }
  const s = d.server;
  const answer =
    s.reachable === false
      ? `not reachable${s.error ? ` (${s.error.code})` : ''}`
      : s.preProvisioned === null
        ? 'not asked yet'
        : s.preProvisioned
          ? `pre-provisioned in ${s.managementDomain ?? '?'}${s.orgUnitPath ? ` ${s.orgUnitPath}` : ''}, licence ${s.licensePackaged ? 'packaged with the device' : 'from the domain'}`
          : 'not pre-provisioned';
  lines.push(`Server: ${answer}${s.checkedAt ? ` (checked ${s.checkedAt})` : ''}`);
  for (const n of d.network) {
    lines.push(
      `Network ${n.name}: ${n.operstate ?? '?'}${n.wireless ? ' (Wi-Fi)' : ''}${n.virtual ? ' (virtual)' : ''} ${n.mac ?? ''}`,
    );
  }
  lines.push(`State: ${d.state}`);
  const start = d.history[0] ? Date.parse(d.history[0].at) : 0;
  for (const h of d.history.slice(-12)) lines.push(`  +${Date.parse(h.at) - start} ms  ${h.state}`);
  if (d.lastError)
    lines.push(`Last error: ${d.lastError.code}: ${d.lastError.message}`, `  Advice: ${d.lastError.advice}`);
  if (d.policy) {
    lines.push(
      `Policy: ${d.policy.timestamp ?? 'not received this boot'}${d.policy.managedBy ? `, managed by ${d.policy.managedBy}` : ''}`,
      `  Key SHA-256: ${d.policy.keyFingerprint}${d.policy.keyVersion !== null ? ` (version ${d.policy.keyVersion})` : ''}`,
      `  Settings: ${JSON.stringify(d.policy.settings)}`,
    );
  }
  for (const [name, status] of Object.entries(d.backends)) lines.push(`Backend ${name}: ${status}`);
  return `${lines.join('\n')}\n`;
}
