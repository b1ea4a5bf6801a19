import { DomainError } from '../../domain/domain-error.js';
import { OVERRIDE_REASON_CODES } from '../../domain/policy/override-reason-codes.js';
import { seededRandom } from '../../domain/random/seeded-random.js';
import type { Services } from '../../services.js';
import type { DemoSeeder } from '../../storage/demo/seed-demo.js';
import { HttpError } from '../../web/http-errors.js';
import type { SnapshotRecord } from '../borrowers/borrowers-repository.js';
import { DEMO_SME_PORTFOLIO } from '../borrowers/demo-sme-portfolio.js';
import type { DecisionActor } from './decisions-service.js';
import type { DecisionRequestBody } from './decisions-schemas.js';

const DAY = 86_400_000;
/** Branch of each demo region (the synthetic book's regions). */
const BRANCHES: Record<string, string> = {
  Zhejiang: 'Hangzhou branch', Jiangsu: 'Nanjing branch', Guangdong: 'Shenzhen branch', Sichuan: 'Chengdu branch', Shandong: 'Jinan branch', Hubei: 'Wuhan branch',
};
export const DEMO_SUBMITTER = 'Demo loan origination system';
export const DEMO_OFFICERS = ['Demo officer Li', 'Demo officer Wang', 'Demo officer Zhao'] as const;

/**
 * The decision demo (issue 9), after the policy demo: about 90 applications from the synthetic demo SME book
 * (labelled demo, request ids "DEMO-APP-…", submitted by the demo origination system) spread over the last six
 * months, decided through the decision service by the policy in force on each date (the v1 policy, then v2 from
 * 2026-10-01) — so duplicates, split applications and stale data arise as they would. Three demo officers then
 * resolve the older referrals; "Demo officer Zhao" overrides declines far more often than the others (the
 * monitoring page's alert), a few overrides wait for a second officer, the newest referrals stay in the queue, and
 * approved loans older than two months get a seeded outcome (overrides default more often). Seeded (2026), so
 * every demo database is the same apart from the dates, which follow today.
 */
