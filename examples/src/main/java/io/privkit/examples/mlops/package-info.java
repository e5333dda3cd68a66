<<<<<<< HEAD
/** Quick starts for pipelines and operators: the CLI run as separate processes, with exit codes. */
=======
/** Quick starts for MLOps jobs: the privkit command in a pipeline, gating on its exit codes. */
>>>>>>> refs/heads/dp-core
package io.privkit.examples.mlops;
