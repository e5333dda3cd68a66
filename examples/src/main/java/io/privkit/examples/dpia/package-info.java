/** Quick starts for DPIA authors: reading, checking and citing evidence bundles. */
package io.privkit.examples.dpia;
