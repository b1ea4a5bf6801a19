import { describe, expect, it } from 'vitest';
import { compileSurvey, SurveySchemaError, type SchemaIssue } from '../../../../src/features/questionnaires/compile-survey.js';
import { smeRiskTemplate, TEMPLATE_DIMENSIONS } from '../../../../src/features/questionnaires/questionnaire-template.js';

function issuesOf(schema: unknown): SchemaIssue[] {
  try {
    compileSurvey(schema);
  } catch (error) {
    if (error instanceof SurveySchemaError) return error.issues;
    throw error;
  }
  return [];
}

const page = (...elements: unknown[]) => ({ pages: [{ name: 'p1', elements }] });

describe('compileSurvey', () => {
  it('compiles the shipped template: profile questions, 5 dimensions of 5 Likert items (2 reverse-coded each), 2 open questions', () => {
    const compiled = compileSurvey(smeRiskTemplate());
    expect(compiled.title).toEqual({ en: 'SME credit risk management status', zh: '小微企业信用风险管理现状' });
    expect(compiled.questions.filter((q) => q.profile).map((q) => q.name)).toEqual(['role', 'department', 'branch', 'years', 'education']);
    expect(compiled.dimensions).toEqual(TEMPLATE_DIMENSIONS.map((d) => d.name));
    for (const d of TEMPLATE_DIMENSIONS) {
      const items = compiled.questions.filter((q) => q.dimension === d.name);
      expect(items).toHaveLength(5);
      expect(items.filter((q) => q.reverse)).toHaveLength(2);
      for (const q of items) expect(q.scale).toEqual({ min: 1, max: 5 });
    }
    expect(compiled.questions.filter((q) => q.kind === 'text').map((q) => q.name)).toEqual(['obstacle', 'suggestion']);
    expect(compiled.questions.find((q) => q.name === 'role')?.choices.map((c) => c.value)).toEqual(['account-manager', 'risk-officer', 'approver', 'manager', 'other']);
    // Every English text has its Chinese counterpart (the template is bilingual throughout); only the unlabelled
    // middle points 2–4 of the agreement scale read the same in both languages.
    for (const q of compiled.questions) {
      expect(q.title.zh).not.toBe(q.title.en);
      for (const c of q.choices) expect(c.text.zh === c.text.en, `${q.name} ${String(c.value)}`).toBe(/^[234]$/.test(String(c.value)));
    }
  });

  it('builds item specifications for the statistics, labelled in either language', () => {
    const compiled = compileSurvey(smeRiskTemplate());
    const zh = compiled.itemSpecs('zh-CN');
    expect(zh.find((s) => s.name === 'ew3')).toEqual({
      name: 'ew3', kind: 'likert', min: 1, max: 5, reverse: true, dimension: 'early-warning',
      choices: [{ value: 1, label: '1 非常不同意' }, { value: 2, label: '2' }, { value: 3, label: '3' }, { value: 4, label: '4' }, { value: 5, label: '5 非常同意' }],
    });
    expect(compiled.itemSpecs('en').find((s) => s.name === 'branch')?.choices?.[2]).toEqual({ value: 'county-branch', label: 'County branch' });
  });

  it('maps question types: custom rating values, booleans, numbers, multi-select, other and none', () => {
    const compiled = compileSurvey(page(
      { type: 'rating', name: 'pts', rateValues: [0, 5, 10] },
      { type: 'rating', name: 'seven', rateMin: 1, rateMax: 7, dimension: 'd' },
      { type: 'boolean', name: 'yn', labelTrue: { default: 'Agree', 'zh-cn': '同意' } },
      { type: 'text', name: 'age', inputType: 'number', min: 18, max: 70, dimension: 'd2' },
      { type: 'tagbox', name: 'tags', choices: ['a', 'b'], showNoneItem: true, maxSelectedChoices: 1 },
      { type: 'dropdown', name: 'dd', choices: [1, 2], showOtherItem: true },
      { type: 'panel', name: 'box', elements: [{ type: 'comment', name: 'inside', maxLength: 20 }] },
    ));
    const q = (name: string) => compiled.byName.get(name)!;
    expect(q('pts')).toMatchObject({ kind: 'choice', scale: null });
    expect(q('seven')).toMatchObject({ kind: 'likert', scale: { min: 1, max: 7 } });
    expect(q('yn').choices.map((c) => [c.value, c.text])).toEqual([[true, { en: 'Agree', zh: '同意' }], [false, { en: 'No', zh: '否' }]]);
    expect(q('age')).toMatchObject({ kind: 'number', min: 18, max: 70, dimension: 'd2' });
    expect(q('tags')).toMatchObject({ multiple: true, noneValue: 'none', maxSelected: 1, profile: false });
    expect(q('dd')).toMatchObject({ otherValue: 'other', commentKey: 'dd-Comment', profile: true });
    expect(q('inside')).toMatchObject({ kind: 'text', maxLength: 20 });
  });

  it.each([
    ['a list instead of an object', [1, 2], [{ element: null, code: 'notObject' }]],
    ['no questions', { pages: [{ name: 'p', elements: [{ type: 'html', name: 'h', html: 'x' }] }] }, [{ element: null, code: 'noQuestions' }]],
    ['an unsupported type', page({ type: 'signaturepad', name: 'sig' }), [{ element: 'sig', code: 'unsupportedType', params: { type: 'signaturepad' } }]],
    ['a missing name', page({ type: 'text' }), [{ element: null, code: 'missingName', params: { type: 'text' } }]],
    ['a duplicate name', page({ type: 'text', name: 'x' }, { type: 'comment', name: 'x' }), [{ element: 'x', code: 'duplicateName', params: { name: 'x' } }]],
    ['choicesByUrl nested in a question', page({ type: 'dropdown', name: 'd', choicesByUrl: { url: 'https://x' } }), [{ element: 'd', code: 'forbiddenProperty', params: { property: 'choicesByUrl' } }]],
    ['storing "other" as the value', page({ type: 'radiogroup', name: 'r', choices: ['a'], showOtherItem: true, storeOthersAsComment: false }), [{ element: 'r', code: 'otherAsValue' }]],
    ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": 1}, "elements": [{"type": "text", "name": "t"}]}'), [{ element: null, code: 'forbiddenProperty', params: { property: '__proto__' } }]],
    ['text piping into html', page({ type: 'text', name: 't' }, { type: 'html', name: 'h', html: { default: 'Hi {t}', 'zh-cn': '你好' } }), [{ element: 'h', code: 'pipingInHtml', params: { property: 'html' } }]],
    ['a dimension on a text question', page({ type: 'text', name: 't', dimension: 'd' }), [{ element: 't', code: 'dimensionNeedsScale' }]],
    ['reverse on a choice question', page({ type: 'radiogroup', name: 'r', choices: ['a'], reverse: true }), [{ element: 'r', code: 'reverseNeedsScale' }]],
    ['a non-boolean reverse', page({ type: 'rating', name: 'r', reverse: 'yes' }), [{ element: 'r', code: 'badReverse' }]],
    ['duplicate choice values (2 and "2")', page({ type: 'radiogroup', name: 'r', choices: [2, '2'] }), [{ element: 'r', code: 'duplicateChoice', params: { value: '2' } }]],
    ['an object as a choice value', page({ type: 'radiogroup', name: 'r', choices: [{ value: { a: 1 } }] }), [{ element: 'r', code: 'badChoiceValue' }]],
    ['an unsupported input type', page({ type: 'text', name: 't', inputType: 'file' }), [{ element: 't', code: 'badInputType', params: { inputType: 'file' } }]],
    ['min not below max', page({ type: 'text', name: 't', inputType: 'number', min: 5, max: 5 }), [{ element: 't', code: 'badRange' }]],
    ['a name with spaces', page({ type: 'text', name: 'a b' }), [{ element: 'a b', code: 'badName', params: { name: 'a b' } }]],
  ])('reports %s, naming the element', (_label, schema, expected) => {
    expect(issuesOf(schema)).toEqual(expected);
  });

  it('reports SurveyJS’s own parse errors (unknown property) with the element', () => {
    expect(issuesOf(page({ type: 'rating', name: 'r', ratemax: 5 }))).toEqual([
      { element: 'r', code: 'surveyjs', params: { detail: "Unknown property in class 'rating': 'ratemax'." } },
    ]);
  });

  it('sanitises HTML-bearing properties without changing the input object', () => {
    const input = { completedHtml: '<p onclick="x()">Done</p><script>1</script>', elements: [{ type: 'html', name: 'h', html: '<b>hi</b><img src=x onerror=y>' }, { type: 'text', name: 't', title: '<b>kept as text</b>' }] };
    const copy = structuredClone(input);
    const compiled = compileSurvey(input);
    expect(input).toEqual(copy);
    expect(compiled.schema.completedHtml).toBe('<p>Done</p>');
    expect((compiled.schema.elements as Array<Record<string, unknown>>)[0]?.html).toBe('<b>hi</b>');
    // Titles are rendered as text by SurveyJS (no markdown handler), so they are kept as written.
    expect((compiled.schema.elements as Array<Record<string, unknown>>)[1]?.title).toBe('<b>kept as text</b>');
  });
});
