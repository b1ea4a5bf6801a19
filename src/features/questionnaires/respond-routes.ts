import type { Request, RequestHandler, Response } from 'express';
import { CATALOGUES } from '../../i18n/catalogue.js';
import { isLocale, type Locale } from '../../i18n/locale.js';
import { createTranslator, type Translate } from '../../i18n/translator.js';
import { parseInput } from '../../web/forms.js';
import { jsonForScript } from '../../web/render-page.js';
import { access, route, type RouteDef } from '../../web/route-table.js';
import { textIn } from './local-text.js';
import { SubmissionBody } from './questionnaires-schemas.js';
import type { QuestionnairesService, RespondentContext } from './questionnaires-service.js';

const translators: Record<Locale, Translate> = { en: createTranslator(CATALOGUES, 'en'), 'zh-CN': createTranslator(CATALOGUES, 'zh-CN') };

/** The respondent's language: `?lang=` on the link, else the browser's (Accept-Language), as negotiated for every page. */
function respondentLocale(req: Request): Locale {
  const asked = req.query.lang;
  return isLocale(asked) ? asked : req.locale;
}

/**
 * Staff respondents' pages, reached by a link token in the path (no account, no session): `/q/<token>` is the
 * anonymous shared link, `/s/<token>` a personal link (autosave and resume). The pages render with their own small
 * layout and never create a session or cookie, so answering leaves nothing behind that could identify anyone.
 * A wrong, revoked or expired token gets the same neutral 404 as any unknown page.
 */
export function respondRoutes(deps: { questionnaires: QuestionnairesService }): RouteDef[] {
  const { questionnaires } = deps;
  const staff = access.link('staff');
  const json = { body: ['json' as const], csrf: false, bodyLimit: '1mb' };
  const token = (req: Request) => String(req.params.token);
  // The page's language (?lang=) also applies to error messages from the one error handler.
  const language: RequestHandler = (req, _res, next) => {
    req.locale = respondentLocale(req);
    req.t = translators[req.locale];
    next();
  };

  const render = (req: Request, res: Response, view: 'respond/respond' | 'respond/message', locals: Record<string, unknown>, status = 200) => {
    const locale = respondentLocale(req);
    const t = translators[locale];
    const vendor = res.locals.vendor as Record<string, string>;
    res.set('Cache-Control', 'no-store');
    res.set('X-Robots-Tag', 'noindex');
    res.status(status).render(view, { t, locale, vendor, jsonForScript, path: req.path, ...locals });
  };

  const showMessage = (req: Request, res: Response, context: RespondentContext, kind: string, status: number) => {
    const locale = respondentLocale(req);
    render(req, res, 'respond/message', { title: textIn(context.compiled.title, locale) || context.questionnaire.title, kind }, status);
  };

  const showSurvey = (req: Request, res: Response, context: RespondentContext, mode: 'shared' | 'personal') => {
    const locale = respondentLocale(req);
    const t = translators[locale];
    const base = `/${mode === 'shared' ? 'q' : 's'}/${token(req)}`;
    const anonymous = mode === 'shared' || context.questionnaire.anonymous;
    render(req, res, 'respond/respond', {
      title: textIn(context.compiled.title, locale) || context.questionnaire.title,
      notice: anonymous ? t('questionnaires.respond.anonymousNotice') : t('questionnaires.respond.identifiedNotice'),
      resumeNotice: mode === 'personal' ? t('questionnaires.respond.resumeNotice') : t('questionnaires.respond.localNotice'),
      respondData: {
        mode,
        schema: context.compiled.schema,
        version: context.version,
        locale,
        submitUrl: `${base}/submit?lang=${locale}`,
        autosaveUrl: mode === 'personal' ? `${base}/autosave?lang=${locale}` : null,
        draft: context.link?.draft ?? null,
        messages: {
          saved: t('questionnaires.respond.saved'),
          saveFailed: t('questionnaires.respond.saveFailed'),
          sending: t('questionnaires.respond.sending'),
          failed: t('questionnaires.respond.failed'),
          retry: t('questionnaires.respond.retry'),
        },
      },
    });
  };

  return [
    route.get('/q/:token', staff, language, async (req, res) => {
      const context = await questionnaires.resolveShared(token(req));
      if (context.availability !== 'open') return showMessage(req, res, context, context.availability, 410);
      showSurvey(req, res, context, 'shared');
    }),
    route.post('/q/:token/submit', staff, json, language, async (req, res) => {
      const input = parseInput(SubmissionBody, req.body);
      const locale = respondentLocale(req);
      await questionnaires.submitShared(token(req), input, locale, translators[locale]);
      res.status(201).json({ ok: true });
    }),
    route.get('/s/:token', staff, language, async (req, res) => {
      const context = await questionnaires.resolvePersonal(token(req));
      if (context.link?.status === 'submitted') return showMessage(req, res, context, 'submitted', 200);
      if (context.availability !== 'open') return showMessage(req, res, context, context.availability, 410);
      showSurvey(req, res, context, 'personal');
    }),
    route.post('/s/:token/autosave', staff, json, language, async (req, res) => {
      const input = parseInput(SubmissionBody, req.body);
      const locale = respondentLocale(req);
      res.json(await questionnaires.autosave(token(req), input, locale, translators[locale]));
    }),
    route.post('/s/:token/submit', staff, json, language, async (req, res) => {
      const input = parseInput(SubmissionBody, req.body);
      const locale = respondentLocale(req);
      await questionnaires.submitPersonal(token(req), input, locale, translators[locale]);
      res.status(201).json({ ok: true });
    }),
  ];
}
