import { describe, expect, it } from 'vitest';
import { startBanner } from '../../src/server/start-banner';

describe('the start banner for a person at a terminal', () => {
  it('says where to open the careers page, the chat page and the Emulator endpoint', () => {
    const banner = startBanner('http://127.0.0.1:3978');
    expect(banner).toContain('http://127.0.0.1:3978/\n');
    expect(banner).toContain('http://127.0.0.1:3978/chat');
    expect(banner).toContain('http://127.0.0.1:3978/api/messages');
    expect(banner).not.toContain('{');
    expect(banner).not.toContain('/admin');
  });

  it('names the analytics page when ADMIN_TOKEN is set', () => {
    expect(startBanner('http://127.0.0.1:3978', true)).toContain('http://127.0.0.1:3978/admin');
  });
});
