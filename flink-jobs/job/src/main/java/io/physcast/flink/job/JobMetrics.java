package io.physcast.flink.job;

/**
 * The job's own metrics live in one metric group, so they are told apart from Flink's at a glance:
 * {@code flink_taskmanager_job_task_operator_physcast_...} in Prometheus (docs/metrics.md).
 */
public final class JobMetrics {
    public static final String GROUP = "physcast";

    private JobMetrics() {}
}