export const decisionsDemoSeeder: DemoSeeder = {
  name: 'credit decisions',
  async seed(services: Services, log) {
    const { decisions, borrowers } = services;
    const submitter: DecisionActor = { id: 0, role: 'credit-officer', label: DEMO_SUBMITTER };
    const officers: DecisionActor[] = DEMO_OFFICERS.map((label) => ({ id: 0, role: 'credit-officer', label }));
    const book = await borrowers.listSnapshots({ portfolio: DEMO_SME_PORTFOLIO });
    if (!book.length) {
      log('no demo SME portfolio: no demo decisions');
      return;
    }
    if (!(await decisions.inForceNow())) {
      log('no policy in force: no demo decisions');
      return;
    }
    const byBorrower = new Map<string, SnapshotRecord[]>();
    for (const s of book) byBorrower.set(s.borrowerRef, [...(byBorrower.get(s.borrowerRef) ?? []), s]);
    const refs = [...byBorrower.keys()].sort();
    const rnd = seededRandom(2026);
    const now = Date.now();
    const start = now - 182 * DAY;

    // Applications: ~90 dates over six months; some borrowers come back within days (duplicates, splits).
    const plan: { at: number; ref: string; amount: number }[] = [];
    for (let i = 0; i < 84; i++) {
      const at = start + Math.floor(rnd.next() * (now - start - DAY));
      const ref = refs[Math.floor(rnd.next() * refs.length)]!;
      const band = byBorrower.get(ref)![0]!.sizeBand ?? 'small';
      const base = band === 'micro' ? 300_000 : band === 'small' ? 1_200_000 : 3_000_000;
      plan.push({ at, ref, amount: Math.round((base * (0.4 + 1.6 * rnd.next())) / 10_000) * 10_000 });
      if (rnd.next() < 0.08) {
        // The same borrower again within a week, with an amount that stays under the ceiling on its own.
        plan.push({ at: at + Math.floor((1 + 5 * rnd.next()) * DAY), ref, amount: Math.round((900_000 + 1_400_000 * rnd.next()) / 10_000) * 10_000 });
      }
    }
    plan.sort((a, b) => a.at - b.at);

    const created: { id: number; at: number; decision: string; amount: number; grade: string }[] = [];
    let n = 0, skipped = 0;
    for (const p of plan) {
      if (p.at > now - 60_000) continue;
      const day = new Date(p.at).toISOString().slice(0, 10);
      // The newest snapshot known on that day (older data stays older: some applications are stale).
      const snaps = byBorrower.get(p.ref)!.filter((s) => s.asOf <= day).sort((a, b) => b.asOf.localeCompare(a.asOf));
      const s = snaps[0];
      if (!s || !s.sizeBand) { skipped++; continue; }
      const body: DecisionRequestBody = {
        requestId: `DEMO-APP-${String(++n).padStart(4, '0')}`,
        borrower: {
          ref: s.borrowerRef, name: s.borrowerName, sizeBand: s.sizeBand, industry: s.industry, region: s.region, branch: s.region ? BRANCHES[s.region] ?? null : null,
          asOf: s.asOf, indicators: s.indicators, daysPastDue: s.daysPastDue ?? 0,
          ...(s.statement ? { statement: s.statement as Record<string, number | null> } : {}),
          ...(s.extra.dishonestDebtorList || s.extra.insolvency ? { flags: { ...(s.extra.dishonestDebtorList ? { dishonestDebtorList: true } : {}), ...(s.extra.insolvency ? { insolvency: true } : {}) } } : {}),
          ...(s.extra.inDefault ? { inDefault: true } : {}),
          ...(typeof s.extra.creditLineUsePct === 'number' ? { creditLineUsePct: s.extra.creditLineUsePct } : {}),
          ...(typeof s.extra.collateralValue === 'number' ? { collateralValue: s.extra.collateralValue } : {}),
          ...(s.extra.otherBankOverdue !== undefined && s.extra.otherBankOverdue !== null ? { otherBankOverdue: s.extra.otherBankOverdue } : {}),
        },
        amount: p.amount,
        termMonths: [6, 12, 12, 24, 36, 48][Math.floor(rnd.next() * 6)]!,
      };
      try {
        const r = await decisions.decide(submitter, body, { via: 'demo', isDemo: true, at: new Date(p.at) });
        created.push({ id: r.decision.id, at: p.at, decision: r.decision.policyDecision, amount: p.amount, grade: r.decision.grade });
      } catch (err) {
        // A demo row the policy cannot decide (e.g. no policy on that date) is skipped, never fatal.
        if (!(err instanceof DomainError) && !(err instanceof HttpError)) throw err;
        skipped++;
      }
    }

    // Officers: referrals older than ten days are resolved; policy declines and approvals are sometimes overridden.
    const code = (kind: 'decline-to-approve' | 'approve-to-decline', k: number) => {
      const list = OVERRIDE_REASON_CODES.filter((c) => c.appliesTo.includes(kind) && !c.needsNote);
      return list[k % list.length]!.code;
    };
    let decided = 0, overridden = 0, waiting = 0, outcomes = 0;
    for (const c of created) {
      const age = now - c.at;
      const at = new Date(Math.min(now - 60_000, c.at + (1 + Math.floor(rnd.next() * 3)) * DAY));
      const officerIndex = Math.floor(rnd.next() * officers.length);
      const officer = officers[officerIndex]!;
      const second = officers[(officerIndex + 1) % officers.length]!;
      const zhao = officer.label === 'Demo officer Zhao';
      try {
        if (c.decision === 'refer' && age > 21 * DAY) {
          const approve = rnd.next() < (c.grade.startsWith('A') || c.grade === 'BBB' || c.grade === 'BB' ? 0.75 : 0.4);
          let d = await decisions.decideCase(officer, c.id, {
            decision: approve ? 'approve' : 'decline',
            reason: approve ? 'Demo: referral reviewed; repayment capacity confirmed with the latest bank statements.' : 'Demo: referral reviewed; cash flow does not cover the new debt service.',
          }, { at });
          decided++;
          if (d.state.status === 'awaiting-second') {
            d = await decisions.secondApproval(second, c.id, { confirm: true, reason: 'Demo: second review agrees.' }, { at: new Date(at.getTime() + 3_600_000) });
          }
        } else if (c.decision === 'decline' && age > 21 * DAY && rnd.next() < (zhao ? 0.6 : 0.06)) {
          const d = await decisions.decideCase(officer, c.id, {
            decision: 'approve', limit: Math.min(c.amount, 900_000), reasonCode: code('decline-to-approve', overridden),
            reason: 'Demo: override — the officer judged the decline too strict for this customer.',
          }, { at });
          overridden++;
          if (d.state.status === 'awaiting-second') await decisions.secondApproval(second, c.id, { confirm: true, reason: 'Demo: second review agrees.' }, { at: new Date(at.getTime() + 3_600_000) });
        } else if (c.decision === 'approve' && age > 21 * DAY && rnd.next() < (zhao ? 0.35 : 0.05)) {
          const d = await decisions.decideCase(officer, c.id, { decision: 'decline', reasonCode: code('approve-to-decline', overridden), reason: 'Demo: override — adverse information from the site visit.' }, { at });
          overridden++;
          if (d.state.status === 'awaiting-second') await decisions.secondApproval(second, c.id, { confirm: rnd.next() < 0.7, reason: 'Demo: second review of the override.' }, { at: new Date(at.getTime() + 3_600_000) });
        }
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
      }
    }
    // Two large overrides waiting for a second officer, so the queue shows both kinds.
    for (const c of created.filter((x) => x.decision === 'decline' && x.amount > 1_000_000).reverse()) {
      if (waiting >= 2) break;
      const d = await decisions.getCase(c.id);
      if (d.state.status !== 'closed' || d.state.finalSource !== 'policy') continue;
      await decisions.decideCase(officers[waiting]!, c.id, { decision: 'approve', reasonCode: 'additional-collateral', reason: 'Demo: a guarantee company covers 80 % of the loan.' }, { at: new Date(Math.max(c.at + DAY, now - 2 * DAY)) });
      waiting++;
    }

    // Outcomes of approved loans older than two months: overrides default more often (seeded).
    for (const c of created) {
      if (now - c.at < 60 * DAY) continue;
      const d = await decisions.getCase(c.id);
      if (d.state.status !== 'closed' || d.state.finalDecision !== 'approve') continue;
      const p = d.state.overrideKind === 'decline-to-approve' ? 0.35 : d.state.finalSource === 'officer' ? 0.12 : 0.04;
      await decisions.recordOutcome(officers[1]!, c.id, { outcome: rnd.next() < p ? 'defaulted' : 'performing', note: 'Demo outcome (synthetic).' }, { at: new Date(now - DAY) });
      outcomes++;
    }
    const counts = await decisions.statusCounts();
    log(`${created.length} demo applications (${skipped} skipped); ${decided} referrals decided, ${overridden} overrides (${waiting} awaiting a second officer); ${outcomes} outcomes; queue: ${counts.pending} pending, ${counts['awaiting-second']} awaiting second approval`);
  },
};
