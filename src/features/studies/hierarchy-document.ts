import { ValidationError } from '../../web/http-errors.js';
import {
  CODE_PATTERN,
  MAX_CHILDREN,
  MAX_HIERARCHY_DEPTH,
  MAX_HIERARCHY_NODES,
  freeCode,
  type LocalizedPair,
  type TreeNode,
} from './hierarchy-tree.js';

/**
 * Import and export of a hierarchy: a nested JSON document and an indented text outline. Both go through
 * `normaliseHierarchy`, which checks the limits (depth, children, node count, lengths), fills in missing codes
 * and rejects duplicates, so a bad file is refused as a whole and changes nothing.
 */
export interface NewHierarchyNode {
  code: string;
  names: LocalizedPair;
  descriptions: LocalizedPair;
  children: NewHierarchyNode[];
}

export const HIERARCHY_FORMAT = 'credit-ahp-hierarchy';
const NAME_MAX = 200;
const DESCRIPTION_MAX = 4000;

/** JSON document node as written by exportHierarchyJson (codes optional on import). */
interface DocumentNode {
  code?: unknown;
  name?: unknown;
  description?: unknown;
  children?: unknown;
}

function fail(key: string, params: Record<string, string | number> = {}): never {
  throw new ValidationError(key, {}, { ...params }).with(params);
}

function localized(value: unknown, where: string, max: number, field: 'name' | 'description'): LocalizedPair {
  if (value === undefined || value === null) return { en: '', zh: '' };
  if (typeof value === 'string') return { en: value.trim(), zh: '' };
  if (typeof value !== 'object' || Array.isArray(value)) fail('studies.import.badField', { where, field });
  const record = value as Record<string, unknown>;
  const pick = (key: string) => {
    const v = record[key];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') fail('studies.import.badField', { where, field });
    return v.trim();
  };
  const pair = { en: pick('en'), zh: pick('zh') || pick('zh-CN') };
  if (pair.en.length > max || pair.zh.length > max) fail('studies.import.tooLong', { where, field });
  return pair;
}

/**
 * Checks a tree of new nodes: names present (English or Chinese) and not too long, at most MAX_CHILDREN
 * children per node, at most MAX_HIERARCHY_DEPTH levels below the goal, at most MAX_HIERARCHY_NODES nodes,
 * codes well-formed and unique (case-insensitive); missing codes become GOAL / N1, N2, … Returns a copy.
 */
export function normaliseHierarchy(goal: NewHierarchyNode): NewHierarchyNode {
  const used = new Set<string>();
  let count = 0;
  const check = (node: NewHierarchyNode, depth: number, where: string) => {
    count++;
    if (count > MAX_HIERARCHY_NODES) fail('studies.import.tooManyNodes', { max: MAX_HIERARCHY_NODES });
    if (depth > MAX_HIERARCHY_DEPTH) fail('studies.import.tooDeep', { where, max: MAX_HIERARCHY_DEPTH });
    if (!node.names.en && !node.names.zh) fail('studies.import.noName', { where });
    if (node.names.en.length > NAME_MAX || node.names.zh.length > NAME_MAX) fail('studies.import.tooLong', { where, field: 'name' });
    if (node.children.length > MAX_CHILDREN) fail('studies.import.tooManyChildren', { where, max: MAX_CHILDREN });
    if (node.code) {
      if (!CODE_PATTERN.test(node.code)) fail('studies.import.badCode', { where, code: node.code.slice(0, 50) });
      if (used.has(node.code.toLowerCase())) fail('studies.import.duplicateCode', { where, code: node.code });
      used.add(node.code.toLowerCase());
    }
    node.children.forEach((child, i) => check(child, depth + 1, `${where} › ${child.names.en || child.names.zh || i + 1}`));
  };
  const copy = structuredClone(goal);
  check(copy, 0, copy.names.en || copy.names.zh || 'goal');
  const assign = (node: NewHierarchyNode, isGoal: boolean) => {
    if (!node.code) {
      node.code = isGoal && !used.has('goal') ? 'GOAL' : freeCode(used);
      used.add(node.code.toLowerCase());
    }
    node.children.forEach((child) => assign(child, false));
  };
  assign(copy, true);
  return copy;
}

/** Reads the JSON document `{ format, version, goal: { code, name: { en, zh }, description, children } }`. */
export function parseHierarchyJson(text: string): NewHierarchyNode {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    fail('studies.import.badJson');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail('studies.import.badJson');
  const record = doc as Record<string, unknown>;
  if (record.format !== undefined && record.format !== HIERARCHY_FORMAT) fail('studies.import.badFormat');
  const goal = record.goal;
  if (typeof goal !== 'object' || goal === null) fail('studies.import.noGoal');
  let count = 0;
  const read = (value: unknown, where: string, depth: number): NewHierarchyNode => {
    if (++count > MAX_HIERARCHY_NODES) fail('studies.import.tooManyNodes', { max: MAX_HIERARCHY_NODES });
    if (depth > MAX_HIERARCHY_DEPTH) fail('studies.import.tooDeep', { where, max: MAX_HIERARCHY_DEPTH });
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('studies.import.badNode', { where });
    const node = value as DocumentNode;
    if (node.code !== undefined && node.code !== null && typeof node.code !== 'string') fail('studies.import.badField', { where, field: 'code' });
    const names = localized(node.name, where, NAME_MAX, 'name');
    const here = names.en || names.zh || where;
    const children = node.children ?? [];
    if (!Array.isArray(children)) fail('studies.import.badField', { where: here, field: 'children' });
    if (children.length > MAX_CHILDREN) fail('studies.import.tooManyChildren', { where: here, max: MAX_CHILDREN });
    return {
      code: typeof node.code === 'string' ? node.code.trim() : '',
      names,
      descriptions: localized(node.description, here, DESCRIPTION_MAX, 'description'),
      children: children.map((child, i) => read(child, `${here} › ${i + 1}`, depth + 1)),
    };
  };
  return normaliseHierarchy(read(goal, 'goal', 0));
}

