/**
 * Renderings of evidence: records as Markdown, bundle documents as Markdown for pull requests, the
 * CNIL PIA measures fragment, and the chart data shared by the HTML and PDF reports.
 */
package io.privkit.evidence.render;
