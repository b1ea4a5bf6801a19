import type { ApplicationBorrower, PolicyEvaluation } from './application-input.js';
import type { KnockOutRule } from './policy-definition.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * Knock-out rules (issue 9, item 1): each rule whose condition holds gives a reason with the rule's action
 * (decline or refer) — one per matching evaluation cap for 'cap-kind' and 'cap-id' rules (so the model's own
 * wording is kept), one for a 'flag' or 'indicator-code' rule. Conditions are described on KnockOutCondition.
 * Example: DEFAULT_POLICY with an evaluation cap 'knock-out-past-due-90' → one 'knock-out' reason, severity
 * decline, params { rule: 'model-knock-out', cap: 'knock-out-past-due-90', action: 'decline' }.
 */
export function checkKnockOuts(rules: readonly KnockOutRule[], evaluation: PolicyEvaluation, borrower: ApplicationBorrower): PolicyReason[] {
  const out: PolicyReason[] = [];
  for (const rule of rules) {
    const c = rule.condition;
    if (c.kind === 'cap-kind' || c.kind === 'cap-id') {
      for (const cap of evaluation.caps) {
        const hit = c.kind === 'cap-kind' ? c.capKinds.includes(cap.kind) : c.capIds.includes(cap.id);
        if (hit) out.push(reason(rule, cap.id, cap.labels.en, cap.labels.zh));
      }
    } else if (c.kind === 'flag') {
      if (borrower.flags?.[c.flag] === true) out.push(reason(rule, null, null, null));
    } else {
      const v = borrower.indicators[c.indicator];
      if (typeof v === 'string' && c.codes.includes(v)) out.push(reason(rule, null, `${c.indicator} = ${v}`, `${c.indicator} = ${v}`));
    }
  }
  return out;
}

function reason(rule: KnockOutRule, cap: string | null, detailEn: string | null, detailZh: string | null): PolicyReason {
  const decline = rule.action === 'decline';
  const en = `${join(rule.labels.en, detailEn, ': ')} — ${decline ? 'decline' : 'referral required'}.`;
  const zh = `${join(rule.labels.zh, detailZh, '：')}——${decline ? '拒绝' : '需转人工审批'}。`;
  return policyReason('knock-out', rule.action, { rule: rule.id, cap, action: rule.action }, en, zh);
}

/** The rule's label, then the detail — unless the detail already starts with the label (no "X: X …"). */
function join(label: string, detail: string | null, sep: string): string {
  const l = trim(label);
  if (!detail) return l;
  const d = trim(detail);
  return d.startsWith(l) ? d : `${l}${sep}${d}`;
}

function trim(s: string): string {
  return s.replace(/[.。\s]+$/u, '');
}
