/** Quick starts for pipelines and operators: the CLI run as separate processes, with exit codes. */
package io.privkit.examples.mlops;
