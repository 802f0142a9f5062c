// The analytics page's HTML: the figures of report.ts as charts (charts.ts) and tables, the login
// form and the short pages that say why there is nothing to show. No script at all, one inline
// stylesheet allowed by its hash, every value escaped: questions are what visitors typed.
import { createHash } from 'node:crypto';
import type { TitledGroup } from '../learning/group';
import type { Reason } from '../learning/records';
import { escapeHtml } from '../web/pages';
import { barChart, columnChart } from './charts';
import type { AdminReport, Outcomes } from './report';

/** The periods the page offers, in days. */
export const PERIODS = [7, 30, 90] as const;

const COLORS = { answered: '#0F6CBD', clarified: '#C27C0E', declined: '#C4314B', helpful: '#107C10', unhelpful: '#C4314B' };

const OUTCOME_NAMES: Record<keyof Outcomes, string> = { answered: 'Answered', clarified: 'Asked back', declined: 'Declined' };

const REASON_NAMES: Record<Reason, string> = {
  fallback: 'declined',
  clarify: 'asked back',
  'close-call': 'close call',
  unhelpful: 'marked unhelpful',
  helpful: 'marked helpful',
};

const STYLES = `
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 3rem; color: #1f2328; }
header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 1rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.5rem; }
nav a { margin-right: 0.75rem; }
nav a[aria-current] { font-weight: bold; color: inherit; text-decoration: none; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.figures li { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.5rem 1rem; min-width: 8rem; }
.figures strong { display: block; font-size: 1.4rem; }
.chart { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem; border-bottom: 1px solid #d0d7de; }
td.count { text-align: right; font-variant-numeric: tabular-nums; }
.also { color: #57606a; display: block; }
.notice { border-left: 4px solid #C4314B; padding: 0.5rem 1rem; background: #fff5f5; }
form.login { display: grid; gap: 0.5rem; max-width: 24rem; }
input, button { font: inherit; padding: 0.4rem 0.6rem; }
`;

/** No script, no other origin: the stylesheet above, by its hash, and nothing else. */
export const ADMIN_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLES).digest('base64')}'`,
  // The empty icon below: no request for /favicon.ico.
  'img-src data:',
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;
const entryName = (id: string, title: string | undefined) => title ?? `${id} (no longer in the knowledge base)`;

export function loginPage(failed = false): string {
  const notice = failed ? '<p class="notice" role="alert">That token was not accepted.</p>' : '';
  return layout(
    'Analytics: sign in',
    `<h1>Analytics</h1>
${notice}
<form class="login" method="post" action="/admin/login">
<label for="token">Admin token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** A page that only says something: the record is unavailable, a bad period, too many attempts. */
export function noticePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p class="notice" role="alert">${escapeHtml(message)}</p>`);
}

export function dashboardPage(report: AdminReport): string {
  const nav = PERIODS.map((days) =>
    days === report.days ? `<a href="?days=${days}" aria-current="page">${days} days</a>` : `<a href="?days=${days}">${days} days</a>`,
  ).join('');
  return layout(
    'Analytics',
    `<header>
<h1>Analytics</h1>
<form method="post" action="/admin/logout"><button type="submit">Sign out</button></form>
</header>
<nav aria-label="Period">${nav}</nav>
<p>${escapeHtml(report.from)} to ${escapeHtml(report.to)} (UTC).</p>
<main>
${summary(report)}
${questionsSection(report)}
${topicsSection(report)}
${unansweredSection(report)}
${feedbackSection(report)}
</main>`,
  );
}

function summary({ totals, shares }: AdminReport): string {
  const figure = (label: string, value: string) => `<li>${escapeHtml(label)}<strong>${escapeHtml(value)}</strong></li>`;
  return `<ul class="figures">
${figure('Questions', String(totals.questions))}
${figure('Answered', percent(shares.answered))}
${figure('Asked back', percent(shares.clarified))}
${figure('Declined', percent(shares.declined))}
${figure('Small talk and flow steps', String(totals.smalltalk + totals.flowSteps))}
</ul>`;
}

