/** The self-contained HTML report and the inline SVG charts Privkit draws for it. */
package io.privkit.evidence.render.html;
