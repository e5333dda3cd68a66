/**
 * The history of drift runs in an embedded SQLite database ({@link io.privkit.drift.history.RunHistory}),
 * so trends (persistent drift, consecutive alerts, a feature drifting run after run) are visible
 * and cited in the evidence record's trend field.
 */
package io.privkit.drift.history;
