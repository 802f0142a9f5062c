// A conversation with the real bot (FaqBot with its guided flows) through botbuilder's TestAdapter:
// each say() is one turn, and returns what the bot sent in that turn.
import { TestAdapter, type Activity, type Storage } from 'botbuilder';
import { createBot } from '../../src/app';
import { FaqService } from '../../src/faq/service';
import { createFlowKit, type FlowKit } from '../../src/flows/index';
import { loadKnowledge, type KnowledgeBase } from '../../src/knowledge/load';

let shared: { kb: KnowledgeBase; faq: FaqService; kit: FlowKit } | undefined;

/** The real knowledge base, FAQ service and flow kit, built once for the whole file. */
export function knowledge() {
  if (!shared) {
    const kb = loadKnowledge();
    shared = { kb, faq: new FaqService(kb), kit: createFlowKit(kb) };
  }
  return shared;
}

export interface Turn {
  activities: Partial<Activity>[];
  /** Texts of the message activities, in order. */
  texts: string[];
  /** All message texts joined, for "contains" checks. */
  all: string;
  /** Button titles of the last message (the ones a client shows). */
  buttons: string[];
  /** The FaqMatch trace value (the adapter uses the Emulator channel). */
  trace?: { query: string; kind: string; top: { id: string; score: number }[]; threshold: number };
  attachments: { contentType?: string; content?: any }[];
}

export interface Chat {
  say(text: string): Promise<Turn>;
  adapter: TestAdapter;
}

export function chat(options: { storage?: Storage; channelId?: string; conversation?: string; user?: string } = {}): Chat {
  const { kb, faq, kit } = knowledge();
  const { bot } = createBot(kb, { faq, kit, storage: options.storage });
  const adapter = new TestAdapter(
    async (context) => bot.run(context),
    {
      channelId: options.channelId ?? 'emulator',
      conversation: { id: options.conversation ?? 'conv-1', isGroup: false, name: 'test', conversationType: 'personal' },
      from: { id: options.user ?? 'user-1', name: 'User' },
      recipient: { id: 'bot-1', name: 'Bot' },
    },
    true,
  );
  return {
    adapter,
    async say(text: string): Promise<Turn> {
      await adapter.receiveActivity(text);
      const activities = adapter.activeQueue.splice(0);
      const messages = activities.filter((a) => a.type === 'message');
      const last = messages[messages.length - 1];
      const texts = messages.map((m) => m.text ?? '').filter(Boolean);
      return {
        activities,
        texts,
        all: texts.join('\n\n'),
        buttons: (last?.suggestedActions?.actions ?? []).map((a) => a.title ?? ''),
        trace: activities.find((a) => a.type === 'trace' && a.name === 'FaqMatch')?.value,
        attachments: messages.flatMap((m) => m.attachments ?? []),
      };
    },
  };
}

/** The {name} slots of a knowledge-base sentence removed, to check it was said with any values. */
export function fixedPart(template: string): string {
  return template.split(/\{\w+\}/)[0].trim();
}
