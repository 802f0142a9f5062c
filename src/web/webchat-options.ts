// What the pages hand Web Chat besides the token: its styleOptions (branding from the WEBCHAT_*
// settings, and how the transcript behaves) and the Adaptive Cards host config for answer cards.
import type { WebChatConfig } from '../config';

const PRIMARY_FONT = "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";
const MUTED = '#5B6673';

/** WCAG relative luminance of a #RGB or #RRGGBB colour. */
function luminance(color: string): number {
  const hex = color.length === 4 ? color.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : color;
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** White or near-black, whichever contrasts more with `background`. */
export function textColorOn(background: string): string {
  const l = luminance(background);
  const dark = '#1B1B1B';
  return 1.05 / (l + 0.05) >= (l + 0.05) / (luminance(dark) + 0.05) ? '#FFFFFF' : dark;
}

/** Web Chat's styleOptions: the branding, and how suggested actions and scrolling behave. */
export function styleOptions(w: WebChatConfig): Record<string, unknown> {
  return {
    accent: w.accentColor,
    botAvatarInitials: w.botInitials,
    userAvatarInitials: w.userInitials,
    botAvatarBackgroundColor: w.accentColor,
    userAvatarBackgroundColor: MUTED,
    bubbleBackground: w.botBubbleColor,
    bubbleTextColor: textColorOn(w.botBubbleColor),
    bubbleBorderRadius: 10,
    bubbleFromUserBackground: w.userBubbleColor,
    bubbleFromUserTextColor: textColorOn(w.userBubbleColor),
    bubbleFromUserBorderRadius: 10,
    // Wrapped rows of buttons: the carousel's arrows covered labels, and showed a "previous" arrow at the start.
    suggestedActionLayout: 'flow',
    suggestedActionBorderColor: w.accentColor,
    suggestedActionTextColor: w.accentColor,
    suggestedActionBorderRadius: 16,
    // A new reply scrolls into view only until its top reaches the top: a long answer keeps its heading in sight.
    autoScrollSnapOnPage: true,
    autoScrollSnapOnPageOffset: 0,
    sendBoxButtonColor: w.accentColor,
    hideUploadButton: true,
    primaryFont: PRIMARY_FONT,
  };
}

/**
 * The Adaptive Cards host config: answer cards in the bubbles' font, size (16 px; Adaptive Cards'
 * default is 14) and colours. It replaces Web Chat's own, so it restates the parts of that one
 * the cards use (colours, buttons); the rest keeps the Adaptive Cards defaults.
 */
export function adaptiveCardsHostConfig(w: WebChatConfig): Record<string, unknown> {
  return {
    fontFamily: PRIMARY_FONT,
    fontSizes: { small: 14, default: 16, medium: 18, large: 21, extraLarge: 26 },
    containerStyles: {
      default: {
        foregroundColors: {
          default: { default: textColorOn(w.botBubbleColor), subtle: MUTED },
          accent: { default: w.accentColor, subtle: w.accentColor },
        },
      },
    },
    supportsInteractivity: true,
    actions: {
      actionAlignment: 'stretch',
      actionsOrientation: 'vertical',
      buttonSpacing: 8,
      maxActions: 100,
      showCard: { actionMode: 'inline', inlineTopMargin: 8 },
      spacing: 'default',
    },
    textBlock: { headingLevel: 2 },
  };
}
