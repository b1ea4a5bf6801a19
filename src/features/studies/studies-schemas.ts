import { z } from 'zod';
import { optionalText, requiredText } from '../../web/forms.js';

export const Id = z.coerce.number().int().positive().max(2_147_483_647);

export const StudyForm = z.object({
  title: requiredText(200),
  description: optionalText(4000),
  locale: z.enum(['en', 'zh-CN']).default('en'),
});

export const NewStudyForm = StudyForm.extend({
  template: z.enum(['default', 'empty']).default('default'),
});

const code = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z.string().max(40).regex(/^[A-Za-z0-9_.-]+$/, 'studies.node.badCode').optional(),
);

export const NodeForm = z.object({
  code,
  nameEn: optionalText(200),
  nameZh: optionalText(200),
  descriptionEn: optionalText(4000),
  descriptionZh: optionalText(4000),
});
export type NodeFormData = z.infer<typeof NodeForm>;

export const AddNodeForm = NodeForm.extend({ parentId: Id });
export const MoveNodeForm = z.object({ parentId: Id });

export const ImportForm = z.object({
  format: z.enum(['json', 'outline']),
  text: z.string().max(2_000_000).optional(),
});

/** Node form fields → service input. */
export function nodeInput(data: NodeFormData) {
  return {
    code: data.code,
    names: { en: data.nameEn ?? '', zh: data.nameZh ?? '' },
    descriptions: { en: data.descriptionEn ?? '', zh: data.descriptionZh ?? '' },
  };
}
