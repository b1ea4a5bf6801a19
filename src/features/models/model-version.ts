import type { CreditModelDefinition } from '../../domain/credit/credit-model-definition.js';
import type { EarlyWarningConfig } from '../../domain/credit/early-warning-config.js';

/** draft (editable by its author or an administrator) → approved (immutable) → retired (kept for history). */
export type ModelStatus = 'draft' | 'approved' | 'retired';
export const MODEL_STATUSES: readonly ModelStatus[] = ['draft', 'approved', 'retired'];

/** Settings stored with a version next to its definition (immutable with it once approved). */
export interface ModelSettings {
  /** Early-warning signals and thresholds used when this version scores snapshots (credit-default-model.md). */
  earlyWarnings: EarlyWarningConfig;
  /**
   * Indicators whose scoring rule is a placeholder (their leaf is not in the default index system, so no rule
   * came with it). Approval is refused until each has been edited.
   */
  placeholderRules: string[];
}

/** Where a version's weights came from (shown on its page and in the diff). */
export interface ModelSource {
  kind: 'template' | 'weight-set' | 'blend' | 'time-decay' | 'copy' | 'json';
  /** A sentence for people, e.g. "Demo weight set 2026 Q4 (round Demo round 2026 Q4)". */
  label: string;
  weightSetIds?: number[];
  baseVersionId?: number | null;
  theta?: number;
  lambda?: number;
}

/** A model version as services return it. `definition` and `settings` are the version's own copies. */
export interface ModelVersion {
  id: number;
  name: string;
  description: string;
  status: ModelStatus;
  /** ISO date from which the version applies (required to approve). */
  effectiveFrom: string | null;
  definition: CreditModelDefinition;
  settings: ModelSettings;
  source: ModelSource;
  parentId: number | null;
  isDemo: boolean;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  approvedBy: number | null;
  /** Name of the approver (or "system (demo)" for the demo seeder). */
  approvedByName: string | null;
  approvedAt: string | null;
  approvalRationale: string | null;
  retiredBy: number | null;
  retiredByName: string | null;
  retiredAt: string | null;
  retireRationale: string | null;
}

/** The list row (no definition). */
export type ModelVersionSummary = Omit<ModelVersion, 'definition' | 'settings'> & {
  uncalibrated: boolean;
  indicatorCount: number;
  hasOverlay: boolean;
  variantCount: number;
};