function toDocumentNode(node: TreeNode | NewHierarchyNode): Record<string, unknown> {
  const out: Record<string, unknown> = { code: node.code, name: { en: node.names.en, zh: node.names.zh } };
  if (node.descriptions.en || node.descriptions.zh) out.description = { en: node.descriptions.en, zh: node.descriptions.zh };
  if (node.children.length) out.children = node.children.map(toDocumentNode);
  return out;
}

/** The JSON document of a hierarchy (readable by parseHierarchyJson). */
export function exportHierarchyJson(goal: TreeNode | NewHierarchyNode, title?: string): string {
  return `${JSON.stringify({ format: HIERARCHY_FORMAT, version: 1, ...(title ? { study: title } : {}), goal: toDocumentNode(goal) }, null, 2)}\n`;
}

const escapeOutline = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/^\[/, '\\[').replace(/^#/, '\\#');

/**
 * The indented text outline: one node per line, two spaces per level, `[CODE] English name | 中文名`.
 * Descriptions are not part of the outline (use JSON to keep them).
 */
export function exportHierarchyOutline(goal: TreeNode | NewHierarchyNode): string {
  const lines: string[] = [];
  const visit = (node: TreeNode | NewHierarchyNode, depth: number) => {
    const zh = node.names.zh ? ` | ${escapeOutline(node.names.zh)}` : '';
    lines.push(`${'  '.repeat(depth)}[${node.code}] ${escapeOutline(node.names.en)}${zh}`.trimEnd());
    node.children.forEach((child) => visit(child, depth + 1));
  };
  visit(goal, 0);
  return `${lines.join('\n')}\n`;
}

/** Splits "name | 名称" at the first unescaped |, then unescapes \\ \| \[ \#. */
function splitNames(text: string): { en: string; zh: string } {
  let en = '', zh = '', inZh = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[++i] as string;
      if (inZh) zh += next; else en += next;
    } else if (ch === '|' && !inZh) {
      inZh = true;
    } else if (inZh) {
      zh += ch;
    } else {
      en += ch;
    }
  }
  return { en: en.trim(), zh: zh.trim() };
}

/**
 * Reads an indented outline: the first line (no indentation) is the goal; each deeper level is indented by one
 * more step (a tab, or the number of spaces of the first indented line); `#` starts a comment line; an optional
 * `[CODE]` starts a line; `|` separates the English and Chinese names. Errors name the line.
 */
export function parseHierarchyOutline(text: string): NewHierarchyNode {
  const rows: { line: number; level: number; node: NewHierarchyNode }[] = [];
  let unit = 0;
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  if (lines.length > MAX_HIERARCHY_NODES * 2 + 50) fail('studies.import.tooManyNodes', { max: MAX_HIERARCHY_NODES });
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim() || raw.trim().startsWith('#')) return;
    const indent = /^[ \t]*/.exec(raw)?.[0] ?? '';
    let level: number;
    if (indent.includes('\t')) {
      if (indent.includes(' ')) fail('studies.import.mixedIndent', { line });
      level = indent.length;
    } else if (indent.length === 0) {
      level = 0;
    } else {
      if (unit === 0) unit = indent.length;
      if (indent.length % unit !== 0) fail('studies.import.badIndent', { line });
      level = indent.length / unit;
    }
    let body = raw.slice(indent.length).trim();
    let code = '';
    const codeMatch = /^\[([^\]]*)\]\s*/.exec(body);
    if (codeMatch) {
      code = (codeMatch[1] ?? '').trim();
      body = body.slice(codeMatch[0].length);
    }
    const names = splitNames(body);
    if (names.en.length > NAME_MAX || names.zh.length > NAME_MAX) fail('studies.import.tooLong', { where: `line ${line}`, field: 'name' });
    rows.push({ line, level, node: { code, names, descriptions: { en: '', zh: '' }, children: [] } });
  });
  const first = rows[0];
  if (!first) fail('studies.import.empty');
  if (first.level !== 0) fail('studies.import.badIndent', { line: first.line });
  const stack: NewHierarchyNode[] = [first.node];
  for (const row of rows.slice(1)) {
    if (row.level === 0) fail('studies.import.twoGoals', { line: row.line });
    if (row.level > stack.length) fail('studies.import.skippedLevel', { line: row.line });
    stack.length = row.level;
    const parent = stack[row.level - 1] as NewHierarchyNode;
    parent.children.push(row.node);
    stack.push(row.node);
  }
  return normaliseHierarchy(first.node);
}
