import { z } from 'zod';
import { AGGREGATION_MODES } from '../../domain/ahp/aggregate-report.js';
import { COMPLETION_METHODS, MAX_MATRIX_SIZE, PRIORITY_METHODS } from '../../domain/ahp/ahp-types.js';
import { RI_TABLE_NAMES } from '../../domain/ahp/random-index.js';

/** Largest number of expert matrices one aggregation request may carry. */
export const MAX_MATRICES = 500;
/** Largest hierarchy one request may describe. */
export const MAX_HIERARCHY_NODES = 200;

const cell = z.union([z.number().finite({ message: 'must be a finite number or null' }), z.null()], {
  errorMap: () => ({ message: 'each cell must be a number or null' }),
});
const row = z.array(cell).max(MAX_MATRIX_SIZE, { message: `a matrix may have at most ${MAX_MATRIX_SIZE} columns` });
export const matrixSchema = z
  .array(row, { invalid_type_error: 'must be an array of rows' })
  .min(1, { message: 'the matrix is empty' })
  .max(MAX_MATRIX_SIZE, { message: `a matrix may have at most ${MAX_MATRIX_SIZE} rows` });

const method = z.enum(PRIORITY_METHODS as [string, ...string[]]).optional();
const riTable = z.enum(RI_TABLE_NAMES as [string, ...string[]]).optional();
const completion = z.enum(COMPLETION_METHODS as [string, ...string[]]).optional();

export const PrioritiesRequest = z
  .object({ matrix: matrixSchema, method, riTable, completion, top: z.number().int().min(0).max(435).optional() })
  .strict();

export const AggregateRequest = z
  .object({
    matrices: z.array(matrixSchema).min(1, { message: 'give at least one matrix' }).max(MAX_MATRICES, { message: `at most ${MAX_MATRICES} matrices` }),
    expertWeights: z.array(z.number().finite().positive({ message: 'expert weights must be positive' })).optional(),
    mode: z.enum(AGGREGATION_MODES as [string, ...string[]]).optional(),
    method,
    riTable,
    completion,
    scaleMax: z.number().finite().optional(),
  })
  .strict();

export const HierarchyRequest = z
  .object({
    goal: z.string().min(1).max(100),
    nodes: z
      .array(z.object({ id: z.string().min(1).max(100), children: z.array(z.string().min(1).max(100)).max(MAX_MATRIX_SIZE), matrix: matrixSchema }).strict())
      .min(1)
      .max(MAX_HIERARCHY_NODES, { message: `at most ${MAX_HIERARCHY_NODES} nodes` }),
    method,
    riTable,
    completion,
  })
  .strict();

export const UncertaintyRequest = z
  .object({
    matrix: matrixSchema,
    draws: z.number().int().min(1).max(100_000).optional(),
    seed: z.number().int().safe().optional(),
    crLimit: z.number().finite().positive().optional(),
    variation: z.number().finite().positive().max(4).optional(),
    method,
    riTable,
    completion,
  })
  .strict();
