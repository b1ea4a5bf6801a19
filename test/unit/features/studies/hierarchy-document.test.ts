import { describe, expect, it } from 'vitest';
import { defaultHierarchyTemplate } from '../../../../src/features/studies/default-hierarchy-template.js';
import {
  exportHierarchyJson,
  exportHierarchyOutline,
  normaliseHierarchy,
  parseHierarchyJson,
  parseHierarchyOutline,
  type NewHierarchyNode,
} from '../../../../src/features/studies/hierarchy-document.js';
import { buildTree, flattenTree, leafNodes, pairCount, parentNodes, type HierarchyNode } from '../../../../src/features/studies/hierarchy-tree.js';
import { ValidationError } from '../../../../src/web/http-errors.js';

/** Counts every node of a new-hierarchy tree. */
function count(node: NewHierarchyNode): number {
  return 1 + node.children.reduce((s, c) => s + count(c), 0);
}

function failure(run: () => unknown): ValidationError {
  try {
    run();
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('the default template (credit-default-model.md: goal → 7 criteria → 26 indicators)', () => {
  const template = defaultHierarchyTemplate();

  it('has the 7 criteria C1…C7 and 26 indicators with their codes, English and Chinese names', () => {
    expect(template.children.map((c) => c.code)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7']);
    expect(template.children.map((c) => c.children.length)).toEqual([4, 4, 4, 4, 5, 3, 2]);
    expect(count(template)).toBe(1 + 7 + 26);
    const c5 = template.children[4] as NewHierarchyNode;
    expect(c5.names).toEqual({ en: 'credit & payment conduct', zh: '信用与履约记录' });
    expect(c5.children.map((c) => c.code)).toEqual(['I51', 'I52', 'I53', 'I54', 'I55']);
    expect(c5.children[0]?.descriptions.en).toMatch(/24 months/);
  });

  it('asks each expert 59 comparisons in 8 blocks (21 + 4·6 + 10 + 3 + 1, computed by hand)', () => {
    let id = 0;
    const rows: HierarchyNode[] = [];
    const visit = (node: NewHierarchyNode, parentId: number | null, position: number) => {
      const own = ++id;
      rows.push({ id: own, parentId, code: node.code, names: node.names, descriptions: node.descriptions, position });
      node.children.forEach((c, i) => visit(c, own, i));
    };
    visit(template, null, 0);
    const root = buildTree(rows);
    expect(pairCount(root)).toBe(59);
    expect(parentNodes(root)).toHaveLength(8);
    expect(leafNodes(root).map((l) => l.code)).toHaveLength(26);
    expect(flattenTree(root)[0]?.code).toBe('GOAL');
  });
});

describe('text outline', () => {
  it('round-trips the template (codes, both names, order)', () => {
    const template = defaultHierarchyTemplate();
    const text = exportHierarchyOutline(template);
    expect(text.split('\n')[0]).toBe('[GOAL] SME credit quality | 小微企业信用质量');
    expect(text).toContain('\n  [C1] owner & management | 负责人与经营管理\n    [I11] owner personal credit | 实际控制人个人征信\n');
    const back = parseHierarchyOutline(text);
    const strip = (n: NewHierarchyNode): unknown => ({ code: n.code, names: n.names, children: n.children.map(strip) });
    expect(strip(back)).toEqual(strip(template));
  });

  it('reads tabs or any consistent number of spaces, comments, blank lines, and fills missing codes', () => {
    const tree = parseHierarchyOutline('# my study\nGoal\n\tA | 甲\n\t\ta1\n\tB\n');
    expect(tree.code).toBe('GOAL');
    expect(tree.children.map((c) => [c.code, c.names.en, c.names.zh])).toEqual([['N1', 'A', '甲'], ['N3', 'B', '']]);
    expect(tree.children[0]?.children[0]?.code).toBe('N2');
    const spaces = parseHierarchyOutline('Goal\n    A\n        a1\n    B');
    expect(spaces.children[0]?.children[0]?.names.en).toBe('a1');
  });

  it('keeps "|" and "[" inside names through escaping', () => {
    const tree: NewHierarchyNode = {
      code: 'G', names: { en: '[draft] a | b', zh: '' }, descriptions: { en: '', zh: '' },
      children: [{ code: 'X', names: { en: 'back\\slash', zh: '中|文' }, descriptions: { en: '', zh: '' }, children: [] }],
    };
    const back = parseHierarchyOutline(exportHierarchyOutline(tree));
    expect(back.names.en).toBe('[draft] a | b');
    expect(back.children[0]?.names).toEqual({ en: 'back\\slash', zh: '中|文' });
  });

  it.each([
    ['a skipped level', 'Goal\n  A\n      a1', 'studies.import.skippedLevel', 3],
    ['two goals', 'Goal\n  A\nOther', 'studies.import.twoGoals', 3],
    ['uneven spaces', 'Goal\n  A\n   a1', 'studies.import.badIndent', 3],
    ['mixed tabs and spaces', 'Goal\n \tA', 'studies.import.mixedIndent', 2],
    ['an indented first line', '  Goal', 'studies.import.badIndent', 1],
  ])('refuses %s, naming the line', (_name, text, key, line) => {
    const err = failure(() => parseHierarchyOutline(text));
    expect(err.message).toBe(key);
    expect(err.params).toMatchObject({ line });
  });

  it('refuses an empty outline, duplicate codes, a bad code, too many children and too much depth', () => {
    expect(failure(() => parseHierarchyOutline('\n# only a comment\n')).message).toBe('studies.import.empty');
    expect(failure(() => parseHierarchyOutline('[G] Goal\n  [A] a\n  [a] b')).message).toBe('studies.import.duplicateCode');
    expect(failure(() => parseHierarchyOutline('[G] Goal\n  [a b] a')).message).toBe('studies.import.badCode');
    const wide = ['Goal', ...Array.from({ length: 16 }, (_, i) => `  c${i}`)].join('\n');
    expect(failure(() => parseHierarchyOutline(wide)).message).toBe('studies.import.tooManyChildren');
    const deep = Array.from({ length: 7 }, (_, i) => `${'  '.repeat(i)}level ${i}`).join('\n');
    expect(failure(() => parseHierarchyOutline(deep)).message).toBe('studies.import.tooDeep');
  });
});

describe('JSON document', () => {
  it('round-trips the template with descriptions', () => {
    const template = defaultHierarchyTemplate();
    const text = exportHierarchyJson(template, 'A study');
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ format: 'credit-ahp-hierarchy', version: 1, study: 'A study' });
    expect(parseHierarchyJson(text)).toEqual(normaliseHierarchy(template));
  });

  it('accepts plain-string names and missing codes', () => {
    const tree = parseHierarchyJson(JSON.stringify({ goal: { name: 'G', children: [{ name: { zh: '甲' } }, { name: 'B', children: [{ name: 'b1' }] }] } }));
    expect(tree.children.map((c) => c.names)).toEqual([{ en: '', zh: '甲' }, { en: 'B', zh: '' }]);
    expect([tree.code, tree.children[0]?.code]).toEqual(['GOAL', 'N1']);
  });

  it.each([
    ['not JSON', '{', 'studies.import.badJson'],
    ['another format', '{"format":"other","goal":{"name":"x"}}', 'studies.import.badFormat'],
    ['no goal', '{"format":"credit-ahp-hierarchy"}', 'studies.import.noGoal'],
    ['a nameless node', '{"goal":{"name":"G","children":[{"code":"X"}]}}', 'studies.import.noName'],
    ['children not a list', '{"goal":{"name":"G","children":{"a":1}}}', 'studies.import.badField'],
    ['a numeric name', '{"goal":{"name":{"en":5}}}', 'studies.import.badField'],
    ['a non-object node', '{"goal":{"name":"G","children":[3]}}', 'studies.import.badNode'],
  ])('refuses %s', (_name, text, key) => {
    expect(failure(() => parseHierarchyJson(text)).message).toBe(key);
  });
});
