// The analytics page's SVG charts and HTML: text escaped (questions are what visitors typed),
// charts labelled for screen readers with their figures written out, round axis ticks, and a page
// whose only inline content is the stylesheet its Content-Security-Policy allows by hash.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { barChart, columnChart, niceMax } from '../../src/admin/charts';
import { ADMIN_CSP, dashboardPage, loginPage, noticePage } from '../../src/admin/page';
import { buildReport } from '../../src/admin/report';
import { record } from '../support/question-log-contract';

const HOSTILE = '<script>alert("x")</script> & \'quoted\'';
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;';

describe('columnChart', () => {
  const svg = columnChart({
    id: 'per-day',
    title: `Questions ${HOSTILE}`,
    description: 'Per day.',
    labels: ['12-01', '12-02', HOSTILE],
    series: [
      { name: 'Answered', color: '#0F6CBD', values: [3, 0, 4] },
      { name: HOSTILE, color: '#C4314B', values: [1, 0, 0] },
    ],
  });

  it('is an image named by its title and description, every text escaped', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*role="img" aria-labelledby="per-day-title per-day-desc"/);
    expect(svg).toContain(`<title id="per-day-title">Questions ${ESCAPED}</title>`);
    expect(svg).toContain('<desc id="per-day-desc">Per day.</desc>');
    expect(svg).not.toContain('<script');
    expect(svg).toContain(ESCAPED);
  });

  it('draws one bar segment per non-zero value, each with its figure as a tooltip', () => {
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(3);
    expect(svg).toContain('<title>12-01: Answered 3</title>');
    expect(svg).toContain(`<title>12-01: ${ESCAPED} 1</title>`);
    // The axis goes to the next round number above the tallest column (4): 5.
    expect(svg).toContain('>5</text>');
  });

  it('writes the total above each column, up to a month of columns', () => {
    expect(svg.match(/text-anchor="middle">4<\/text>/g)).toHaveLength(2);
    const quarter = columnChart({
      id: 'q',
      title: 't',
      description: 'd',
      labels: Array.from({ length: 90 }, (_, i) => `d${i}`),
      series: [{ name: 'Answered', color: '#0F6CBD', values: Array.from({ length: 90 }, () => 7) }],
    });
    expect(quarter).not.toContain('text-anchor="middle">7</text>');
    // Ten day labels, not ninety.
    expect(quarter.match(/>d\d+<\/text>/g)).toHaveLength(10);
  });
});

describe('barChart', () => {
  it('labels every row, writes its figure, and escapes both', () => {
    const svg = barChart({
      id: 'topics',
      title: 'Top topics',
      description: 'Answers per entry.',
      rows: [
        { label: HOSTILE, segments: [{ name: 'Answers', color: '#0F6CBD', value: 7 }] },
        { label: 'Salary', segments: [{ name: 'Answers', color: '#0F6CBD', value: 2 }], valueText: '2 <answers>' },
      ],
      empty: 'none',
    });
    expect(svg).not.toContain('<script');
    expect(svg).toContain(`<title>${ESCAPED}</title>`);
    expect(svg).toContain('>7</text>');
    expect(svg).toContain('>2 &lt;answers&gt;</text>');
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(2);
  });

  it('shortens a long label on screen and keeps the whole of it in the tooltip', () => {
    const label = 'A very long entry title that goes on well past the label column';
    const svg = barChart({ id: 'x', title: 't', description: 'd', rows: [{ label, segments: [] }], empty: 'none' });
    expect(svg).toContain(`<title>${label}</title>A very long entry title that goes on…</text>`);
  });

  it('says so when there is nothing to draw', () => {
    const svg = barChart({ id: 'x', title: 't', description: 'd', rows: [], empty: 'No answers in this period.' });
    expect(svg).toContain('>No answers in this period.</text>');
    expect(svg).not.toContain('<rect x="280');
  });
});

describe('niceMax', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 240, 501].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 500, 1000]);
  });
});

describe('the pages', () => {
  const now = new Date('2026-12-07T12:00:00.000Z');
  const report = buildReport({
    tallies: [{ day: '2026-12-07', kind: 'fallback', entryId: '', count: 1 }],
    records: [record(HOSTILE, { at: '2026-12-07T10:00:00.000Z', top: [{ id: 'salary', score: 0.12 }] })],
    titles: new Map([['salary', `Salary ${HOSTILE}`]]),
    days: 7,
    now,
  });
  const html = dashboardPage(report);

  it('escape the questions and titles they show and carry no script', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`<td>${ESCAPED}</td>`);
    expect(html).toContain(`Salary ${ESCAPED} (0.12)`);
    expect(html.match(/<svg /g)).toHaveLength(4);
  });

  it('allow their one inline stylesheet by its hash, and nothing from elsewhere', () => {
    for (const page of [html, loginPage(), loginPage(true), noticePage('Analytics', HOSTILE)]) {
      const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      expect(styles).toHaveLength(1);
      const hash = createHash('sha256').update(styles[0]).digest('base64');
      expect(ADMIN_CSP).toContain(`style-src 'sha256-${hash}'`);
      expect(page).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    }
    expect(ADMIN_CSP).toContain("default-src 'none'");
    expect(ADMIN_CSP).toContain("frame-ancestors 'none'");
    expect(ADMIN_CSP).not.toContain('script-src');
  });

  it('show the login form, and on a wrong token the same form with a notice that gives no hint', () => {
    expect(loginPage()).toContain('<form class="login" method="post" action="/admin/login">');
    expect(loginPage(true)).toContain('<form class="login" method="post" action="/admin/login">');
    expect(loginPage(true)).toContain('That token was not accepted.');
    expect(noticePage('Analytics', HOSTILE)).toContain(ESCAPED);
  });
});
