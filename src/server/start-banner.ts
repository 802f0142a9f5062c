// What `npm start` tells a person at a terminal, besides the JSON log lines: where to open the bot.

/**
 * @param url the server's base URL, as `listen` reports it
 * @param admin whether the analytics page is on (ADMIN_TOKEN is set)
 */
export function startBanner(url: string, admin = false): string {
  return [
    '',
    `  Careers page with the chat:  ${url}/`,
    `  Chat page alone:             ${url}/chat`,
    `  Bot Framework Emulator:      ${url}/api/messages`,
    ...(admin ? [`  Analytics (ADMIN_TOKEN):     ${url}/admin`] : []),
    '  Press Ctrl+C to stop.',
    '',
    '',
  ].join('\n');
}
