// html-to-text ships no types; it is mailparser's own HTML-to-text converter (ADR 024). Only what we call.
declare module "html-to-text" {
  export function htmlToText(
    html: string,
    options?: {
      wordwrap?: number | false;
      limits?: { maxInputLength?: number; maxDepth?: number; maxChildNodes?: number; ellipsis?: string };
      selectors?: { selector: string; format?: string; options?: Record<string, unknown> }[];
    },
  ): string;
}
