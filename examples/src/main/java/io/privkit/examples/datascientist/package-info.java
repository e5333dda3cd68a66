/** Quick starts for data scientists: Privkit from training and evaluation code. */
package io.privkit.examples.datascientist;
