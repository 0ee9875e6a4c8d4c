package dev.parley.store;

/**
 * A snapshot of the write queue's counters, for /metrics.
 *
 * @param commits transactions committed
 * @param tasks tasks run (committed or failed)
 * @param failedTasks tasks whose future failed
 * @param lastBatchSize tasks in the most recent transaction
 * @param averageBatchSize tasks per committed transaction
 * @param maxBatchSize the largest transaction so far
 * @param queueDepth tasks waiting now
 * @param queueCapacity tasks that may wait before submissions are refused
 */
public record WriteStats(long commits, long tasks, long failedTasks, int lastBatchSize, double averageBatchSize,
                         int maxBatchSize, int queueDepth, int queueCapacity) {}
