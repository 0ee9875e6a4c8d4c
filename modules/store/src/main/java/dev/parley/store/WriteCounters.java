package dev.parley.store;

import java.util.List;

/** The write queue's counters. Written by the writer thread only; read by anyone. */
final class WriteCounters {
    private volatile long commits;
    private volatile long committedTasks;
    private volatile long tasks;
    private volatile long failedTasks;
    private volatile int lastBatch;
    private volatile int maxBatch;

    void committed(List<WriteJob<?>> batch) {
        commits++;
        committedTasks += batch.size();
        tasks += batch.size();
        failedTasks += batch.stream().filter(WriteJob::failed).count();
        lastBatch = batch.size();
        maxBatch = Math.max(maxBatch, batch.size());
    }

    void failedTransaction(int size) {
        tasks += size;
        failedTasks += size;
        lastBatch = size;
    }

    WriteStats snapshot(int queueDepth, int capacity) {
        long c = commits;
        double average = c == 0 ? 0 : (double) committedTasks / c;
        return new WriteStats(c, tasks, failedTasks, lastBatch, average, maxBatch, queueDepth, capacity);
    }
}
