/** The closing report in the formats people ask for: Markdown, self-contained HTML, the JSON model. */
import type { ReportLanguage } from './format.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { toJSON, type CampaignReport } from './model.js';

export const REPORT_FORMATS = ['md', 'html', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One format of the report in one language. */
export function renderReport(report: CampaignReport, lang: ReportLanguage, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return renderMarkdown(report, lang);
    case 'html':
      return renderHtml(report, lang);
    case 'json':
      return toJSON(report);
  }
}
