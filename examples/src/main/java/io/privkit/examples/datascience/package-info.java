/** Quick starts for data scientists using Privkit as a Java library. */
package io.privkit.examples.datascience;
