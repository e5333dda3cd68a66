/**
 * Human-oversight measures (GDPR Art. 22) from decision logs: review coverage, override rates by
 * direction, reviewer, group and confidence band, commission and omission errors, reliance
 * measures, time on task, seeded-error catch rate and contestations.
 */
package io.privkit.fairness.oversight;
