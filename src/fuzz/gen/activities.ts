// Valid Bot Framework activities for POST /api/messages: messages on several channels, members
// joining, Teams message-extension queries and other invokes, with replies either posted to the
// fuzzer's sink (serviceUrl) or returned in the response (deliveryMode expectReplies).
import { intBetween, pick, type Rng } from '../../lib/prng';
import { PH, chance, weighted } from './spec';
import { QUESTIONS, oddString, randomId } from './values';

export type Activity = Record<string, unknown>;

const CHANNELS = ['emulator', 'msteams', 'slack', 'webchat', 'directline', 'test', 'skype', 'telegram'];
/** How often replies go to the sink's failing path: rarely, as the bot retries a failed send for ~18 s. */
const CHANNEL_FAILS = 0.01;

export interface ValidActivity {
  activity: Activity;
  /** Replies go to the sink's failing path. */
  channelFails: boolean;
}

/** The addressing part of every activity: ids, channel, accounts and where replies go. */
function envelope(rng: Rng, channelId = pick(rng, CHANNELS)): ValidActivity {
  const expectReplies = chance(rng, 0.35);
  const channelFails = !expectReplies && chance(rng, CHANNEL_FAILS);
  const activity: Activity = {
    id: randomId(rng, 'act'),
    timestamp: new Date(Date.UTC(2026, 0, 1) + intBetween(rng, 0, 1e9)).toISOString(),
    channelId,
    serviceUrl: `${PH.sink}${channelFails ? '/fail' : ''}`,
    from: { id: randomId(rng, 'user'), name: pick(rng, ['Ann', 'Bob', '', 'Zoë', '测试']), role: 'user' },
    recipient: { id: 'careers-faq-bot', name: 'Careers bot', role: 'bot' },
    // A few fixed conversations so flows continue across requests; most are fresh.
    conversation: { id: chance(rng, 0.3) ? `conv-shared-${intBetween(rng, 0, 9)}` : randomId(rng, 'conv') },
    locale: pick(rng, ['en-US', 'en-GB', 'de-DE', 'fr', 'zz-ZZ', undefined]),
  };
  if (expectReplies) activity.deliveryMode = 'expectReplies';
  if (channelId === 'msteams') {
    (activity.conversation as Activity).conversationType = pick(rng, ['personal', 'channel', 'groupChat']);
    (activity.conversation as Activity).tenantId = randomId(rng, 'tenant');
    activity.channelData = { tenant: { id: randomId(rng, 'tenant') } };
  }
  return { activity, channelFails };
}

function message(rng: Rng): ValidActivity {
  const v = envelope(rng);
  v.activity.type = 'message';
  v.activity.text = chance(rng, 0.8) ? pick(rng, QUESTIONS) : oddString(rng).slice(0, 1500);
  if (chance(rng, 0.2)) v.activity.textFormat = pick(rng, ['plain', 'markdown', 'xml']);
  if (chance(rng, 0.1)) v.activity.value = { action: pick(rng, ['next', 'done', 'pick']), choice: pick(rng, ['A', 'B', 'C']) };
  if (chance(rng, 0.1)) {
    v.activity.attachments = [
      {
        contentType: pick(rng, ['image/png', 'application/vnd.microsoft.card.adaptive', 'text/plain']),
        contentUrl: 'http://127.0.0.1:9/x.png',
      },
    ];
  }
  if (chance(rng, 0.05)) delete v.activity.text; // an attachment or card submit without text
  return v;
}

function membersAdded(rng: Rng): ValidActivity {
  const v = envelope(rng);
  v.activity.type = 'conversationUpdate';
  const user = v.activity.from as Activity;
  const bot = v.activity.recipient as Activity;
  v.activity.membersAdded = pick(rng, [[user], [bot], [user, bot], [user, { id: 'other' }], []]);
  if (chance(rng, 0.2)) v.activity.membersRemoved = [{ id: 'gone' }];
  return v;
}

function messagingExtensionQuery(rng: Rng): ValidActivity {
  const v = envelope(rng, 'msteams');
  const initialRun = chance(rng, 0.2);
  v.activity.type = 'invoke';
  v.activity.name = 'composeExtension/query';
  v.activity.value = {
    commandId: pick(rng, ['searchQuery', 'quickAnswers', 'unknown']),
    parameters: initialRun
      ? [{ name: 'initialRun', value: 'true' }]
      : [{ name: 'query', value: chance(rng, 0.8) ? pick(rng, QUESTIONS) : oddString(rng) }],
    queryOptions: { skip: intBetween(rng, 0, 50), count: intBetween(rng, 0, 50) },
  };
  return v;
}

function otherInvoke(rng: Rng): ValidActivity {
  const v = envelope(rng, pick(rng, ['msteams', 'emulator', 'webchat']));
  v.activity.type = 'invoke';
  v.activity.name = pick(rng, [
    'adaptiveCard/action',
    'composeExtension/selectItem',
    'composeExtension/fetchTask',
    'task/fetch',
    'signin/verifyState',
    'healthCheck',
    'actionableMessage/executeAction',
    'fileConsent/invoke',
    'unknown/invoke',
    '',
  ]);
  v.activity.value = { action: { type: 'Action.Execute', verb: 'x', data: {} }, state: '123' };
  return v;
}

function otherType(rng: Rng): ValidActivity {
  const v = envelope(rng);
  v.activity.type = pick(rng, [
    'event',
    'typing',
    'messageReaction',
    'endOfConversation',
    'installationUpdate',
    'messageUpdate',
    'messageDelete',
    'contactRelationUpdate',
    'handoff',
    'trace',
  ]);
  if (v.activity.type === 'event') v.activity.name = pick(rng, ['webchat/join', 'tokens/response', 'x']);
  if (v.activity.type === 'messageReaction') v.activity.reactionsAdded = [{ type: 'like' }];
  return v;
}

/** One valid activity of any kind, most of them messages. */
export function validActivity(rng: Rng): ValidActivity & { kind: string } {
  const kind = weighted(rng, [
    ['message', 60],
    ['conversationUpdate', 10],
    ['me-query', 12],
    ['invoke', 6],
    ['other-type', 12],
  ] as const);
  const make = {
    message,
    conversationUpdate: membersAdded,
    'me-query': messagingExtensionQuery,
    invoke: otherInvoke,
    'other-type': otherType,
  }[kind];
  return { ...make(rng), kind };
}
