/**
 * Quick starts for MLOps jobs: the privkit command in a pipeline, gating on its exit codes, and
 * run as separate processes (a federated coordinator and its sites).
 */
package io.privkit.examples.mlops;
