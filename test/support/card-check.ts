// Checks an Adaptive Card with the real Adaptive Cards parser (the library clients render with),
// as clients do: parse events plus validateProperties, and TextBlocks with text.
const AC = require('adaptivecards/dist/adaptivecards.js');

export function cardProblems(content: Record<string, unknown>): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(content, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && (typeof o.text !== 'string' || !o.text.trim())) problems.push('a TextBlock has no text');
      Object.values(o).forEach(walk);
    }
  };
  walk(content.body);
  return problems;
}
