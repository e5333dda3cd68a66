/** Quick starts for MLOps jobs: the privkit command in a pipeline, gating on its exit codes. */
package io.privkit.examples.mlops;
