/** Quick starts for MLOps jobs: gate a pipeline on a Privkit check with one CLI call. */
package io.privkit.examples.mlops;
