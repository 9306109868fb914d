package cn.finalaccounts.support.rebuild;

import cn.finalaccounts.support.consumer.ConsumerStatus;
import cn.finalaccounts.support.consumer.EventConsumer;
import cn.finalaccounts.support.consumer.OffsetStore;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import cn.finalaccounts.support.fault.OutageGuard;
import cn.finalaccounts.support.kafka.KafkaClientSettings;
import cn.finalaccounts.support.security.TreeRebuild;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds what the service derives from events from the source of truth: the derived state and the offsets are
 * emptied, the loop reads the topics from the beginning, and the source services re-publish their current state
 * ({@link SnapshotSources}), so the result does not depend on what the topics still hold. The rebuild is complete
 * when the stored offsets reach the end the topics had once every source was done.
 *
 * <p>It starts on an operator's request, by itself when the loop finds stored offsets the topics cannot serve (the
 * topics were recreated or the broker replaced: {@code fa.rebuild.on-misplaced-offsets}), and again after a crash
 * in the middle of one. Runs are recorded in {@code rebuild_run}. Run rebuilds with one instance of the service.
 */
@ApplicationScoped
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class RebuildCoordinator implements TreeRebuild {
    private static final Logger LOG = Logger.getLogger(RebuildCoordinator.class);

    @Inject
    EventConsumer consumer;

    @Inject
    OffsetStore offsets;

    @Inject
    Instance<DerivedState> derivedState;

    @Inject
    SnapshotSources sources;

    @Inject
    RebuildRuns runs;

    @Inject
    KafkaClientSettings kafka;

    @ConfigProperty(name = "fa.kafka.topics")
    List<String> topics;

    /** Rebuild by itself when stored offsets do not fit the topics (instead of only reporting it). */
    @ConfigProperty(name = "fa.rebuild.on-misplaced-offsets", defaultValue = "true")
    boolean repairMisplacedOffsets;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rebuild");
        t.setDaemon(true);
        return t;
    });
    private volatile RebuildRun current;

    void resumeUnfinished(@Observes StartupEvent event) {
        try {
            runs.latest().filter(r -> r.completedAt() == null).ifPresent(r -> {
                LOG.infof("a rebuild (%s) did not finish before the service stopped; finishing it", r.reason());
                if (r.sourcesDoneAt() == null) {
                    restart(r.reason() + " (resumed after a restart)");
                } else {
                    current = r;
                    worker.submit(() -> awaitCaughtUp(r));
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not look for an unfinished rebuild at start-up: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /** The rebuild under way, or empty; reads of the derived state say so instead of answering half a result. */
    public Optional<RebuildRun> inProgress() {
        return Optional.ofNullable(current);
    }

    /** For {@link cn.finalaccounts.support.security.Access}: a scope decided now may be false. */
    @Override
    public Optional<String> underWay() {
        return inProgress().map(RebuildCoordinator::describe);
    }

    public static String describe(RebuildRun run) {
        return "rebuild " + run.id() + " (" + run.reason() + ") started at " + run.startedAt() + " and is "
                + run.phase();
    }

    /** Starts a rebuild unless one is under way; returns the run either way. */
    public synchronized RebuildRun start(String reason) {
        if (current != null) {
            return current;
        }
        return restart(reason);
    }

    private synchronized RebuildRun restart(String reason) {
        RebuildRun run = runs.begin(reason);
        LOG.infof("rebuild %d: %s", run.id(), reason);
        // Under way before anything is emptied: from the moment the derived state (the mirrored tree a scope is
        // read from included) is gone, every read must see the rebuild and answer 503, never 403 or 404.
        current = run;
        try {
            consumer.restartFromScratch(() -> {
                derivedState.stream().forEach(DerivedState::clear);
                offsets.clear();
            });
        } catch (RuntimeException e) {
            // Nothing was emptied and the loop goes on as before; the run stays unfinished, so it is started again
            // (by the watcher, an operator, or the next start-up).
            current = null;
            runs.failedOnce(run.id(), "could not empty the derived state: " + e.getMessage());
            throw e;
        }
        worker.submit(() -> askSourcesThenAwait(run));
        return run;
    }

    @Scheduled(every = "${fa.rebuild.watch-interval:5s}", delayed = "5s")
    void repairMisplacedOffsets() {
        if (!repairMisplacedOffsets || current != null) {
            return;
        }
        ConsumerStatus s = consumer.status();
        if (!s.misplacedOffsets().isEmpty()) {
            ConsumerStatus.MisplacedOffset first = s.misplacedOffsets().get(0);
            try {
                start(first.topic() + "-" + first.partition() + ": " + first.reason());
            } catch (RuntimeException e) {
                LOG.warnf("could not start the rebuild yet (tried again in a moment): %s", e.getMessage());
            }
        }
    }

    private void askSourcesThenAwait(RebuildRun run) {
        try {
            sources.snapshotAll(error -> runs.failedOnce(run.id(), error));
            Guard untilDone = OutageGuard.create("rebuild-target", Duration.ofSeconds(1), Duration.ofSeconds(30),
                    () -> !Thread.currentThread().isInterrupted(), e -> runs.failedOnce(run.id(), e.getMessage()));
            untilDone.get(() -> {
                runs.sourcesDone(run.id(), endOffsets());
                return null;
            }, Void.class);
            RebuildRun replaying = runs.latest().orElseThrow();
            current = replaying;
            awaitCaughtUp(replaying);
        } catch (RuntimeException e) {
            // Only an interruption (the service stopping) gets here; the next start finishes the run.
            LOG.warnf("rebuild %d interrupted: %s; it is finished at the next start", run.id(), e.getMessage());
        }
    }

    private void awaitCaughtUp(RebuildRun run) {
        Map<TopicPartition, Long> target = parse(run.target());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Map<TopicPartition, Long> stored = offsets.load();
                if (target.entrySet().stream().allMatch(e -> stored.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                    // The gate opens before the run is recorded as completed: whoever sees COMPLETED must be able to
                    // read at once (opened after, a reader could see COMPLETED and still get the 503). The figures
                    // are whole already: every target offset is stored, and offsets commit with their figures.
                    current = null;
                    runs.completed(run.id());
                    LOG.infof("rebuild %d complete", run.id());
                    return;
                }
            } catch (RuntimeException e) {
                LOG.debugf("rebuild %d: could not compare the offsets yet: %s", run.id(), e.getMessage());
            }
            try {
                Thread.sleep(250); // how often the stored offsets are compared with the target
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The end of every partition of the topics now, as "topic:partition=offset" joined by commas. */
    private String endOffsets() {
        Map<String, Object> settings = kafka.common();
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(settings)) {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, d) ->
                    d.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .map(e -> e.getKey().topic() + ":" + e.getKey().partition() + "=" + e.getValue().offset())
                    .sorted().collect(Collectors.joining(","));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end of the topics: " + e.getMessage(), e);
        }
    }

    static Map<TopicPartition, Long> parse(String target) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (target == null || target.isBlank()) {
            return offsets;
        }
        for (String entry : target.split(",")) {
            int colon = entry.lastIndexOf(':');
            int equals = entry.lastIndexOf('=');
            offsets.put(new TopicPartition(entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1, equals))),
                    Long.parseLong(entry.substring(equals + 1)));
        }
        return offsets;
    }
}
