import { randomIndex } from '../../domain/ahp/random-index.js';
import { nodeDescription, nodeName, type TreeNode } from '../studies/hierarchy-tree.js';
import type { BlockFeedback } from './expert-service.js';
import type { RoundRecord, StoredJudgment } from './rounds-repository.js';

type Tr = (key: string, params?: Record<string, string | number>) => string;

/** The questionnaire's data for the browser (public/js/expert-questionnaire.js): no secrets beyond the link itself. */
export interface ExpertPageData {
  urls: { autosave: string; review: string; submit: string };
  surveyLocale: 'en' | 'zh-cn';
  round: { label: string; crThreshold: number; crPolicy: 'warn' | 'require'; allowNoOpinion: boolean; deadline: string | null };
  /** RI(n) of the round's table for every block size, so the browser's estimate uses the same RI as the server. */
  ri: Record<string, number>;
  blocks: { id: number; code: string; name: string; description: string; children: { id: number; code: string; name: string; description: string }[] }[];
  /** "parent_left_right" (stored order) → value (left over right) or null for "no opinion". */
  answers: Record<string, number | null>;
  feedback: Record<string, BlockFeedback>;
  currentNodeId: number | null;
  progress: { answered: number; total: number };
  text: Record<string, string>;
}

/** Message keys the browser script needs, sent translated. */
const TEXT_KEYS = [
  'expert.js.compare', 'expert.js.moreImportant', 'expert.js.equal', 'expert.js.noOpinion', 'expert.js.timesAs',
  'expert.js.cr', 'expert.js.crOk', 'expert.js.crHigh', 'expert.js.crPending', 'expert.js.crIncomplete',
  'expert.js.hintsTitle', 'expert.js.hint', 'expert.js.apply', 'expert.js.noHints', 'expert.js.saving', 'expert.js.saved',
  'expert.js.saveFailed', 'expert.js.offline', 'expert.js.review', 'expert.js.reviewLead', 'expert.js.block', 'expert.js.weight',
  'expert.js.element', 'expert.js.globalWeights', 'expert.js.submit', 'expert.js.submitting', 'expert.js.problem.incomplete',
  'expert.js.problem.disconnected', 'expert.js.problem.crTooHigh', 'expert.js.warnHighCr', 'expert.js.blockOf', 'expert.js.estimate',
  'expert.js.server', 'expert.js.linkGone', 'expert.js.closed', 'expert.js.submitted', 'expert.js.back', 'expert.js.leftSide',
  'expert.js.rightSide', 'expert.js.answered', 'expert.js.fix', 'expert.js.reviewPage', 'expert.js.pageTitle', 'expert.js.elementsCompared',
];

/** Builds the page data from the frozen blocks, the stored judgments and the server's feedback. */
export function expertPageData(input: {
  token: string;
  round: RoundRecord;
  blocks: TreeNode[];
  judgments: StoredJudgment[];
  feedback: BlockFeedback[];
  currentNodeId: number | null;
  progress: { answered: number; total: number };
  locale: string;
  t: Tr;
}): ExpertPageData {
  const { locale, t } = input;
  const base = `/e/${input.token}`;
  const answers: Record<string, number | null> = {};
  for (const j of input.judgments) answers[`${j.parentId}_${j.leftId}_${j.rightId}`] = j.value;
  const feedback: Record<string, BlockFeedback> = {};
  for (const f of input.feedback) feedback[String(f.id)] = f;
  const text: Record<string, string> = {};
  for (const key of TEXT_KEYS) text[key.slice('expert.js.'.length)] = t(key);
  return {
    urls: { autosave: `${base}/autosave`, review: `${base}/review`, submit: `${base}/submit` },
    surveyLocale: locale.startsWith('zh') ? 'zh-cn' : 'en',
    round: {
      label: input.round.label,
      crThreshold: input.round.crThreshold,
      crPolicy: input.round.crPolicy,
      allowNoOpinion: input.round.allowNoOpinion,
      deadline: input.round.deadline,
    },
    ri: Object.fromEntries(input.blocks.map((b) => [String(b.children.length), randomIndex(b.children.length, input.round.riTable)])),
    blocks: input.blocks.map((block) => ({
      id: block.id,
      code: block.code,
      name: nodeName(block, locale),
      description: nodeDescription(block, locale),
      children: block.children.map((c) => ({ id: c.id, code: c.code, name: nodeName(c, locale), description: nodeDescription(c, locale) })),
    })),
    answers,
    feedback,
    currentNodeId: input.currentNodeId,
    progress: input.progress,
    text,
  };
}
