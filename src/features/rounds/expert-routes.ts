import type { Request, Response } from 'express';
import { parseInput } from '../../web/forms.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { leafNodes, nodeDescription, nodeName } from '../studies/hierarchy-tree.js';
import { expertPageData } from './expert-page-model.js';
import type { ExpertService } from './expert-service.js';
import { AutosaveRequest, SubmitRequest } from './rounds-schemas.js';

/**
 * The expert's personal link: `/e/:token` (the questionnaire, or a thank-you / closed page) and its JSON routes
 * (autosave, review, submit). No session or account: the token in the path is the credential, checked by the
 * service on every request; these routes are rate-limited per IP (access.link). The JSON routes take no CSRF token
 * (there is no session to forge), but the same-origin check on Origin / Sec-Fetch-Site still applies.
 */
export function expertRoutes(deps: { expert: ExpertService }): RouteDef[] {
  const { expert } = deps;
  const link = access.link('expert');
  const json = { body: ['json' as const], csrf: false, bodyLimit: '128kb' };
  const token = (req: Request) => String(req.params.token ?? '');
  const personal = (res: Response) => {
    // A personal page: never cached or indexed.
    res.set('Cache-Control', 'no-store');
    res.set('X-Robots-Tag', 'noindex, nofollow');
  };

  return [
    route.get('/e/:token', link, async (req, res) => {
      personal(res);
      const tk = token(req);
      const page = await expert.page(tk);
      const { round, invitation } = page;
      const intro = req.locale === 'zh-CN' ? round.intro.zh || round.intro.en : round.intro.en || round.intro.zh;
      const common = { title: round.label, round, invitation, intro };
      if (page.kind === 'submitted') {
        const review = await expert.review(tk);
        const names = new Map([...(page.root ? [page.root] : []), ...page.blocks, ...page.blocks.flatMap((b) => b.children)].map((n) => [n.id, nodeName(n, req.locale)]));
        return res.page('expert/submitted', { ...common, review, blocks: page.blocks, leaves: leafNodes(page.root), names });
      }
      if (page.kind !== 'questionnaire') return res.page('expert/message', { ...common, kind: page.kind });
      res.page('expert/questionnaire', {
        ...common,
        goalName: page.root ? nodeName(page.root, req.locale) : '',
        goalDescription: page.root ? nodeDescription(page.root, req.locale) : '',
        data: expertPageData({
          token: tk,
          round,
          blocks: page.blocks,
          judgments: page.judgments,
          feedback: page.feedback,
          currentNodeId: invitation.currentNodeId,
          progress: page.progress,
          locale: req.locale,
          t: req.t,
        }),
        styles: [`${res.locals.vendor.surveyCore}/survey-core.fontless.min.css`],
        scripts: [
          `${res.locals.vendor.surveyCore}/survey.core.min.js`,
          ...(req.locale === 'zh-CN' ? [`${res.locals.vendor.surveyCore}/i18n/simplified-chinese.min.js`] : []),
          `${res.locals.vendor.surveyJsUi}/survey-js-ui.min.js`,
          '/static/js/expert-consistency.js',
          '/static/js/expert-questionnaire.js',
        ],
      });
    }),
    route.post('/e/:token/autosave', link, { ...json, summary: 'Expert autosave: judgments of the personal link (server recomputes CRs)' }, async (req, res) => {
      personal(res);
      res.json(await expert.autosave(token(req), parseInput(AutosaveRequest, req.body)));
    }),
    route.get('/e/:token/review', link, { summary: 'Expert review: own weights and CRs before submitting' }, async (req, res) => {
      personal(res);
      res.json(await expert.review(token(req)));
    }),
    route.post('/e/:token/submit', link, { ...json, summary: 'Expert submit (once; a second submit is 409)' }, async (req, res) => {
      personal(res);
      parseInput(SubmitRequest, req.body ?? {});
      res.json(await expert.submit(token(req)));
    }),
  ];
}
