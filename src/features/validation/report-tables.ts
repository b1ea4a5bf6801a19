import type { Translate } from '../../i18n/translator.js';
import type { ExportSheet } from '../../web/exports.js';
import type { RunUnit, ValidationRun, ValidationSample } from './validation-repository.js';
import { buildVerdict } from './validation-verdict.js';

/** The tables of a report, by the id used in export URLs (/validation/runs/:id/export/<id>.csv). */
export const REPORT_TABLES = [
  'verdict', 'summary', 'comparisons', 'confusion', 'calibration', 'hosmer-lemeshow', 'migration', 'psi', 'psi-indicators', 'rank-correlations',
  'curves', 'strata', 'units',
] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

type Cell = string | number | boolean | null | undefined;
const sheet = (name: string, headers: string[], rows: Cell[][]): ExportSheet<Cell[]> => ({
  name, rows, columns: headers.map((header, i) => ({ header, value: (row: Cell[]) => row[i] })),
});

/**
 * Every table of a validation report as export sheets (CSV: one table; XLSX: all of them), headers in the reader's
 * language, numbers at full precision. Text from people (version, stratum and sample names) goes through the
 * exporter's formula neutralisation like every other cell.
 */
export function reportSheets(run: ValidationRun, sample: ValidationSample, units: RunUnit[], t: Translate): Record<ReportTable, ExportSheet<Cell[]>> {
  const r = run.results;
  const name = (key: string) => run.versions.find((v) => v.key === key)?.name ?? (key === 'classification' ? t('val.classification') : key);
  const byKey = new Map(r.versions.map((v) => [v.key, v]));
  const versionCol = t('val.version');

  const verdict = buildVerdict(r, Object.fromEntries(run.versions.map((v) => [v.key, v.name])));
  const sheets: Record<ReportTable, ExportSheet<Cell[]>> = {
    verdict: sheet('verdict', [t('val.topic'), t('val.verdict.title')],
      verdict.flatMap((s) => s.sentences.map((x) => [t(`val.topic.${s.topic}`), t(x.key, x.params)]))),
    summary: sheet('summary', [versionCol, 'id', 'AUC', t('val.ciLow'), t('val.ciHigh'), t('val.se'), 'Gini', 'KS', t('val.ksScore'), 'Brier',
      t('val.meanPd'), t('val.observedRate'), t('val.typeI'), t('val.typeII'), t('val.rejectionRate'), t('val.expectedCost')],
    run.versions.map((v) => {
      const x = byKey.get(v.key)!;
      return [v.name, v.id, x.auc, x.aucCi?.[0], x.aucCi?.[1], x.aucStandardError, x.gini, x.ks, x.ksScore, x.brier, x.meanPd, x.observedRate,
        x.confusion?.typeIErrorRate, x.confusion?.typeIIErrorRate, x.confusion?.rejectionRate, x.confusion?.expectedCost];
    })),
    comparisons: sheet('comparisons', [t('val.versionA'), t('val.versionB'), t('val.aucDifference'), t('val.ciLow'), t('val.ciHigh'), t('val.se'), 'z (DeLong)', 'p (DeLong)',
      t('val.mcnemar.onlyA'), t('val.mcnemar.onlyB'), 'χ² (McNemar)', 'p (McNemar)', t('val.mcnemar.chiCorrected'), t('val.mcnemar.pCorrected'), t('val.mcnemar.exactP')],
    r.comparisons.map((c) => [name(c.a), name(c.b), c.delong?.difference, c.delong?.ci[0], c.delong?.ci[1], c.delong?.standardError, c.delong?.z, c.delong?.p,
      c.mcnemar?.onlyFirst, c.mcnemar?.onlySecond, c.mcnemar?.chiSquare, c.mcnemar?.p, c.mcnemar?.chiSquareCorrected, c.mcnemar?.pCorrected, c.mcnemar?.exactP])),
    confusion: sheet('confusion', [versionCol, t('val.cutoffGrade'), t('val.badRejected'), t('val.badAccepted'), t('val.goodRejected'), t('val.goodAccepted'),
      t('val.typeI'), t('val.typeII'), t('val.accuracy'), t('val.rejectionRate'), t('val.costRatio'), t('val.totalCost'), t('val.expectedCost'), t('val.weighted')],
    r.versions.filter((x) => x.confusion).map((x) => {
      const c = x.confusion!;
      return [name(x.key), c.cutoffGrade, c.badRejected, c.badAccepted, c.goodRejected, c.goodAccepted, c.typeIErrorRate, c.typeIIErrorRate, c.accuracy, c.rejectionRate,
        c.costRatio, c.totalCost, c.expectedCost, c.weighted];
    })),
    calibration: sheet('calibration', [versionCol, t('val.grade'), t('val.obligors'), t('val.defaults'), t('val.defaultRate'), t('val.weightedRate'), 'PD',
      t('val.effectiveObligors'), t('val.effectiveDefaults'), t('val.binomialP'), t('val.jeffreysP'), t('val.jeffreysLow'), t('val.jeffreysHigh'), t('val.underestimated')],
    r.versions.flatMap((x) => x.calibration.map((c) => [name(x.key), c.grade, c.obligors, c.defaults, c.defaultRate, c.weightedDefaultRate, c.pd, c.effectiveObligors,
      c.effectiveDefaults, c.binomialP, c.jeffreysP, c.jeffreysInterval[0], c.jeffreysInterval[1], c.pdUnderestimated]))),
    'hosmer-lemeshow': sheet('hosmer-lemeshow', [versionCol, t('val.hl.statistic'), 'df', 'p', t('val.hl.groups'), 'Brier'],
      r.versions.map((x) => [name(x.key), x.hosmerLemeshow?.statistic, x.hosmerLemeshow?.degreesOfFreedom, x.hosmerLemeshow?.p, x.hosmerLemeshow?.groups.length, x.brier])),
    migration: sheet('migration', [t('val.fromVersion'), t('val.toVersion'), t('val.oldGrade'), t('val.newGrade'), t('val.weightedCount'), t('val.share')], [
      ...r.migrations.flatMap((m) => m.matrix.grades.flatMap((g, i) => m.matrix.grades.map((h, j): Cell[] => [name(m.from), name(m.to), g, h, m.matrix.counts[i]![j], m.matrix.counts[i]![j]! / m.matrix.total]))
        .filter((row) => (row[4] as number) > 0)),
      ...r.migrations.flatMap((m): Cell[][] => [
        [name(m.from), name(m.to), t('val.migration.unchanged'), '', null, m.matrix.unchanged],
        [name(m.from), name(m.to), t('val.migration.withinOne'), '', null, m.matrix.withinOneNotch],
        [name(m.from), name(m.to), t('val.migration.withinTwo'), '', null, m.matrix.withinTwoNotches],
      ]),
    ]),
    psi: sheet('psi', [t('val.psi.of'), t('val.fromVersion'), t('val.toVersion'), t('val.psi.bin'), t('val.psi.referenceShare'), t('val.psi.currentShare'), t('val.psi.contribution'), 'PSI'],
      [...r.gradePsi.map((g) => ({ ...g, of: t('val.grade') })), ...r.scorePsi.map((g) => ({ ...g, of: t('val.score') }))]
        .flatMap((g) => g.result.bins.map((b) => [g.of, name(g.from), name(g.to), b.label, b.expectedShare, b.actualShare, b.contribution, g.result.psi]))),
    'psi-indicators': sheet('psi-indicators', [t('val.indicator'), t('val.psi.bin'), t('val.psi.referenceShare'), t('val.psi.currentShare'), t('val.psi.contribution'), 'PSI', t('val.psi.interpretation')],
      (r.indicatorPsi?.rows ?? []).flatMap((row) => row.result.bins.map((b) => [row.indicator, b.label, b.expectedShare, b.actualShare, b.contribution, row.result.psi, t(`val.psi.level.${row.result.interpretation.replace(' ', '-')}`)]))),
    'rank-correlations': sheet('rank-correlations', [t('val.versionA'), t('val.versionB'), 'n', 'Spearman ρ', 'p (ρ)', 'Kendall τ-b', 'p (τ)'],
      r.rankCorrelations.map((c) => [name(c.a), name(c.b), c.n, c.spearman?.rho, c.spearman?.p, c.kendall?.tau, c.kendall?.p])),
    curves: sheet('curves', [versionCol, t('val.curve'), t('val.threshold'), 'x', 'y'],
      r.versions.flatMap((x) => [
        ...x.roc.map((p) => [name(x.key), 'ROC', p.threshold, p.falsePositiveRate, p.truePositiveRate]),
        ...x.cap.map((p) => [name(x.key), 'CAP', p.threshold, p.populationShare, p.badShare]),
      ])),
    strata: sheet('strata', [t('val.stratum'), t('val.populationSize'), t('val.sampleSize'), t('val.target'), t('val.defaults'), t('val.sampledDefaults'),
      t('val.designWeight'), t('val.defaultWeight'), t('val.census')],
    sample.strata.map((s) => [s.key, s.populationSize, s.sampleSize, s.target, s.defaults, s.sampledDefaults, s.weight, s.defaultWeight, s.census])),
    units: sheet('units', ['snapshot', t('val.borrower'), t('val.asOf'), t('val.stratum'), t('val.designWeight'), t('val.outcome'),
      ...run.versions.flatMap((v) => [`${t('val.score')} ${v.name}`, `${t('val.grade')} ${v.name}`])],
    units.map((u) => [u.snapshotId, u.borrowerRef, u.asOf, u.stratum, u.weight, u.outcome, ...run.versions.flatMap((v) => [u.scores[v.key], u.grades[v.key]])])),
  };
  return sheets;
}

/** The sample's own tables: strata and members. */
export function sampleSheets(sample: ValidationSample, members: { position: number; snapshotId: number | null; stratum: string; designWeight: number; outcomeAtDraw: 0 | 1 | null }[], t: Translate) {
  return {
    strata: sheet('strata', [t('val.stratum'), t('val.populationSize'), t('val.sampleSize'), t('val.target'), t('val.defaults'), t('val.sampledDefaults'),
      t('val.designWeight'), t('val.defaultWeight'), t('val.census')],
    sample.strata.map((s) => [s.key, s.populationSize, s.sampleSize, s.target, s.defaults, s.sampledDefaults, s.weight, s.defaultWeight, s.census])),
    members: sheet('members', ['#', 'snapshot', t('val.stratum'), t('val.designWeight'), t('val.outcomeAtDraw')],
      members.map((m) => [m.position + 1, m.snapshotId, m.stratum, m.designWeight, m.outcomeAtDraw])),
  };
}
