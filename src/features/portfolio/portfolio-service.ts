import type { ModelVersion } from '../models/model-version.js';
import type { ModelsService } from '../models/models-service.js';
import type { PortfolioRepository } from './portfolio-repository.js';
import { positionsAt, portfolioView, type PortfolioPosition, type PortfolioView } from './portfolio-view.js';

export interface TrendPoint {
  date: string;
  count: number;
  averageScore: number | null;
  nplRatioByCount: number | null;
  nplRatioByBalance: number | null;
  /** Share of positions per grade (scale order). */
  gradeShares: Record<string, number>;
  red: number;
}

/** The portfolio page's data: positions under one version at a date, and the same figures at earlier as-of dates. */
export function createPortfolioService(deps: { repository: PortfolioRepository; models: ModelsService }) {
  const { repository: repo, models } = deps;
  return {
    async view(input: { version: ModelVersion; portfolio?: string | null; asOf?: string | null; maxTrendPoints?: number }): Promise<{
      dates: string[]; asOf: string | null; current: PortfolioView; trend: TrendPoint[]; unscored: number;
    }> {
      const { version } = input;
      const all: PortfolioPosition[] = await repo.positions(version.id, input.portfolio ?? null);
      const dates = [...new Set(all.map((p) => p.asOf))].sort();
      const asOf = input.asOf && dates.length ? input.asOf : (dates[dates.length - 1] ?? null);
      const scale = version.definition.gradeScale;
      const current = portfolioView(asOf ? positionsAt(all, asOf) : [], scale);
      const trendDates = dates.slice(-(input.maxTrendPoints ?? 12));
      const trend = trendDates.map((date): TrendPoint => {
        const v = portfolioView(positionsAt(all, date), scale);
        const gradeShares: Record<string, number> = {};
        for (const g of v.byGrade) if (g.key !== null && v.count) gradeShares[g.key] = g.count / v.count;
        return {
          date, count: v.count, averageScore: v.averageScore,
          nplRatioByCount: v.summary?.npl.ratioByCount ?? null, nplRatioByBalance: v.summary?.npl.ratioByBalance ?? null,
          gradeShares, red: v.byLevel.find((l) => l.key === 'red')?.count ?? 0,
        };
      });
      return { dates, asOf, current, trend, unscored: current.count - current.scored };
    },
    models,
  };
}

export type PortfolioService = ReturnType<typeof createPortfolioService>;
