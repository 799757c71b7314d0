// The date archives: /archives (every month with articles, by year, with
// counts) and the list of one year or month (/2024, /2024/03).
import { type Period, periodPath } from '../archives/periods';
import type { MonthCount } from '../db/archives';
import type { ArticleSummaryRow, Page } from '../db/types';
import { renderArticleList, renderPagination } from './article-list';
import { html } from './html';
import { absoluteUrl, type PageContext, pagePath, renderLayout } from './layout';
import { breadcrumbList, type Crumb } from './seo/json-ld';

export const ARCHIVES_PATH = '/archives';

// Intl formatters are costly to build: one per language per isolate.
const monthFormatters = new Map<string, Intl.DateTimeFormat>();

/** "mars 2024", "March 2024"; "2024" for a whole year. */
export function periodName(ctx: PageContext, period: Period): string {
  if (period.month === undefined) return String(period.year);
  const locale = ctx.locale.t.locale;
  let formatter = monthFormatters.get(locale);
  if (!formatter) {
    // The 15th at noon UTC names the month in every time zone.
    formatter = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    monthFormatters.set(locale, formatter);
  }
  const date = new Date(Date.UTC(2000, period.month - 1, 15, 12));
  date.setUTCFullYear(period.year);
  return formatter.format(date);
}

/** A title starts with a capital: "Mars 2024". */
function capitalised(ctx: PageContext, text: string): string {
  return text.charAt(0).toLocaleUpperCase(ctx.locale.t.locale) + text.slice(1);
}

interface YearCount {
  year: number;
  count: number;
  months: MonthCount[];
}

function byYear(months: MonthCount[]): YearCount[] {
  const years: YearCount[] = [];
  for (const month of months) {
    const last = years.at(-1);
    if (last?.year === month.year) {
      last.count += month.count;
      last.months.push(month);
    } else years.push({ year: month.year, count: month.count, months: [month] });
  }
  return years;
}

export function renderArchivesPage(ctx: PageContext, months: MonthCount[]): string {
  const { t, formatNumber } = ctx.locale;
  const count = (value: number) => t.archives.articleCount(value, formatNumber(value));
  const crumbs = [homeCrumb(ctx), { name: t.archives.title, url: absoluteUrl(ctx.settings, ARCHIVES_PATH) }];
  return renderLayout(ctx, {
    title: t.archives.title,
    canonicalPath: ARCHIVES_PATH,
    seo: { type: 'website', jsonLd: [breadcrumbList(crumbs)] },
    main: html`<h1>${t.archives.title}</h1>
${
  months.length === 0
    ? html`<p class="empty">${t.archives.empty}</p>`
    : byYear(months).map(
        (year) => html`<section class="archive-year">
<h2><a href="${periodPath(year)}">${String(year.year)}</a> <span class="count">${count(year.count)}</span></h2>
<ul class="archive-months">
${year.months.map(
  (
    month,
  ) => html`<li><a href="${periodPath(month)}">${periodName(ctx, month)}</a> <span class="count">${count(month.count)}</span></li>
`,
)}</ul>
</section>
`,
      )
}`,
  });
}

export function renderPeriodPage(ctx: PageContext, period: Period, articles: Page<ArticleSummaryRow>): string {
  const { t, formatNumber } = ctx.locale;
  const heading = capitalised(ctx, periodName(ctx, period));
  const path = periodPath(period);
  const trail: { name: string; path: string }[] = [
    { name: t.archives.title, path: ARCHIVES_PATH },
    ...(period.month === undefined ? [] : [{ name: String(period.year), path: periodPath({ year: period.year }) }]),
  ];
  const crumbs: Crumb[] = [
    homeCrumb(ctx),
    ...trail.map((crumb) => ({ name: crumb.name, url: absoluteUrl(ctx.settings, crumb.path) })),
    { name: heading, url: absoluteUrl(ctx.settings, path) },
  ];
  return renderLayout(ctx, {
    title: articles.page > 1 ? `${heading} – ${t.pageTitle(articles.page)}` : heading,
    canonicalPath: pagePath(path, articles.page),
    noindex: ctx.settings.noindexPagination && articles.page > 1,
    seo: { type: 'website', jsonLd: [breadcrumbList(crumbs)] },
    main: html`<nav class="breadcrumb" aria-label="${t.archives.breadcrumb}">
<ol>
${trail.map((crumb) => html`<li><a href="${crumb.path}">${crumb.name}</a></li>`)}
<li aria-current="page">${heading}</li>
</ol>
</nav>
<h1>${heading}</h1>
<p class="count">${t.archives.articleCount(articles.total, formatNumber(articles.total))}</p>
${renderArticleList(ctx, articles.items)}
${renderPagination(ctx, articles, path)}`,
  });
}

function homeCrumb(ctx: PageContext): Crumb {
  return { name: ctx.locale.t.home, url: absoluteUrl(ctx.settings, '/') };
}