function questionsSection(report: AdminReport): string {
  const outcomes = Object.keys(OUTCOME_NAMES) as (keyof Outcomes)[];
  const perDay = columnChart({
    id: 'per-day',
    title: 'Questions per day',
    description: `Questions answered, asked back and declined on each day from ${report.from} to ${report.to}.`,
    labels: report.perDay.map((d) => d.day.slice(5)),
    series: outcomes.map((o) => ({ name: OUTCOME_NAMES[o], color: COLORS[o], values: report.perDay.map((d) => d[o]) })),
  });
  const split = barChart({
    id: 'outcomes',
    title: 'What became of the questions',
    description: outcomes.map((o) => `${OUTCOME_NAMES[o]} ${percent(report.shares[o])}`).join(', '),
    rows: outcomes.map((o) => ({
      label: OUTCOME_NAMES[o],
      segments: [{ name: OUTCOME_NAMES[o], color: COLORS[o], value: report.shares[o] * 100 }],
      valueText: `${percent(report.shares[o])} (${report.totals[o]})`,
    })),
    max: 100,
    empty: 'No questions in this period.',
  });
  return `<section aria-labelledby="questions-heading">
<h2 id="questions-heading">Questions</h2>
${perDay}
${split}
</section>`;
}

function topicsSection({ topTopics }: AdminReport): string {
  const chart = barChart({
    id: 'topics',
    title: 'Top topics',
    description: 'The entries answered most often, with how many times.',
    rows: topTopics.map((t) => ({
      label: entryName(t.id, t.title),
      segments: [{ name: 'Answers', color: COLORS.answered, value: t.answers }],
    })),
    empty: 'No answers in this period.',
  });
  return `<section aria-labelledby="topics-heading">\n<h2 id="topics-heading">Top topics</h2>\n${chart}\n</section>`;
}

function unansweredSection({ unanswered, keptQuestions }: AdminReport): string {
  const heading = '<h2 id="unanswered-heading">Questions worth a look</h2>';
  if (!unanswered.length) {
    return `<section aria-labelledby="unanswered-heading">\n${heading}\n<p>None in this period.</p>\n</section>`;
  }
  return `<section aria-labelledby="unanswered-heading">
${heading}
<p>${keptQuestions} question(s) declined, asked back, answered with a close runner-up or marked unhelpful; similar ones together, the most frequent first.</p>
<table>
<thead><tr><th scope="col">Times</th><th scope="col">Question</th><th scope="col">Why</th><th scope="col">Closest entry</th><th scope="col">Last asked</th></tr></thead>
<tbody>
${unanswered.map(groupRow).join('\n')}
</tbody>
</table>
</section>`;
}

function groupRow(group: TitledGroup): string {
  const [first, ...others] = group.examples;
  const wordings = [escapeHtml(first ?? ''), ...others.map((o) => `<span class="also">also “${escapeHtml(o)}”</span>`)].join('');
  const reasons = Object.entries(group.reasons).map(([reason, n]) => `${REASON_NAMES[reason as Reason] ?? reason} ${n}`);
  const closest = group.closest
    ? `${escapeHtml(entryName(group.closest.id, group.closestTitle))} (${group.closest.score.toFixed(2)})`
    : 'none';
  return (
    `<tr><td class="count">${group.count}</td><td>${wordings}</td>` +
    `<td>${escapeHtml(reasons.join(', '))}<span class="also">${escapeHtml(group.channels.join(', '))}</span></td>` +
    `<td>${closest}</td><td>${escapeHtml(group.lastAt.slice(0, 16).replace('T', ' '))}</td></tr>`
  );
}

function feedbackSection({ feedback, feedbackTotals }: AdminReport): string {
  const rated = feedbackTotals.helpful + feedbackTotals.unhelpful;
  const chart = barChart({
    id: 'feedback',
    title: 'Helpfulness',
    description: `"Was this helpful?" answered ${rated} time(s): ${feedbackTotals.helpful} yes, ${feedbackTotals.unhelpful} no.`,
    rows: feedback.map((f) => ({
      label: entryName(f.id, f.title),
      segments: [
        { name: 'Helpful', color: COLORS.helpful, value: f.helpful },
        { name: 'Not helpful', color: COLORS.unhelpful, value: f.unhelpful },
      ],
      valueText: `${f.helpful} yes, ${f.unhelpful} no`,
    })),
    empty: 'Nobody answered "Was this helpful?" in this period.',
  });
  const share = rated ? ` (${percent(feedbackTotals.helpful / rated)} helpful)` : '';
  return `<section aria-labelledby="feedback-heading">
<h2 id="feedback-heading">Helpfulness</h2>
<p>${feedbackTotals.helpful} yes and ${feedbackTotals.unhelpful} no to "Was this helpful?"${share}.</p>
${chart}
</section>`;
}
