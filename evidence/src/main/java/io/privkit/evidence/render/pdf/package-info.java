/** The PDF report (Apache PDFBox): flowing layout, vector charts, embedded fonts and the JSON source attached. */
package io.privkit.evidence.render.pdf;
