// What `npm start` tells a person at a terminal, besides the JSON log lines: where to open the bot.

/** @param url the server's base URL, as `listen` reports it */
export function startBanner(url: string): string {
  return [
    '',
    `  Careers page with the chat:  ${url}/`,
    `  Chat page alone:             ${url}/chat`,
    `  Bot Framework Emulator:      ${url}/api/messages`,
    '  Press Ctrl+C to stop.',
    '',
    '',
  ].join('\n');
}
