// What steers the flows: commands that work at any step ("help", "back", "cancel", "start over",
// "forget me") and the explicit requests that start a flow ("walk me through the career path").
import type { KnowledgeBase } from '../knowledge/load';
import type { FlowText, PhraseList } from './text';

export type Command = 'help' | 'cancel' | 'startOver' | 'back' | 'forgetMe';
export const FLOW_IDS = ['careerPath', 'skillsCheck', 'salaryEstimate', 'breakingIn'] as const;
export type FlowId = (typeof FLOW_IDS)[number];

/** Longest message, in words, that can start a flow: a long message is a question, not a request. */
const MAX_TRIGGER_WORDS = 16;

export class FlowCommands {
  private readonly commands: PhraseList<Command>;
  private readonly triggers: PhraseList<FlowId>;
  private readonly buttons: PhraseList<FlowId>;
  private readonly requestsAndTopics: { id: FlowId; requests: PhraseList<true>; topics: PhraseList<true> }[];

  constructor(
    private readonly text: FlowText,
    private readonly kb: KnowledgeBase,
  ) {
    const c = kb.flows.commands;
    this.commands = text.phrases((Object.keys(c) as Command[]).flatMap((command) => c[command].map((p) => [p, command] as const)));
    this.triggers = text.phrases(FLOW_IDS.flatMap((id) => kb.flows[id].triggers.map((p) => [p, id] as const)));
    this.buttons = text.phrases(FLOW_IDS.map((id) => [kb.flows[id].button, id] as const));
    const tagged = (list: readonly string[]) => text.phrases(list.map((p) => [p, true] as const));
    this.requestsAndTopics = FLOW_IDS.map((id) => ({ id, requests: tagged(kb.flows[id].requests), topics: tagged(kb.flows[id].topics) }));
  }

  /** The buttons that start each flow. */
  flowButtons(): string[] {
    return FLOW_IDS.map((id) => this.kb.flows[id].button);
  }

  /** The button offered under an entry's answer, if a flow continues that topic. */
  flowFor(entryId: string): FlowId | undefined {
    return FLOW_IDS.find((id) => this.kb.flows[id].offeredBy.includes(entryId));
  }

  /** A command, when the message is only that command ("back", "ok cancel please"). */
  command(message: string): Command | undefined {
    return this.commands.whole(this.text.core(this.text.words(message)));
  }

  /**
   * The flow a message asks to start: its button label, a trigger phrase, or one of the flow's
   * request words together with one of its topic words. Questions ("how do I break in?") have a
   * topic but no request word, and stay with the FAQ.
   */
  flowToStart(message: string): FlowId | undefined {
    const words = this.text.words(message);
    if (!words.length || words.length > MAX_TRIGGER_WORDS) return undefined;
    const named = this.buttons.whole(this.text.core(words)) ?? this.triggers.find(words)?.value;
    if (named) return named;
    return this.requestsAndTopics.find((f) => {
      const request = f.requests.find(words);
      if (!request) return false;
      // The topic must be other words than the request ("walk me through" is no topic).
      const rest = [...words.slice(0, request.start), '|', ...words.slice(request.start + request.length)];
      return f.topics.find(rest) !== undefined;
    })?.id;
  }
}
