import "server-only";
import { htmlToText } from "html-to-text";

/**
 * HTML as plain text, for a mail body or an HTML attachment: no script, style, image or markup survives;
 * a link keeps its target only when it is http(s) or mailto (never `javascript:`). Never rendered as HTML.
 */
export function htmlAsText(html: string, maxInputLength = 16 * 1024 * 1024): string {
  return htmlToText(html, {
    wordwrap: false,
    limits: { maxInputLength, maxDepth: 256 },
    selectors: [
      { selector: "img", format: "skip" },
      {
        selector: "a",
        options: {
          hideLinkHrefIfSameAsText: true,
          pathRewrite: (href: string) => (/^(https?:|mailto:)/i.test(href.trim()) ? href : ""),
        },
      },
    ],
  });
}
