// Adaptive Cards for the channels that draw them (capabilities.ts). Pure: returns plain
// attachment objects, no botbuilder import. The schema version is the one Teams renders. A card
// with text carries it twice more: `fallbackText` for clients that cannot draw cards, and `speak`
// (the same as plain sentences) for screen readers and voice clients.
import { spokenText } from './speech';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const CARD_VERSION = '1.5';

export interface Attachment {
  contentType: string;
  content: Record<string, unknown>;
  /** What a list shows before the card is picked (Teams message extension results). */
  preview?: Record<string, unknown>;
}

export interface SkillsSummaryCardData {
  /** What clients that cannot draw the card show instead. */
  fallbackText: string;
  title: string;
  strengthsLabel: string;
  strengths: { name: string; rating: number }[];
  noStrengths: string;
  developLabel: string;
  develop: { name: string; rating: number; tips: readonly string[] }[];
  allStrong: string;
  skipped?: string;
}

const textBlock = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text, wrap: true, ...extra });

export function skillsSummaryCard(d: SkillsSummaryCardData): Attachment {
  const body: Record<string, unknown>[] = [textBlock(d.title, { size: 'Large', weight: 'Bolder' })];
  body.push(textBlock(d.strengthsLabel, { weight: 'Bolder', spacing: 'Medium' }));
  if (d.strengths.length) body.push({ type: 'FactSet', facts: d.strengths.map((s) => ({ title: s.name, value: `${s.rating}/5` })) });
  else body.push(textBlock(d.noStrengths));
  if (d.develop.length) {
    body.push(textBlock(d.developLabel, { weight: 'Bolder', spacing: 'Medium' }));
    for (const area of d.develop) {
      body.push(textBlock(`${area.name} (${area.rating}/5)`, { weight: 'Bolder', spacing: 'Small' }));
      body.push(textBlock(area.tips.map((t) => `- ${t}`).join('\n'), { spacing: 'None' }));
    }
  } else {
    body.push(textBlock(d.allStrong));
  }
  if (d.skipped) body.push(textBlock(d.skipped, { isSubtle: true, spacing: 'Medium' }));
  return card(body, withFallback(d.fallbackText));
}

function card(body: Record<string, unknown>[], extra: Record<string, unknown> = {}): Attachment {
  return {
    contentType: ADAPTIVE_CARD_CONTENT_TYPE,
    content: { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body, ...extra },
  };
}

/** A card's text for clients without cards (markdown) and for screen readers (plain sentences). */
const withFallback = (markdown: string) => ({ fallbackText: markdown, speak: spokenText(markdown) });

/** An answer: its title, then its text (Adaptive Cards' TextBlock renders the markdown subset used). */
export function answerCard(title: string, text: string): Attachment {
  return card(
    [textBlock(title, { size: 'Medium', weight: 'Bolder' }), textBlock(text, { spacing: 'Small' })],
    withFallback(`${title}\n\n${text}`),
  );
}

/**
 * A quotable answer for a recruiter to insert into a chat (Teams message extension): the answer,
 * and where it comes from, with a thumbnail preview for the result list.
 */
export function quickAnswerCard(title: string, text: string, source: string): Attachment {
  const full = card(
    [
      textBlock(title, { size: 'Medium', weight: 'Bolder' }),
      textBlock(text, { spacing: 'Small' }),
      textBlock(source, { isSubtle: true, size: 'Small', spacing: 'Medium' }),
    ],
    withFallback(`${title}\n\n${text}\n\n${source}`),
  );
  const snippet = text.length > 120 ? `${text.slice(0, 117).trimEnd()}...` : text;
  return { ...full, preview: { contentType: 'application/vnd.microsoft.card.thumbnail', content: { title, text: snippet } } };
}

/** Buttons on their own card, for Teams conversations that show no suggested actions. */
export function cardButtonsCard(options: readonly string[]): Attachment {
  return card([], {
    actions: options.map((title) => ({ type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: title } } })),
  });
}
