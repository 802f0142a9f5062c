// Routes a message through the guided flows before the FAQ answers it: it continues the flow in
// progress, starts the flow a message asks for, handles "forget me", and keeps the conversation's
// last answer for context follow-ups. Flow state lives in ConversationState and what people told
// the bot in UserState, over any botbuilder Storage (a file store by default, memory in tests).
// A turn that only answers a question writes nothing: the store is touched when a flow is.
// A store that refuses writes does not undo decisions: they are kept in memory (see
// MemoryFallbackStorage), and the person is told once per conversation.
import {
  ConversationState,
  MemoryStorage,
  UserState,
  type Activity,
  type StatePropertyAccessor,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet'; // not the index: see flow-dialog.ts
import type { FaqApi } from '../src/faq/port';
import { BoundedCache, conversationKey } from '../src/lib/bounded-cache';
import type { FlowKit } from '../src/flows/index';
import type { Logger } from '../src/lib/log';
import { message, type RenderCopy } from '../src/render/decision';
import { MemoryFallbackStorage } from '../src/storage/memory-fallback-storage';
import { MemoryNotes, type Notes } from '../src/storage/notes';
import { BreakingInDialog } from './breaking-in-dialog';
import { CareerPathDialog } from './career-path-dialog';
import { FLOW_TEXT_KEY, FLOW_TURN_KEY, type FlowDeps, type FlowTurn, type UserProfile } from './flow-dialog';
import { SalaryEstimateDialog } from './salary-estimate-dialog';
import { SkillsCheckDialog } from './skills-check-dialog';

/** Conversations whose last answer is kept for follow-ups (the oldest are forgotten first). */
const LAST_ANSWERS_KEPT = 10_000;

export class FlowRouter {
  private readonly conversationState: ConversationState;
  private readonly userState: UserState;
  private readonly dialogs: DialogSet;
  private readonly profile: StatePropertyAccessor<UserProfile>;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly store: MemoryFallbackStorage;
  /** Conversations already told that their state could not be saved. */
  private readonly toldTrouble = new BoundedCache<true>(LAST_ANSWERS_KEPT);

  constructor(
    private readonly kit: FlowKit,
    faq: FaqApi,
    copy: RenderCopy,
    /** Memory by default: state then lasts as long as the process (the terminal chat, tests). */
    storage: Storage = new MemoryStorage(),
    logger?: Logger,
    /**
     * The entry last answered in each conversation, so "and for seniors?" can be read in its
     * context: a note, not flow state, so a plain question costs the state store no write.
     */
    private readonly lastAnswers: Notes = new MemoryNotes(),
  ) {
    this.store = new MemoryFallbackStorage(storage, {
      onFailing: (err) =>
        logger?.error({ err: err instanceof Error ? err.message : String(err) }, 'the state store refuses writes; keeping state in memory'),
      onRecovered: () => logger?.info('the state store takes writes again'),
    });
    this.conversationState = new ConversationState(this.store);
    this.userState = new UserState(this.store);
    this.profile = this.userState.createProperty('profile');
    const deps: FlowDeps = { kit, faq, copy, profile: this.profile };
    this.dialogState = this.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState)
      .add(new CareerPathDialog(deps))
      .add(new SkillsCheckDialog(deps))
      .add(new SalaryEstimateDialog(deps))
      .add(new BreakingInDialog(deps));
  }

  /**
   * Gives the message to the flows. Returns what became of it when a flow (or "forget me") took
   * it, or undefined when the FAQ should answer it.
   */
  async route(context: TurnContext, text: string): Promise<FlowTurn | undefined> {
    const turn: FlowTurn = {};
    context.turnState.set(FLOW_TEXT_KEY, text);
    context.turnState.set(FLOW_TURN_KEY, turn);
    const command = this.kit.commands.command(text);

    if (command === 'forgetMe') {
      const copy = this.kit.kb.flows.copy;
      const known = await this.profile.get(context);
      await this.profile.delete(context);
      turn.forgotten = true;
      await context.sendActivity(message(known && Object.keys(known).length ? copy.forgotten : copy.nothingToForget) as Partial<Activity>);
      return turn;
    }
    // A dialog context (with its memory scopes) is built only when a flow is or will be involved:
    // most messages are plain questions.
    const inFlow = ((await this.dialogState.get(context))?.dialogStack?.length ?? 0) > 0;
    if (inFlow) {
      await (await this.dialogs.createContext(context)).continueDialog();
      return turn;
    }
    const flow = this.kit.commands.flowToStart(text);
    if (flow) {
      await (await this.dialogs.createContext(context)).beginDialog(flow, { text });
      return turn;
    }
    if (command === 'cancel' || command === 'back' || command === 'startOver') {
      await context.sendActivity(message(this.kit.kb.flows.copy.noFlow, this.kit.commands.flowButtons()) as Partial<Activity>);
      return turn;
    }
    return undefined;
  }

  /** Ends whatever flow is in progress (after an error, so the next message starts afresh). */
  async reset(context: TurnContext): Promise<void> {
    await this.conversationState.clear(context);
  }

  lastAnswer(context: TurnContext): Promise<string | undefined> {
    return this.lastAnswers.get(conversationKey(context.activity));
  }

  setLastAnswer(context: TurnContext, entryId: string | undefined): Promise<void> {
    return this.lastAnswers.set(conversationKey(context.activity), entryId);
  }

  /** Writes the turn's state changes to the store (after a turn a flow or "forget me" took). */
  async save(context: TurnContext): Promise<void> {
    await Promise.all([this.conversationState.saveChanges(context), this.userState.saveChanges(context)]);
  }

  /** Whether this conversation's flow or this person's profile lives only in memory (the store refused it). */
  keptInMemoryOnly(context: TurnContext): boolean {
    const keys = [this.conversationState.getStorageKey(context), this.userState.getStorageKey(context)];
    return keys.some((key) => key !== undefined && this.store.keptInMemory(key));
  }

  /** True the first time it is asked in a conversation, so state trouble is mentioned once. */
  firstTroubleNotice(context: TurnContext): boolean {
    const key = conversationKey(context.activity);
    if (this.toldTrouble.get(key)) return false;
    this.toldTrouble.set(key, true);
    return true;
  }
}
