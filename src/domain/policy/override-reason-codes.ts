import type { LocalizedText } from '../credit/scoring-rule.js';

export interface OverrideReasonCode {
  /** Stable machine value stored with the officer's decision. */
  readonly code: string;
  /** Which overrides it can justify: approving a policy decline, declining a policy approve, or both. */
  readonly appliesTo: readonly ('decline-to-approve' | 'approve-to-decline')[];
  readonly labels: LocalizedText;
  /** 'other' needs a written explanation beyond the mandatory reason. */
  readonly needsNote: boolean;
}

/**
 * Reason codes an officer must pick when overriding the policy (issue 9, item 4). The list follows the usual
 * override categories of scorecard practice (Siddiqi 2006, Credit Risk Scorecards, Wiley: information not in the
 * model, policy, relationship). A proposal; banks extend it. Codes are stable once used.
 */
export const OVERRIDE_REASON_CODES: readonly OverrideReasonCode[] = Object.freeze([
  code('additional-collateral', ['decline-to-approve'], 'Additional collateral or guarantee not in the model', '追加了模型未反映的抵质押或保证担保'),
  code('verified-mitigating-information', ['decline-to-approve'], 'Verified information not in the data (e.g. new contracts, recent statements)', '核实了数据未反映的缓释信息（如新签合同、最新报表）'),
  code('data-error-corrected', ['decline-to-approve', 'approve-to-decline'], 'Input data were wrong and have been corrected', '输入数据有误，已更正'),
  code('temporary-issue-resolved', ['decline-to-approve'], 'The issue behind the decline is temporary and resolved', '导致拒绝的问题属临时性且已解决'),
  code('relationship', ['decline-to-approve'], 'Long, clean relationship with the bank (deposits, settlement, repayment)', '与本行长期良好合作（存款、结算、还款）'),
  code('policy-programme', ['decline-to-approve'], 'Government or bank support programme (e.g. guarantee fund, inclusive-finance quota)', '政府或本行扶持项目（如政府性融资担保、普惠金融专项）'),
  code('adverse-information', ['approve-to-decline'], 'Adverse information not in the model (site visit, media, counterparties)', '模型未反映的负面信息（实地调查、舆情、交易对手）'),
  code('suspected-fraud', ['approve-to-decline'], 'Suspected fraud or false documents', '疑似欺诈或资料造假'),
  code('purpose-not-acceptable', ['approve-to-decline'], 'Loan purpose not acceptable', '贷款用途不符合要求'),
  code('repayment-source-unclear', ['approve-to-decline'], 'Repayment source unclear or insufficient', '还款来源不明确或不充足'),
  code('bank-exposure-or-industry', ['approve-to-decline'], 'Bank-wide exposure, group or industry concern', '全行敞口、关联集团或行业风险考虑'),
  code('documentation-incomplete', ['approve-to-decline'], 'Required documents missing or not verifiable', '必要资料缺失或无法核实'),
  code('other', ['decline-to-approve', 'approve-to-decline'], 'Other (explain in the note)', '其他（须在备注中说明）', true),
]);

function code(c: string, appliesTo: ('decline-to-approve' | 'approve-to-decline')[], en: string, zh: string, needsNote = false): OverrideReasonCode {
  return Object.freeze({ code: c, appliesTo: Object.freeze(appliesTo), labels: Object.freeze({ en, zh }), needsNote });
}

/**
 * Whether `reasonCode` may justify an override of this kind (it is listed and its appliesTo includes the kind).
 * Example: overrideReasonApplies('suspected-fraud', 'decline-to-approve') → false.
 */
export function overrideReasonApplies(reasonCode: string, kind: 'decline-to-approve' | 'approve-to-decline'): boolean {
  const entry = OVERRIDE_REASON_CODES.find((c) => c.code === reasonCode);
  return entry !== undefined && entry.appliesTo.includes(kind);
}
