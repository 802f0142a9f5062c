import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/render/capabilities';

describe('channel capabilities', () => {
  it('draws cards on Web Chat and Teams, and nowhere a client would show raw JSON', () => {
    for (const id of ['webchat', 'directline', 'msteams']) expect(capabilitiesOf(id).cards, id).toBe(true);
    for (const id of ['slack', 'emulator', 'console', 'test', undefined]) expect(capabilitiesOf(id).cards, String(id)).toBe(false);
  });

  it('numbers the choices only where no button reaches the person', () => {
    expect(capabilitiesOf('slack')).toMatchObject({ numberedChoices: true, suggestedActions: 0 });
    expect(capabilitiesOf('msteams')).toMatchObject({ numberedChoices: false, suggestedActions: 3 });
    expect(capabilitiesOf('webchat').numberedChoices).toBe(false);
  });

  it('treats an unknown or inherited name as a plain client', () => {
    for (const id of ['__proto__', 'constructor', 'toString', 'skype']) expect(capabilitiesOf(id).style, id).toBe('plain');
  });
});
