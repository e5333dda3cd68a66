/**
 * JMH benchmarks of the drift module, each against a peer measured in the same run: exact KS at
 * 10 million values per side against a sort-and-binary-search baseline, CSV profiling throughput
 * against a plain line-splitting read of the same file, ADWIN updates per second against MOA's
 * ADWIN (GPL: only with the opt-in {@code -Pmoa-peer} profile, never in a default build or a shipped
 * artifact), and the KLL sketch KS bound checked in every trial. {@code AdwinDelayComparison} (a plain
 * main class, not JMH) reports detection delays on seeded step changes for every calibrated stream
 * detector and, with the same opt-in profile, Privkit's ADWIN against MOA's on the same streams.
 */
package io.privkit.benchmarks.drift;
